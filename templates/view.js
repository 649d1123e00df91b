
/*
 * mdgraph's interactive page.  The drawing is Graphviz's SVG; its node
 * and edge groups have ids that index the embedded -T json document
 * (n<i>, e<i>; in an instance also m<k>, t<k> for truncation k).  Every
 * value is put into the page as text (textContent, setAttribute of plain
 * attributes), never as markup, and nothing from the data is run.
 */
(function () {
"use strict";

/* ---------------------------------------------------------------- data */
/*
 * The one place that reads the embedded data: it turns the schema or
 * instance document into items (boxes) and links (edges) the rest of the
 * page uses.  A field the page does not know yet (say, health findings on
 * an instance row) is kept in `extra` and shown as it is.
 */
function readData() {
	var page = JSON.parse(byId("mdgraph-page").textContent);
	var doc = JSON.parse(byId("mdgraph-diagram").textContent);
	var model = {
		kind: page.kind, title: page.title, chains: page.chains || [],
		items: [], links: [], byKey: Object.create(null),
		bySvg: Object.create(null), root: null
	};
	if (page.kind === "instance")
		readInstance(model, page, doc);
	else
		readSchema(model, doc);
	model.items.forEach(function (it) {
		model.byKey[it.key] = it;
		model.bySvg[it.svg] = it;
	});
	model.links.forEach(function (l) {
		model.bySvg[l.svg] = l;
		l.from.links.push(l);
		if (l.to !== l.from)
			l.to.links.push(l);
	});
	return model;
}

var CARD = {
	"one": "exactly one", "zero-or-one": "zero or one",
	"zero-or-many": "zero or many", "one-or-many": "one or many"
};

/* The columns a join side reads, and the side as model text. */
function termColumns(terms) {
	var cols = [];
	(terms || []).forEach(function (t) {
		if (t.kind === "any")
			cols = cols.concat(t.columns);
		else if (t.kind === "concat")
			t.parts.forEach(function (p) {
				if (p.column !== undefined)
					cols.push(p.column);
			});
		else
			cols.push(t.column);
	});
	return cols;
}

function termText(terms) {
	return (terms || []).map(function (t) {
		if (t.kind === "any")
			return "any(" + t.columns.join(", ") + ")";
		if (t.kind === "elem")
			return "elem(" + t.column + ")";
		if (t.kind === "concat")
			return "concat(" + t.parts.map(function (p) {
				return p.column !== undefined ? p.column :
				    "'" + p.literal + "'";
			}).join(", ") + ")";
		if (t.kind === "map")
			return "map(" + t.column + ")";
		return t.column;
	}).join(" + ");
}

function readRelation(r) {
	return {
		chain: r.chain, label: r.label, identifying: r.identifying,
		leftCard: r.left_cardinality, rightCard: r.right_cardinality,
		leftCols: termColumns(r.join.left),
		rightCols: termColumns(r.join.right),
		on: termText(r.join.left) + " = " + termText(r.join.right)
	};
}

function readSchema(model, doc) {
	if (!model.chains.length)
		model.chains = doc.chains;
	doc.entities.forEach(function (e, i) {
		var it = item("entity", e.name, "n" + i, e.name, e.chain);
		it.table = e.table;
		it.sub = e.table;
		it.attrs = e.attributes;
		if (e.present === false)
			it.marks.push(["bad", "missing from the database"]);
		else if (e.readable === false)
			it.marks.push(["warn", "not readable: no SELECT privilege"]);
		if (e.rows !== undefined)
			it.rows = e.rows === null ? "unknown" :
			    (e.rows_exact ? "" : "~") + e.rows.toLocaleString("en");
		it.missing = e.present === false;
		it.search.push(["entity", e.name]);
		if (e.table)
			it.search.push(["table", e.table]);
		e.attributes.forEach(function (a) {
			it.search.push(["column", a.name, a.name]);
		});
		model.items.push(it);
	});
	var byName = Object.create(null);
	model.items.forEach(function (it) { byName[it.name] = it; });
	doc.relations.forEach(function (r, i) {
		var l = readRelation(r);
		l.svg = "e" + i;
		l.from = byName[r.left];
		l.to = byName[r.right];
		l.extra = [];
		model.links.push(l);
	});
}

var NODE_FIELDS = ["id", "entity", "table", "chain", "layer", "keys",
    "attributes", "missing"];
var EDGE_FIELDS = ["relation", "left", "right", "chain", "from", "to",
    "breach"];

/* Fields of o not in known, as [name, value] pairs. */
function extraFields(o, known) {
	return Object.keys(o).filter(function (k) {
		return known.indexOf(k) < 0;
	}).map(function (k) { return [k, o[k]]; });
}

function readInstance(model, page, doc) {
	var rows = Object.create(null);
	model.root = doc.root;
	doc.nodes.forEach(function (n, i) {
		var it = item("row", n.id, "n" + i, n.entity, n.chain);
		it.table = n.table;
		it.sub = n.id;
		it.layer = n.layer;
		it.keys = n.keys;
		it.values = n.attributes;
		it.missing = n.missing === true;
		if (it.missing)
			it.marks.push(["bad", "not found"]);
		if (n.layer === 0)
			it.marks.push(["good", "root"]);
		it.extra = extraFields(n, NODE_FIELDS);
		it.search.push(["entity", n.entity]);
		if (n.table)
			it.search.push(["table", n.table]);
		[n.keys, n.attributes].forEach(function (vals, isAttr) {
			Object.keys(vals).forEach(function (k) {
				if (vals[k] !== null)
					it.search.push([isAttr ? "value" : "key",
					    k + " = " + vals[k], vals[k]]);
			});
		});
		rows[n.id] = it;
		model.items.push(it);
	});
	var rels = (page.relations || []).map(readRelation);
	doc.edges.forEach(function (e, i) {
		var r = rels[page.edge_relations[i]] || {};
		var l = Object.assign({}, r);
		l.svg = "e" + i;
		l.label = e.relation;
		l.chain = e.chain;
		l.from = rows[e.from];
		l.to = rows[e.to];
		l.breach = e.breach;
		l.extra = extraFields(e, EDGE_FIELDS);
		if (l.from && l.to)
			model.links.push(l);
	});
	doc.truncations.forEach(function (t, i) {
		var parent = rows[t.parent];
		var it = item("more", "more:" + i, "m" + i, t.entity, "");
		var r = rels[page.truncation_relations[i]] || {};
		it.sub = "+" + (t.total - t.shown).toLocaleString("en") +
		    " more of " + t.total.toLocaleString("en") + " in all";
		it.truncation = t;
		it.chain = (page.truncation_chains || [])[i] ||
		    (parent ? parent.chain : "");
		it.search.push(["entity", t.entity]);
		model.items.push(it);
		if (parent) {
			var l = Object.assign({}, r);
			l.svg = "t" + i;
			l.label = t.relation;
			l.from = parent;
			l.to = it;
			l.extra = [];
			model.links.push(l);
		}
	});
}

function item(type, key, svg, name, chain) {
	return {
		type: type, key: key, svg: svg, name: name, chain: chain,
		links: [], marks: [], search: [], extra: []
	};
}

/* ----------------------------------------------------------------- DOM */
function byId(id) { return document.getElementById(id); }

function el(tag, cls, text) {
	var e = document.createElement(tag);
	if (cls)
		e.className = cls;
	if (text !== undefined && text !== null)
		e.textContent = String(text);
	return e;
}

var M = readData();
var view = byId("view");
var svg = view.querySelector("svg");
var panel = byId("panel");
var graph = svg.querySelector("g.graph");
var sel = null;		/* the selected item or link */

/* Each SVG group, and the data it draws. */
var groups = Object.create(null);
Array.prototype.forEach.call(svg.querySelectorAll("g.node, g.edge"),
    function (g) {
	var d = M.bySvg[g.id];
	if (!d)
		return;
	groups[g.id] = g;
	d.g = g;
});
M.items.forEach(function (it) {
	if (!it.g)
		return;
	it.g.setAttribute("tabindex", "0");
	it.g.setAttribute("role", "button");
	it.g.setAttribute("aria-label", it.name + (it.type === "row" ?
	    " " + it.sub : it.type === "more" ? " " + it.sub : ""));
	if (it.missing)
		it.g.classList.add("missing");
});
M.links.forEach(function (l) {
	if (l.g && l.breach)
		l.g.classList.add("breach");
});

/* --------------------------------------------------------- pan and zoom */
var full = svg.viewBox.baseVal;
var home = { x: full.x, y: full.y, w: full.width, h: full.height };
var vb = { x: home.x, y: home.y, w: home.w, h: home.h };
svg.removeAttribute("width");
svg.removeAttribute("height");

function apply() {
	svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].map(function (n) {
		return Math.round(n * 100) / 100;
	}).join(" "));
}

/* Screen pixels per SVG unit at the current zoom. */
function scale() {
	var r = view.getBoundingClientRect();
	return Math.min(r.width / vb.w, r.height / vb.h) || 1;
}

function fit() {
	var r = view.getBoundingClientRect();
	var s = Math.min(r.width / home.w, r.height / home.h) || 1;
	vb.w = r.width / s;
	vb.h = r.height / s;
	vb.x = home.x - (vb.w - home.w) / 2;
	vb.y = home.y - (vb.h - home.h) / 2;
	apply();
}

/* The SVG point under client point (cx, cy). */
function toSvg(cx, cy) {
	var r = view.getBoundingClientRect(), s = scale();
	var ox = (r.width - vb.w * s) / 2, oy = (r.height - vb.h * s) / 2;
	return { x: vb.x + (cx - r.left - ox) / s, y: vb.y + (cy - r.top - oy) / s };
}

/* Zoom by f (>1 is in) around client point (cx, cy), or the centre. */
function zoom(f, cx, cy) {
	var r = view.getBoundingClientRect();
	if (cx === undefined) {
		cx = r.left + r.width / 2;
		cy = r.top + r.height / 2;
	}
	var s = scale() * f;
	if (s > 8 || s < 0.02)
		return;
	var p = toSvg(cx, cy);
	vb.w /= f;
	vb.h /= f;
	vb.x = p.x - (p.x - vb.x) / f;
	vb.y = p.y - (p.y - vb.y) / f;
	apply();
}

function pan(dx, dy) {
	var s = scale();
	vb.x -= dx / s;
	vb.y -= dy / s;
	apply();
}

/* A group's box in the SVG's own units. */
function box(g) {
	/* Graphviz's one transform, from the drawing to the viewBox. */
	var b = g.getBBox(), t = graph.transform.baseVal.consolidate().matrix;
	var p1 = { x: t.a * b.x + t.c * b.y + t.e, y: t.b * b.x + t.d * b.y + t.f };
	var p2 = { x: t.a * (b.x + b.width) + t.c * (b.y + b.height) + t.e,
	    y: t.b * (b.x + b.width) + t.d * (b.y + b.height) + t.f };
	return { x: Math.min(p1.x, p2.x), y: Math.min(p1.y, p2.y),
	    w: Math.abs(p2.x - p1.x), h: Math.abs(p2.y - p1.y) };
}

/* Centre the group, zoomed in enough to read it. */
function centre(g) {
	var r = view.getBoundingClientRect(), b = box(g);
	var s = Math.max(scale(), 1);
	s = Math.min(s, 0.8 * r.width / b.w, 0.8 * r.height / b.h);
	vb.w = r.width / s;
	vb.h = r.height / s;
	vb.x = b.x + b.w / 2 - vb.w / 2;
	vb.y = b.y + b.h / 2 - vb.h / 2;
	apply();
}

/*
 * Zoom in (never out) until the groups fit, at most to 1.2 pixels a unit:
 * a click on a small box shows the box and what touches it.
 */
function focusOn(gs) {
	var r = view.getBoundingClientRect(), x0 = Infinity, y0 = Infinity;
	var x1 = -Infinity, y1 = -Infinity;
	gs.forEach(function (g) {
		var b = box(g);
		x0 = Math.min(x0, b.x);
		y0 = Math.min(y0, b.y);
		x1 = Math.max(x1, b.x + b.w);
		y1 = Math.max(y1, b.y + b.h);
	});
	if (!gs.length)
		return;
	var s = Math.min(1.2, 0.9 * r.width / (x1 - x0), 0.9 * r.height / (y1 - y0));
	if (s <= scale())
		return;
	vb.w = r.width / s;
	vb.h = r.height / s;
	vb.x = (x0 + x1) / 2 - vb.w / 2;
	vb.y = (y0 + y1) / 2 - vb.h / 2;
	apply();
}

/* Pan just enough to show the group (keyboard focus). */
function reveal(g) {
	var b = box(g);
	if (b.x < vb.x || b.y < vb.y || b.x + b.w > vb.x + vb.w ||
	    b.y + b.h > vb.y + vb.h)
		centre(g);
}

view.addEventListener("wheel", function (ev) {
	ev.preventDefault();
	zoom(Math.pow(1.0015, -ev.deltaY * (ev.deltaMode ? 30 : 1)),
	    ev.clientX, ev.clientY);
}, { passive: false });

var drag = null;
view.addEventListener("pointerdown", function (ev) {
	if (ev.button !== 0)
		return;
	drag = { x: ev.clientX, y: ev.clientY, moved: false, id: ev.pointerId };
});
view.addEventListener("pointermove", function (ev) {
	if (!drag || ev.pointerId !== drag.id)
		return;
	var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
	if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4)
		return;
	if (!drag.moved) {
		drag.moved = true;
		view.setPointerCapture(ev.pointerId);
		view.classList.add("dragging");
	}
	drag.x = ev.clientX;
	drag.y = ev.clientY;
	pan(dx, dy);
});
function endDrag(ev) {
	if (!drag || ev.pointerId !== drag.id)
		return;
	var moved = drag.moved;
	drag = null;
	view.classList.remove("dragging");
	if (moved)
		return;
	/* A click: the box or edge under it, or nothing. */
	var g = ev.target.closest && ev.target.closest("g.node, g.edge");
	var d = g && M.bySvg[g.id];
	select(d || null, false);
}
view.addEventListener("pointerup", endDrag);
view.addEventListener("pointercancel", function () {
	drag = null;
	view.classList.remove("dragging");
});

byId("zoom-in").addEventListener("click", function () { zoom(1.25); });
byId("zoom-out").addEventListener("click", function () { zoom(0.8); });
byId("zoom-fit").addEventListener("click", fit);
window.addEventListener("resize", function () {
	var c = { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }, s = scale();
	var r = view.getBoundingClientRect();
	vb.w = r.width / s;
	vb.h = r.height / s;
	vb.x = c.x - vb.w / 2;
	vb.y = c.y - vb.h / 2;
	apply();
});

/* ----------------------------------------------------------- selection */
function clearMarks(cls) {
	Array.prototype.forEach.call(svg.querySelectorAll("." + cls),
	    function (e) { e.classList.remove(cls); });
}

/* The <text> elements of a box that read exactly `s`. */
function texts(g, s) {
	return Array.prototype.filter.call(g.querySelectorAll("text"),
	    function (t) {
		var x = t.textContent.replace(/\u00a0/g, " ").trim();
		return x === s || x === s + " (missing)";
	});
}

function markColumns(it, cols) {
	if (!it.g)
		return;
	cols.forEach(function (c) {
		texts(it.g, c).forEach(function (t) { t.classList.add("join"); });
	});
}

/* The join columns of link l on item it's end. */
function joinCols(l, it) {
	if (it.type === "more")
		return [];
	return (l.from === it ? l.leftCols : l.rightCols) || [];
}

/* Select an item or a link (null clears); remember it in the fragment. */
function select(d, jump) {
	sel = d;
	["sel", "nb", "hl", "join"].forEach(clearMarks);
	svg.classList.toggle("has-sel", !!d);
	if (d && d.links) {
		if (d.g)
			d.g.classList.add("sel");
		d.links.forEach(function (l) {
			var o = l.from === d ? l.to : l.from;
			if (l.g)
				l.g.classList.add("hl");
			if (o.g && o !== d)
				o.g.classList.add("nb");
			markColumns(d, joinCols(l, d));
			markColumns(o, joinCols(l, o));
		});
	} else if (d) {
		if (d.g)
			d.g.classList.add("hl");
		[d.from, d.to].forEach(function (o) {
			if (o.g)
				o.g.classList.add("nb");
			markColumns(o, joinCols(d, o));
		});
	}
	showPanel(d);
	var frag = d ? "#" + encodeURIComponent(d.links ? d.key :
	    "edge:" + d.svg) : "";
	if (location.hash !== frag && (frag || location.hash)) {
		try {
			history.replaceState(null, "", frag || location.pathname +
			    location.search);
		} catch (e) {
			location.replace(frag || "#");
		}
	}
	if (jump && d && d.g)
		centre(d.g);
	else if (d)
		focusOn((d.links ? [d].concat(d.links.map(function (l) {
		    return l.from === d ? l.to : l.from; })) : [d.from, d.to])
		    .filter(function (o) { return o.g && !o.g.classList.contains(
		    "off"); }).map(function (o) { return o.g; }));
}

function fromFragment() {
	var h = location.hash.slice(1), key;
	if (!h)
		return null;
	try {
		key = decodeURIComponent(h);
	} catch (e) {
		return null;
	}
	if (key.indexOf("edge:") === 0)
		return M.bySvg[key.slice(5)] || null;
	return M.byKey[key] || null;
}

window.addEventListener("hashchange", function () {
	var d = fromFragment();
	if (d !== sel)
		select(d, true);
});

/* --------------------------------------------------------------- panel */
function chainTitle(name) {
	for (var i = 0; i < M.chains.length; i++)
		if (M.chains[i].name === name)
			return M.chains[i].title + " (" + name + ")";
	return name;
}

function goButton(it, text) {
	var b = el("button", "go", text);
	b.type = "button";
	b.addEventListener("click", function () { select(it, true); });
	return b;
}

function valueCell(v) {
	var td = el("td", "v");
	if (v === null)
		td.appendChild(el("span", "null", "NULL"));
	else
		td.textContent = typeof v === "string" ? v : JSON.stringify(v);
	return td;
}

function row(cells, cls) {
	var tr = el("tr", cls);
	cells.forEach(function (c) {
		tr.appendChild(c instanceof Node ? c : el("td", "", c));
	});
	return tr;
}

function header(cols) {
	var tr = el("tr");
	cols.forEach(function (c) { tr.appendChild(el("th", "", c)); });
	return tr;
}

/* Fields no version of this page knew about: name and value, as text. */
function extraSection(list, title) {
	if (!list.length)
		return;
	panel.appendChild(el("h3", "", title));
	var t = el("table");
	list.forEach(function (f) {
		var v = f[1];
		if (Array.isArray(v) && v.length && typeof v[0] === "object") {
			v.forEach(function (x, i) {
				t.appendChild(row([el("td", "k", i ? "" : f[0]),
				    valueCell(x)]));
			});
		} else
			t.appendChild(row([el("td", "k", f[0]), valueCell(v)]));
	});
	panel.appendChild(t);
}

function relationList(it) {
	if (!it.links.length)
		return;
	panel.appendChild(el("h3", "", it.type === "entity" ? "Relations (" +
	    it.links.length + ")" : "Linked rows (" + it.links.length + ")"));
	var ul = el("ul");
	it.links.forEach(function (l) {
		var o = l.from === it ? l.to : l.from, li = el("li", "rel");
		li.appendChild(document.createTextNode(l.from === it ? "\u2192 " :
		    "\u2190 "));
		li.appendChild(goButton(o, o.type === "row" ? o.sub :
		    o.type === "more" ? o.name + " " + o.sub : o.name));
		var on = el("div", "on");
		on.textContent = (l.on ? "on " + l.on : "on " + l.label) +
		    (l.leftCard ? " \u00b7 " + CARD[l.from === it ? l.rightCard :
		    l.leftCard] + " " + o.name + " per " + it.name : "");
		li.appendChild(on);
		if (l.breach)
			li.appendChild(el("span", "badge bad", typeof l.breach ===
			    "string" ? l.breach : "cardinality breach"));
		ul.appendChild(li);
	});
	panel.appendChild(ul);
}

function showPanel(d) {
	panel.textContent = "";
	if (!d) {
		panel.appendChild(el("h2", "", M.title));
		if (M.root)
			panel.appendChild(el("p", "sub", "Root: " + M.root.entity +
			    " " + M.root.column + " = " + M.root.value +
			    (M.root.tenant ? ", tenant " + M.root.tenant : "")));
		panel.appendChild(el("p", "hint", M.items.length + " boxes, " +
		    M.links.length + " edges.  Click a box or an edge, or " +
		    "search (/), to see what touches it."));
		return;
	}
	if (!d.links) {
		panel.appendChild(el("h2", "", d.label));
		panel.appendChild(el("p", "sub", d.from.name + " \u2192 " +
		    d.to.name));
		var t = el("table");
		if (d.on)
			t.appendChild(row([el("td", "k", "join"), valueCell(d.on)]));
		if (d.leftCard)
			t.appendChild(row([el("td", "k", "ends"), valueCell(
			    CARD[d.leftCard] + " " + d.from.name + " : " +
			    CARD[d.rightCard] + " " + d.to.name)]));
		if (d.identifying !== undefined)
			t.appendChild(row([el("td", "k", "kind"), valueCell(
			    d.identifying ? "identifying" : "non-identifying")]));
		t.appendChild(row([el("td", "k", "chain"),
		    valueCell(chainTitle(d.chain))]));
		panel.appendChild(t);
		if (d.breach)
			panel.appendChild(el("span", "badge bad", typeof d.breach ===
			    "string" ? d.breach : "cardinality breach"));
		panel.appendChild(el("h3", "", "Ends"));
		var ul = el("ul");
		[d.from, d.to].forEach(function (o) {
			var li = el("li", "rel");
			li.appendChild(goButton(o, o.type === "row" ? o.sub : o.name));
			ul.appendChild(li);
		});
		panel.appendChild(ul);
		extraSection(d.extra, "More");
		return;
	}
	panel.appendChild(el("h2", "", d.name));
	if (d.sub)
		panel.appendChild(el("p", "sub", d.sub));
	if (d.chain)
		panel.appendChild(el("p", "sub", chainTitle(d.chain)));
	d.marks.forEach(function (m) {
		panel.appendChild(el("span", "badge " + m[0], m[1]));
	});
	var joins = Object.create(null);
	d.links.forEach(function (l) {
		joinCols(l, d).forEach(function (c) { joins[c] = true; });
	});
	var t = el("table");
	if (d.type === "entity") {
		var facts = el("table");
		if (d.table)
			facts.appendChild(row([el("td", "k", "table"),
			    valueCell(d.table)]));
		if (d.rows !== undefined)
			facts.appendChild(row([el("td", "k", "rows"),
			    valueCell(d.rows)]));
		panel.appendChild(facts);
		panel.appendChild(el("h3", "", "Columns (" + d.attrs.length + ")"));
		t.appendChild(header(["type", "column", "keys"]));
		d.attrs.forEach(function (a) {
			var name = el("td", a.keys && a.keys.indexOf("PK") >= 0 ?
			    "pk" : "", a.name);
			if (a.comment)
				name.title = a.comment;
			t.appendChild(row([el("td", "k", a.type), name,
			    el("td", "", a.keys || "")], (joins[a.name] ? "join" :
			    "") + (a.present === false ? " gone" : "")));
			if (a.comment)
				t.appendChild(row([el("td"), valueCell(a.comment),
				    el("td")]));
		});
		panel.appendChild(t);
	} else if (d.type === "row") {
		var facts2 = el("table");
		facts2.appendChild(row([el("td", "k", "table"), valueCell(d.table)]));
		facts2.appendChild(row([el("td", "k", "layer"), valueCell(
		    String(d.layer))]));
		panel.appendChild(facts2);
		panel.appendChild(el("h3", "", "Values"));
		[d.keys, d.values].forEach(function (vals, isAttr) {
			Object.keys(vals).forEach(function (k) {
				t.appendChild(row([el("td", isAttr ? "k" : "k pk", k),
				    valueCell(vals[k])], joins[k] ? "join" : ""));
			});
		});
		panel.appendChild(t);
		extraSection(d.extra, "Health");
	} else {
		var tr = d.truncation;
		t.appendChild(row([el("td", "k", "relation"), valueCell(tr.relation)]));
		t.appendChild(row([el("td", "k", "shown"), valueCell(String(tr.shown))]));
		t.appendChild(row([el("td", "k", "in all"), valueCell(String(tr.total))]));
		panel.appendChild(t);
		panel.appendChild(el("p", "hint", "Raise --max-rows to draw more " +
		    "of them."));
	}
	relationList(d);
}

/* -------------------------------------------------------------- search */
var q = byId("q"), hits = byId("hits");
var found = [], active = -1;

function rank(text, s) {
	var t = text.toLowerCase(), i = t.indexOf(s);
	if (i < 0)
		return -1;
	return t === s ? 0 : i === 0 ? 1 : 2;
}

function runSearch() {
	var s = q.value.trim().toLowerCase();
	found = [];
	clearMarks("hit");
	if (s) {
		M.items.forEach(function (it, order) {
			if (it.g && it.g.classList.contains("off"))
				return;
			var best = null;
			it.search.forEach(function (e) {
				var r = rank(e[1], s);
				if (r >= 0 && (best === null || r < best.r))
					best = { r: r, what: e[0], text: e[1],
					    mark: e[2], it: it, order: order };
			});
			if (best)
				found.push(best);
		});
		var w = { entity: 0, table: 1, column: 2, key: 3, value: 4 };
		found.sort(function (a, b) {
			return a.r - b.r || w[a.what] - w[b.what] ||
			    a.order - b.order;
		});
		found.forEach(function (f) {
			if (f.it.g)
				f.it.g.classList.add("hit");
		});
	}
	active = found.length ? 0 : -1;
	drawHits(s);
}

function drawHits(s) {
	hits.textContent = "";
	if (!s) {
		hits.hidden = true;
		q.setAttribute("aria-expanded", "false");
		return;
	}
	if (!found.length)
		hits.appendChild(el("li", "none", "No match"));
	found.slice(0, 60).forEach(function (f, i) {
		var li = el("li");
		li.id = "hit-" + i;
		li.setAttribute("role", "option");
		li.setAttribute("aria-selected", i === active ? "true" : "false");
		li.appendChild(el("span", "what", f.what));
		li.appendChild(el("span", "text", f.text));
		li.appendChild(el("span", "where", f.it.name));
		li.addEventListener("pointerdown", function (ev) {
			ev.preventDefault();
			go(f);
		});
		hits.appendChild(li);
	});
	if (found.length > 60)
		hits.appendChild(el("li", "none", (found.length - 60) +
		    " more: type more to narrow"));
	hits.hidden = false;
	q.setAttribute("aria-expanded", "true");
	if (active >= 0)
		q.setAttribute("aria-activedescendant", "hit-" + active);
	else
		q.removeAttribute("aria-activedescendant");
}

function go(f) {
	clearMarks("hit");
	select(f.it, true);
	clearMarks("found");
	if (f.mark !== undefined && f.it.g)
		texts(f.it.g, f.mark).forEach(function (t) {
			t.classList.add("found");
		});
	hits.hidden = true;
	q.setAttribute("aria-expanded", "false");
}

q.addEventListener("input", runSearch);
q.addEventListener("keydown", function (ev) {
	if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
		if (!found.length)
			return;
		ev.preventDefault();
		var n = Math.min(found.length, 60);
		active = (active + (ev.key === "ArrowDown" ? 1 : n - 1)) % n;
		drawHits(q.value.trim().toLowerCase());
		var li = byId("hit-" + active);
		if (li)
			li.scrollIntoView({ block: "nearest" });
	} else if (ev.key === "Enter") {
		ev.preventDefault();
		if (active >= 0)
			go(found[active]);
	} else if (ev.key === "Escape") {
		ev.preventDefault();
		q.value = "";
		runSearch();
		q.blur();
	}
});
q.addEventListener("blur", function () { hits.hidden = true; });
q.addEventListener("focus", function () {
	if (q.value.trim())
		runSearch();
});

/* -------------------------------------------------------------- chains */
function drawChains() {
	var list = byId("chain-list");
	var present = Object.create(null);
	M.items.forEach(function (it) {
		present[it.chain] = (present[it.chain] || 0) + 1;
	});
	var shown = M.chains.filter(function (c) { return present[c.name]; });
	if (shown.length < 2) {
		byId("chains").hidden = true;
		return;
	}
	shown.forEach(function (c) {
		var lab = el("label"), box = el("input");
		box.type = "checkbox";
		box.checked = true;
		box.value = c.name;
		box.addEventListener("change", function () {
			toggleChain(c.name, box.checked);
		});
		lab.appendChild(box);
		lab.appendChild(document.createTextNode(" " + c.title + " "));
		lab.appendChild(el("span", "n", c.name + ", " + present[c.name]));
		list.appendChild(lab);
	});
}

var hidden = Object.create(null);
function toggleChain(name, on) {
	if (on)
		delete hidden[name];
	else
		hidden[name] = true;
	Array.prototype.forEach.call(svg.querySelectorAll("g.cluster"),
	    function (g) {
		var t = g.querySelector("title");
		if (t && t.textContent === "cluster_" + name)
			g.classList.toggle("off", !on);
	});
	M.items.forEach(function (it) {
		if (it.g)
			it.g.classList.toggle("off", !!hidden[it.chain]);
	});
	M.links.forEach(function (l) {
		if (l.g)
			l.g.classList.toggle("off", !!(hidden[l.from.chain] ||
			    hidden[l.to.chain]));
	});
	if (sel && ((sel.links && hidden[sel.chain]) || (!sel.links &&
	    (hidden[sel.from.chain] || hidden[sel.to.chain]))))
		select(null, false);
}

/* ------------------------------------------------------------ keyboard */
svg.addEventListener("keydown", function (ev) {
	var g = ev.target.closest && ev.target.closest("g.node");
	if (g && (ev.key === "Enter" || ev.key === " ")) {
		ev.preventDefault();
		ev.stopPropagation();
		select(M.bySvg[g.id], true);
	}
});
svg.addEventListener("focusin", function (ev) {
	var g = ev.target.closest && ev.target.closest("g.node");
	if (g)
		reveal(g);
});

document.addEventListener("keydown", function (ev) {
	var t = ev.target;
	if (ev.ctrlKey || ev.metaKey || ev.altKey)
		return;
	if (t && (t.tagName === "INPUT" || t.tagName === "SUMMARY" ||
	    t.tagName === "BUTTON") && ev.key !== "Escape")
		return;
	var step = 60;
	switch (ev.key) {
	case "/":
		q.focus();
		q.select();
		break;
	case "+": case "=":
		zoom(1.25);
		break;
	case "-": case "_":
		zoom(0.8);
		break;
	case "0":
		fit();
		break;
	case "ArrowLeft":
		pan(step, 0);
		break;
	case "ArrowRight":
		pan(-step, 0);
		break;
	case "ArrowUp":
		pan(0, step);
		break;
	case "ArrowDown":
		pan(0, -step);
		break;
	case "Escape":
		Array.prototype.forEach.call(document.querySelectorAll(
		    "details[open]"), function (d) { d.open = false; });
		select(null, false);
		break;
	default:
		return;
	}
	ev.preventDefault();
});

/* ---------------------------------------------------------------- start */
drawChains();
fit();
var start = fromFragment();
if (start)
	select(start, true);
else
	showPanel(null);
}());
