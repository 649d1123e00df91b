// page-check.mjs PLAN.json -- open mdgraph's HTML pages in Debian's Chromium
// (headless, through playwright-core) and check what a reader does with
// them.  PLAN is a list of pages:
//
//   { "file": "/abs/all.html", "name": "all", "json": "/abs/all.json",
//     "shot": "/abs/all.png",            screenshot after loading
//     "click": "n0", "shot_click": "...", click that box, shot again
//     "search": { "q": "...", "key": "DataSource", "mark": "bk_data_id" },
//     "reload": true, "zoom": true, "toggle": true,
//     "hostile": ["<script>alert(1)</script>", ...] }  panel shows them as text
//
// Prints one line per check, "ok - WHAT" or "not ok - WHAT" and "# " lines;
// exits 0 unless the browser could not be driven.
import { chromium } from "playwright-core";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { inflateSync } from "node:zlib";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));

function ok(cond, what, detail) {
	console.log(`${cond ? "ok" : "not ok"} - ${what}`);
	if (!cond && detail !== undefined)
		for (const l of String(detail).split("\n").slice(0, 20))
			console.log("# " + l.slice(0, 300));
	return cond;
}

// Non-white pixels of a PNG (8-bit RGB or RGBA, not interlaced).
function inkedPixels(png) {
	let p = 8, w = 0, h = 0, ctype = 0;
	const idat = [];
	while (p < png.length) {
		const len = png.readUInt32BE(p), type = png.toString("ascii", p + 4, p + 8);
		const data = png.subarray(p + 8, p + 8 + len);
		if (type === "IHDR") {
			w = data.readUInt32BE(0);
			h = data.readUInt32BE(4);
			ctype = data[9];
			if (data[8] !== 8 || (ctype !== 2 && ctype !== 6) || data[12] !== 0)
				throw new Error("unexpected PNG layout");
		} else if (type === "IDAT")
			idat.push(data);
		p += 12 + len;
	}
	const bpp = ctype === 6 ? 4 : 3, stride = w * bpp;
	const raw = inflateSync(Buffer.concat(idat));
	const cur = Buffer.alloc(stride), prev = Buffer.alloc(stride);
	let inked = 0;
	for (let y = 0; y < h; y++) {
		const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		for (let i = 0; i < stride; i++) {
			const a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
			let v = line[i];
			if (f === 1) v += a;
			else if (f === 2) v += b;
			else if (f === 3) v += (a + b) >> 1;
			else if (f === 4) {
				const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
				v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			}
			cur[i] = v & 255;
		}
		for (let x = 0; x < w; x++)
			if (cur[x * bpp] < 235 || cur[x * bpp + 1] < 235 || cur[x * bpp + 2] < 235)
				inked++;
		cur.copy(prev);
	}
	return { inked, total: w * h };
}

// What the page must never have: elements or handlers the data could bring.
const TAGS = new Set(("html head meta title style body header h1 h2 h3 nav a div " +
    "label input ul li span button details summary fieldset legend table tbody " +
    "tr td th p kbd main aside script svg g polygon path polyline ellipse " +
    "text circle").split(" "));
function inertness() {
	const bad = [];
	for (const e of document.querySelectorAll("*")) {
		const tag = e.localName;
		if (!window.__tags.includes(tag))
			bad.push("element <" + tag + ">");
		for (const a of e.attributes)
			if (/^on/i.test(a.name) || /javascript:/i.test(a.value) && a.name !== "content")
				bad.push(tag + " " + a.name + "=" + a.value.slice(0, 60));
		if (tag === "script" && e.type !== "application/json" && e.src)
			bad.push("script src");
	}
	const scripts = document.querySelectorAll("script");
	if (scripts.length !== 3)
		bad.push(scripts.length + " script elements, not 3");
	if (document.querySelectorAll("a[href]").length > 1)
		bad.push("links: " + document.querySelectorAll("a[href]").length);
	return bad;
}

const userData = mkdtempSync(join(tmpdir(), "mdgraph-chromium-"));
let ctx;
try {
	ctx = await chromium.launchPersistentContext(userData, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		    "--no-first-run", "--disable-background-networking",
		    "--disable-component-update", "--disable-sync"],
		viewport: { width: 1400, height: 900 },
	});
} catch (err) {
	console.log("Bail out! cannot start /usr/bin/chromium: " +
	    String(err.message).split("\n")[0]);
	rmSync(userData, { recursive: true, force: true });
	process.exit(1);
}

for (const pg of plan) {
	const page = await ctx.newPage();
	const url = "file://" + pg.file;
	const errors = [], requests = [], dialogs = [];
	page.on("console", (m) => {
		if (m.type() === "error" || m.type() === "warning")
			errors.push(m.type() + ": " + m.text());
	});
	page.on("pageerror", (e) => errors.push("exception: " + e.message));
	page.on("request", (r) => {
		if (r.url() !== url && !r.url().startsWith(url + "#"))
			requests.push(r.method() + " " + r.url());
	});
	page.on("dialog", async (d) => {
		dialogs.push(d.type() + ": " + d.message());
		await d.dismiss();
	});
	const n = pg.name;
	await page.goto(url);
	await page.evaluate((t) => { window.__tags = t; }, [...TAGS]);
	const view = await page.locator("#view").boundingBox();
	const vbw = () => page.evaluate(() => document.querySelector("#view svg").viewBox.baseVal.width);

	// --- what was written: data, policy, drawing
	const facts = await page.evaluate(() => ({
		csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]').content,
		script: document.querySelector("script:not([type])").textContent,
		style: document.querySelector("style").textContent,
		diagram: document.getElementById("mdgraph-diagram").textContent,
		nodes: document.querySelectorAll("#view g.node").length,
		edges: document.querySelectorAll("#view g.edge").length,
		panel: document.getElementById("panel").textContent,
	}));
	const b64 = (s) => createHash("sha256").update(s, "utf8").digest("base64");
	ok(facts.csp.includes(`script-src 'sha256-${b64(facts.script)}'`) &&
	    facts.csp.includes(`style-src 'sha256-${b64(facts.style)}'`) &&
	    !facts.csp.includes("unsafe-inline") && facts.csp.startsWith("default-src 'none';"),
	    `${n}: the CSP names the SHA-256 of the inline script and style, nothing else`, facts.csp);
	if (pg.json) {
		const want = JSON.parse(readFileSync(pg.json, "utf8"));
		let got;
		try {
			got = JSON.parse(facts.diagram);
		} catch (e) {
			got = e.message;
		}
		ok(isDeepStrictEqual(got, want), `${n}: the embedded JSON parses to the values of -T json`,
		    JSON.stringify(got).slice(0, 400));
		const boxes = want.entities ? want.entities.length :
		    want.nodes.length + want.truncations.length;
		ok(facts.nodes === boxes, `${n}: the SVG has a box per entity or row (${boxes})`,
		    `${facts.nodes} g.node`);
	}
	ok(/\d+ boxes/.test(facts.panel), `${n}: the panel opens with a summary`, facts.panel);
	const shot = await page.screenshot({ path: pg.shot });
	const ink = inkedPixels(shot);
	ok(ink.inked > ink.total * 0.02, `${n}: the screenshot is not blank (${ink.inked} of ${ink.total} pixels inked)`);

	// --- click a box: exactly its relations lit, its neighbours, its panel
	if (pg.click) {
		const want = await page.evaluate((id) => {
			const d = JSON.parse(document.getElementById("mdgraph-diagram").textContent);
			const k = +id.slice(1), edges = [], nbrs = new Set();
			if (d.entities) {
				const name = d.entities[k].name;
				d.relations.forEach((r, i) => {
					if (r.left === name || r.right === name) {
						edges.push("e" + i);
						const o = r.left === name ? r.right : r.left;
						if (o !== name)
							nbrs.add("n" + d.entities.findIndex((e) => e.name === o));
					}
				});
				return { edges, nbrs: [...nbrs], text: d.entities[k].attributes.map((a) => a.name), key: name };
			}
			const me = d.nodes[k].id;
			d.edges.forEach((e, i) => {
				if (e.from === me || e.to === me) {
					edges.push("e" + i);
					const o = e.from === me ? e.to : e.from;
					nbrs.add("n" + d.nodes.findIndex((x) => x.id === o));
				}
			});
			d.truncations.forEach((t, i) => {
				if (t.parent === me) {
					edges.push("t" + i);
					nbrs.add("m" + i);
				}
			});
			const vals = Object.values(d.nodes[k].keys).concat(Object.values(d.nodes[k].attributes));
			return { edges, nbrs: [...nbrs], text: vals.filter((v) => v !== null), key: me };
		}, pg.click);
		await page.locator("#" + pg.click).click();
		const got = await page.evaluate(() => ({
			edges: [...document.querySelectorAll("#view g.edge.hl")].map((g) => g.id),
			nbrs: [...document.querySelectorAll("#view g.node.nb")].map((g) => g.id),
			sel: [...document.querySelectorAll("#view g.node.sel")].map((g) => g.id),
			dimmed: document.querySelector("#view svg").classList.contains("has-sel"),
			panel: [...document.querySelectorAll("#panel td, #panel h2")].map((t) => t.textContent),
			hash: decodeURIComponent(location.hash.slice(1)),
		}));
		const sorted = (a) => [...a].sort();
		ok(want.edges.length > 0 && isDeepStrictEqual(sorted(got.edges), sorted(want.edges)),
		    `${n}: a click on ${pg.click} lights exactly its ${want.edges.length} relations`,
		    `lit ${sorted(got.edges)}\nwant ${sorted(want.edges)}`);
		ok(isDeepStrictEqual(sorted(got.nbrs), sorted(want.nbrs)) && got.sel.join() === pg.click && got.dimmed,
		    `${n}: it and its ${want.nbrs.length} neighbours are marked, the rest dimmed`,
		    `nb ${sorted(got.nbrs)}\nwant ${sorted(want.nbrs)}\nsel ${got.sel}`);
		const missing = want.text.filter((t) => !got.panel.includes(t));
		ok(missing.length === 0 && got.panel.includes(want.key.split(":")[0]),
		    `${n}: the panel shows its ${want.text.length} ${pg.json && pg.json.includes("schema") ? "columns" : "columns or values"}`,
		    "missing: " + missing.join(", "));
		ok(got.hash === want.key, `${n}: the fragment names the selection`, got.hash);
		if (pg.shot_click)
			await page.screenshot({ path: pg.shot_click });
		if (pg.reload) {
			await page.reload();
			await page.evaluate((t) => { window.__tags = t; }, [...TAGS]);
			const again = await page.evaluate(() => ({
				sel: [...document.querySelectorAll("#view g.node.sel")].map((g) => g.id),
				lit: document.querySelectorAll("#view g.edge.hl").length,
			}));
			ok(again.sel.join() === pg.click && again.lit === want.edges.length,
			    `${n}: after a reload the fragment restores the selection`, JSON.stringify(again));
		}
		await page.keyboard.press("Escape");
		ok(await page.evaluate(() => !document.querySelector("#view g.sel") && location.hash === ""),
		    `${n}: Escape clears the selection and the fragment`);
	}

	// --- search: type, Enter, centred and marked
	if (pg.search) {
		await page.keyboard.press("/");
		ok(await page.evaluate(() => document.activeElement.id === "q"), `${n}: / focuses the search box`);
		await page.keyboard.type(pg.search.q);
		const listed = await page.locator("#hits li[role=option]").count();
		await page.keyboard.press("Enter");
		const got = await page.evaluate(() => {
			const g = document.querySelector("#view g.node.sel");
			const r = g && g.getBoundingClientRect();
			return {
				hash: decodeURIComponent(location.hash.slice(1)),
				cx: r && r.x + r.width / 2, cy: r && r.y + r.height / 2,
				found: [...document.querySelectorAll("#view text.found")].map((t) => t.textContent),
			};
		});
		ok(listed > 0 && got.hash === pg.search.key,
		    `${n}: searching "${pg.search.q}" lists matches and Enter selects ${pg.search.key}`,
		    `${listed} listed, selected ${got.hash}`);
		ok(Math.abs(got.cx - (view.x + view.width / 2)) < 3 && Math.abs(got.cy - (view.y + view.height / 2)) < 3,
		    `${n}: and centres it`, `centre ${got.cx},${got.cy} view ${view.x + view.width / 2},${view.y + view.height / 2}`);
		if (pg.search.mark !== undefined)
			ok(got.found.length > 0 && got.found.every((t) => t.replace(/\u00a0/g, " ").trim() === pg.search.mark),
			    `${n}: and marks the matching row`, JSON.stringify(got.found));
		if (pg.shot_search)
			await page.screenshot({ path: pg.shot_search });
	}

	// --- keyboard zoom and fit
	if (pg.zoom) {
		await page.locator("#title").click();
		await page.keyboard.press("0");
		const w0 = await vbw();
		await page.keyboard.press("+");
		const w1 = await vbw();
		await page.keyboard.press("-");
		await page.keyboard.press("-");
		const w2 = await vbw();
		await page.keyboard.press("ArrowRight");
		const x = await page.evaluate(() => document.querySelector("#view svg").viewBox.baseVal.x);
		await page.keyboard.press("0");
		const w3 = await vbw();
		ok(Math.abs(w1 - w0 / 1.25) < 0.5 && w2 > w0 && Math.abs(w3 - w0) < 0.5 && Number.isFinite(x),
		    `${n}: + and - zoom, 0 fits again`, `${w0} ${w1} ${w2} ${w3}`);
		// Keyboard alone: focus a box and select it with Enter.
		await page.locator("#n1").focus();
		await page.keyboard.press("Enter");
		ok(await page.evaluate(() => document.querySelector("#n1").classList.contains("sel")),
		    `${n}: a focused box is selected with Enter`);
		await page.keyboard.press("Escape");
	}

	// --- chain toggles
	if (pg.toggle) {
		const r = await page.evaluate(() => {
			const box = document.querySelector("#chain-list input");
			const d = JSON.parse(document.getElementById("mdgraph-diagram").textContent);
			box.click();
			const page = JSON.parse(document.getElementById("mdgraph-page").textContent);
			const want = (d.entities || d.nodes).map((e, i) => e.chain === box.value ? "n" + i : null)
			    .concat((page.truncation_chains || []).map((c, i) => c === box.value ? "m" + i : null))
			    .filter(Boolean);
			const off = [...document.querySelectorAll("#view g.node.off")].map((g) => g.id);
			box.click();
			return { chain: box.value, want, off, back: document.querySelectorAll("#view .off").length };
		});
		ok(r.want.length > 0 && isDeepStrictEqual(r.off.sort(), r.want.sort()) && r.back === 0,
		    `${n}: the ${r.chain} toggle hides exactly its ${r.want.length} boxes, and shows them again`,
		    JSON.stringify(r).slice(0, 300));
	}

	// --- hostile values: shown as text, never run
	if (pg.hostile) {
		for (const [i, q] of pg.hostile.entries()) {
			await page.locator("#q").fill(q);
			await page.locator("#q").press("Enter");
			const panel = await page.evaluate(() => document.getElementById("panel").textContent);
			ok(panel.includes(q), `${n}: hostile value ${i + 1} is found and shown as text in the panel`,
			    JSON.stringify(q));
		}
		for (const id of await page.evaluate(() => [...document.querySelectorAll("#view g.node")].map((g) => g.id)).then((a) => a.slice(0, 40)))
			await page.evaluate((i) => document.getElementById(i).dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })), id);
		const bad = await page.evaluate(inertness);
		ok(bad.length === 0, `${n}: no element, handler or script came from the data`, bad.join("\n"));
	}
	ok(dialogs.length === 0, `${n}: no dialog opened`, dialogs.join("\n"));
	ok(errors.length === 0, `${n}: no console error or warning`, errors.join("\n"));
	ok(requests.length === 0, `${n}: no request besides the page itself`, requests.join("\n"));
	await page.close();
}
await ctx.close();
rmSync(userData, { recursive: true, force: true });
