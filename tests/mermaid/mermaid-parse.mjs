// mermaid-parse.mjs - check Mermaid text with the real Mermaid parser.
//
// Usage: node mermaid-parse.mjs [options] FILE...
//   FILE "-" reads standard input.
//   --expect-fail        every FILE must be rejected (negative tests)
//   --counts             after "ok (er)" print "entities=N relations=M"
//                        (flowchart: "vertices=N edges=M subgraphs=K")
//   --entities N         erDiagram must have exactly N entities   (implies --strict)
//   --relations M        erDiagram must have exactly M relationships (implies --strict)
//   --strict             require an erDiagram whose counts match --entities/--relations
//   -v, --verbose        print the whole error message on stderr
//
// One line per file on stdout: "FILE: ok (<diagramType>)" or "FILE: <first error line>".
// Exit 0 when every file met the expectation, 1 when one did not, 2 on a usage or read error.
//
// Mermaid's bundled DOMPurify needs a DOM when it is first imported, so a jsdom window is
// made global before mermaid is loaded. Each file goes through mermaid.parse() (what a
// renderer runs first, with the default configuration a renderer uses), then through
// mermaidAPI.getDiagramFromText() for the diagram's db (counts). A file longer than the
// renderer's maxTextSize (50000 UTF-16 code units by default) fails: the renderer would draw
// "Maximum text size in diagram exceeded" instead. The raw text is measured; the renderer
// measures it after stripping comments and front matter, so this check is never laxer.

import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const USAGE = 'usage: node mermaid-parse.mjs [--expect-fail] [--counts] [--strict] ' +
  '[--entities N] [--relations M] [-v] FILE...';

function usage(msg) {
  if (msg) process.stderr.write(`mermaid-parse: ${msg}\n`);
  process.stderr.write(USAGE + '\n');
  process.exit(2);
}

function parseCount(opt, val) {
  if (val === undefined || !/^\d+$/.test(val)) usage(`${opt} needs a non-negative integer`);
  return Number(val);
}

const opts = { expectFail: false, counts: false, strict: false, entities: null,
  relations: null, verbose: false };
const files = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--') { files.push(...argv.slice(i + 1)); break; }
  else if (a === '--expect-fail') opts.expectFail = true;
  else if (a === '--counts') opts.counts = true;
  else if (a === '--strict') opts.strict = true;
  else if (a === '--entities') { opts.entities = parseCount(a, argv[++i]); opts.strict = true; }
  else if (a === '--relations') { opts.relations = parseCount(a, argv[++i]); opts.strict = true; }
  else if (a === '-v' || a === '--verbose') opts.verbose = true;
  else if (a === '-h' || a === '--help') { process.stdout.write(USAGE + '\n'); process.exit(0); }
  else if (a.startsWith('-') && a !== '-') usage(`unknown option ${a}`);
  else files.push(a);
}
if (files.length === 0) usage('no FILE given');
if (opts.strict && opts.entities === null && opts.relations === null)
  usage('--strict needs --entities N and/or --relations M');
if (opts.strict && opts.expectFail) usage('--strict cannot be combined with --expect-fail');

// DOMPurify binds to globalThis.window when its module is evaluated: set it up first.
const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { pretendToBeVisual: false });
globalThis.window = dom.window;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
const maxTextSize = mermaid.mermaidAPI.getConfig().maxTextSize ?? 50000;

function firstLine(err) {
  const m = (err && (err.message ?? String(err))) || 'unknown error';
  return m.split('\n')[0];
}

// Returns { ok, type, counts, error, full }.
async function check(text) {
  if (text.length > maxTextSize) {
    const msg = `Maximum text size in diagram exceeded (${text.length} > ${maxTextSize})`;
    return { ok: false, error: msg, full: msg };
  }
  let res;
  try {
    res = await mermaid.parse(text);
  } catch (err) {
    return { ok: false, error: firstLine(err), full: String(err?.message ?? err) };
  }
  const out = { ok: true, type: res.diagramType, counts: null };
  if (opts.counts || opts.strict) {
    // mermaid.parse() just set the same front-matter/directive config, so this parses alike.
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    if (typeof db.getEntities === 'function' && typeof db.getRelationships === 'function') {
      out.counts = { entities: db.getEntities().size, relations: db.getRelationships().length };
      out.text = `entities=${out.counts.entities} relations=${out.counts.relations}`;
    } else if (typeof db.getVertices === 'function' && typeof db.getEdges === 'function') {
      const sub = typeof db.getSubGraphs === 'function' ? db.getSubGraphs().length : 0;
      out.text = `vertices=${db.getVertices().size} edges=${db.getEdges().length} subgraphs=${sub}`;
    }
  }
  return out;
}

let status = 0;
const fail = (code) => { if (code > status) status = code; };

for (const file of files) {
  let text;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    process.stdout.write(`${file}: cannot read: ${firstLine(err)}\n`);
    fail(2);
    continue;
  }
  const r = await check(text);
  if (!r.ok) {
    if (opts.verbose) process.stderr.write(`${file}:\n${r.full}\n`);
    if (opts.expectFail) {
      process.stdout.write(`${file}: rejected as expected: ${r.error}\n`);
    } else {
      process.stdout.write(`${file}: ${r.error}\n`);
      fail(1);
    }
    continue;
  }
  let line = `${file}: ok (${r.type})`;
  if (r.text) line += ' ' + r.text;
  if (opts.expectFail) {
    process.stdout.write(`${line}, but it was expected to fail\n`);
    fail(1);
    continue;
  }
  if (opts.strict) {
    const problems = [];
    if (!r.counts) {
      problems.push(`--strict needs an erDiagram, got ${r.type}`);
    } else {
      if (opts.entities !== null && r.counts.entities !== opts.entities)
        problems.push(`expected ${opts.entities} entities, parsed ${r.counts.entities}`);
      if (opts.relations !== null && r.counts.relations !== opts.relations)
        problems.push(`expected ${opts.relations} relations, parsed ${r.counts.relations}`);
    }
    if (problems.length) {
      process.stdout.write(`${file}: ${problems.join('; ')}\n`);
      fail(1);
      continue;
    }
  }
  process.stdout.write(line + '\n');
}

dom.window.close();
process.exit(status);
