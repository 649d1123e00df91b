#!/bin/sh
# Hostile text from the database (tests/fixtures/hostile.sql: DOT and HTML
# injection, entities, Mermaid comments and directives, Graphviz escapes,
# CR/LF/tab, emoji, Chinese, 10 KB values, hostile keys, table and column
# names) comes out of every format inert and legible: instance diagrams of
# data id 1500666 and of its hostile table id, the live main chain with
# every column, doc --db and check.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

for tool in dot gc gvpr xmllint jq node; do
	command -v "$tool" >/dev/null ||
	    { echo "Bail out! $tool missing: run ./bootstrap"; exit 1; }
done
parse=$(sh "$top_srcdir/tests/mermaid/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! mermaid parser could not be installed"; exit 1; }
menv=$(dirname "$parse")

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/hostile.sql"
FX=$(conn fx)
RT1='666|"q" <script>alert(1)</script>'
sql() { pg_psql -d fx -At -c "$1"; }

# diag FILE: a file's first lines as TAP comments.
diag() { head -"${2:-10}" "$1" | cut -c1-300 | sed 's/^/# /'; }

# js MODE FILE: the helper below, run where jsdom and mermaid resolve.
#   svgtext FILE   the text of every <text> of an SVG, one a line (nbsp = space)
#   mermaid FILE   "error MSG", or "theme T" then, for a flowchart, one
#                  "label ID: WANT became GOT" per node label Mermaid read
#                  otherwise than written (entities left as written),
#                  for an erDiagram, "entity NAME NATTRS" per entity
js() {
	(cd "$menv" && node --input-type=module -e "$js_src" "$@")
}
js_src='
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
const [mode, file] = process.argv.slice(1);
const text = readFileSync(file, "utf8");
if (mode === "svgtext") {
  const doc = new JSDOM(text, { contentType: "image/svg+xml" }).window.document;
  for (const t of doc.getElementsByTagNameNS("*", "text"))
    console.log(t.textContent.replace(/\u00a0/g, " "));
  process.exit(0);
}
const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
globalThis.window = dom.window;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
try {
  await mermaid.parse(text);
} catch (err) {
  console.log("error " + String(err?.message ?? err).split("\n")[0]);
  process.exit(0);
}
console.log("theme " + mermaid.mermaidAPI.getConfig().theme);
const d = await mermaid.mermaidAPI.getDiagramFromText(text);
if (typeof d.db.getVertices === "function") {
  const want = new Map();
  for (const m of text.matchAll(/^ *(\w+)\["(.*)"\](?::::\w+)?$/gm))
    want.set(m[1], m[2].replace(/<br\/>/g, "<br>"));
  const got = d.db.getVertices();
  // Mermaid keeps #name; and #123; entities as placeholders until it draws.
  const decode = (t) => t.replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, "#$1;")
    .replace(/\ufb02\u00b0(\w+)\u00b6\u00df/g, "#$1;");
  for (const [id, w] of want) {
    const v = got.get(id);
    if (!v) console.log(`label ${id}: ${JSON.stringify(w)} became no node`);
    else if (decode(v.text) !== w)
      console.log(`label ${id}: ${JSON.stringify(w)} became ${JSON.stringify(v.text)}`);
  }
} else if (typeof d.db.getEntities === "function") {
  for (const [name, e] of d.db.getEntities())
    console.log(`entity ${name} ${e.attributes.length}`);
}
dom.window.close();
process.exit(0);
'

# A copy of the model that documents the text columns too, first, so that
# instance nodes show them (whole in JSON, shortened to 40 characters in
# pictures).
awk '{ print }
	/^ *DataSource \{$/ { print "string data_description"; print "string data_name"; print "string source_system" }
	/^ *DataSourceOption \{$/ { print "string value" }
	/^ *ResultTable \{$/ { print "string table_name_zh"; print "string data_label" }
	/^ *ResultTableField \{$/ { print "string description" }
	/^ *ResultTableOption \{$/ { print "string value" }
	/^ *ESStorage \{$/ { print "string index_settings"; print "string mapping_settings" }
' "$top_srcdir/templates/metadata.model" >"$work/wide.model"

# draw NAME FORMAT: diagram NAME as FORMAT into $work/NAME.FORMAT (stderr
# NAME.FORMAT.err), the exit status in $status.
draw() {
	n=$1 f=$2
	case $n in
	inst) set -- --data-id 1500666 --no-collapse ;;
	wide) set -- --model "$work/wide.model" --data-id 1500666 --no-collapse ;;
	tid) set -- --table-id "$RT1" --no-collapse ;;
	tid1) set -- --table-id "$RT1" --depth 1 --no-collapse ;;
	main) set -- --chain main --columns all ;;
	esac
	status=0
	"$MDGRAPH" --db "$FX" "$@" -T "$f" >"$work/$n.$f" 2>"$work/$n.$f.err" || status=$?
}

# shown NAME: every line of text the diagram should show, one a line: the
# root and every displayed key and attribute (CR and tab as spaces, one
# line per LF; attributes, not keys, shortened to 40 characters) of an
# instance; the entities and columns of a schema.
shown() {
	jq -r 'def short: if length > 40 then .[0:40] + "…" else . end;
	    def lines: gsub("[\r\t]"; " ") | split("\n")[];
	    if .nodes then
		("\(.root.entity) \(.root.column) = \(.root.value)"),
		(.nodes[] | select(.keys) | .entity,
		    (.keys | to_entries[] | .key, (.value // "NULL" | lines)),
		    (.attributes | to_entries[] | .key, (.value // "NULL" | short | lines)))
	    else
		(.entities[] | .name, .table, (.attributes[] | .name))
	    end' "$work/$1.json" | grep -v '^ *$' | sort -u
}

# svg_legible NAME FILE: every line shown() lists is the text of an SVG <text>.
svg_legible() {
	js svgtext "$2" >"$work/svgtext" 2>&1 || :
	shown "$1" >"$work/want"
	grep -vxF -f "$work/svgtext" "$work/want" >"$work/lost" || :
	if [ -s "$work/want" ] && [ ! -s "$work/lost" ]; then
		ok "$1: $(basename "$2") shows every value as text"
	else
		not_ok "$1: $(basename "$2") shows every value as text"
		echo "# not found as the text of an SVG <text> element:"
		sed 's/^/#   /' "$work/lost" | head -20
	fi
}

for n in inst wide tid tid1 main; do
	# --- JSON first: it says what the other formats must show
	draw "$n" json
	is "$n: -T json exits 0" 0 "$status"
	[ "$status" -eq 0 ] || diag "$work/$n.json.err"
	check "$n: JSON parses" jq -e . "$work/$n.json"
	if [ "$n" = main ]; then
		nodes=$(jq '.entities | length' "$work/$n.json")
		check "$n: jq reads every attribute of every entity" jq -e \
		    'all(.entities[]; all(.attributes[]; (.name | type) == "string"))' "$work/$n.json"
	else
		nodes=$(jq '(.nodes | length) + (.truncations | length)' "$work/$n.json")
		check "$n: jq reads every node's keys and attributes as strings" jq -e \
		    'all(.nodes[]; (.keys | type) == "object" and (.attributes | type) == "object"
		        and all((.keys, .attributes) | .[]; type == "string" or type == "null"))' \
		    "$work/$n.json"
	fi

	# --- DOT
	draw "$n" dot
	is "$n: -T dot exits 0" 0 "$status"
	redot=0
	dot -Tsvg "$work/$n.dot" >"$work/$n.redot.svg" 2>"$work/err" || redot=$?
	if [ "$redot" -eq 0 ] && [ ! -s "$work/err" ]; then
		ok "$n: DOT re-parses with dot -Tsvg"
	else
		not_ok "$n: DOT re-parses with dot -Tsvg"
		diag "$work/err" 3
	fi
	is "$n: DOT has as many nodes as JSON ($nodes)" "$nodes" \
	    "$(gc -n "$work/$n.dot" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')"
	is "$n: no DOT node was relabelled \"x\" by a value" "" \
	    "$(gvpr 'N [$.label == "x"] { print($.name) }' "$work/$n.dot" 2>&1)"
	[ "$redot" -eq 0 ] && svg_legible "$n" "$work/$n.redot.svg"

	# --- SVG
	draw "$n" svg
	is "$n: -T svg exits 0" 0 "$status"
	if [ "$status" -ne 0 ]; then
		diag "$work/$n.svg.err"
	else
		check "$n: SVG passes xmllint" xmllint --noout "$work/$n.svg"
		is "$n: SVG has no <script> element" 0 \
		    "$(xmllint --xpath 'count(//*[local-name()="script"])' "$work/$n.svg" 2>/dev/null)"
		if [ "$n" != main ]; then
			check "$n: SVG shows <script> as escaped text" \
			    grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/$n.svg"
		fi
		svg_legible "$n" "$work/$n.svg"
	fi

	# --- PNG, PDF
	draw "$n" png
	is "$n: PNG renders" "0 89504e470d0a1a0a" \
	    "$status $(head -c 8 "$work/$n.png" | od -An -tx1 | tr -d ' \n')"
	[ "$status" -eq 0 ] || diag "$work/$n.png.err"
	draw "$n" pdf
	is "$n: PDF renders" "0 %PDF-" "$status $(head -c 5 "$work/$n.pdf")"

	# --- Mermaid
	draw "$n" mermaid
	is "$n: -T mermaid exits 0" 0 "$status"
	chars=$(wc -m <"$work/$n.mermaid")
	check "$n: Mermaid under 50,000 characters ($chars)" test "$chars" -lt 50000
	node "$parse" --counts "$work/$n.mermaid" >"$work/parsed" 2>&1 || :
	if [ "$n" = main ]; then
		want="ok (er) entities=$nodes relations=[0-9]*"
	else
		more=$(grep -c '^    mdg_more\[' "$work/$n.mermaid" || :)
		want="ok (flowchart-v2) vertices=$((nodes + more)) edges=[0-9]* subgraphs=[0-9]*"
	fi
	if grep -qx "$work/$n.mermaid: $want" "$work/parsed"; then
		ok "$n: the Mermaid parser reads it, with every node"
	else
		not_ok "$n: the Mermaid parser reads it, with every node"
		printf '# want: %s\n' "$want"
		diag "$work/parsed" 3
	fi
	js mermaid "$work/$n.mermaid" >"$work/mjs" 2>&1 || :
	# An error from Mermaid fails these too: it is shown as what was got.
	is "$n: no value changes Mermaid's configuration" "theme default" \
	    "$(grep -m1 '^theme ' "$work/mjs" || grep -m1 '^error ' "$work/mjs" || echo 'no answer')"
	if [ "$n" = main ]; then
		jq -r '.entities[] | "entity \(.name) \(.attributes | length)"' \
		    "$work/$n.json" | sort >"$work/want"
		grep '^entity ' "$work/mjs" | sort >"$work/got" || :
		same "$n: Mermaid keeps every column of every entity" "$work/want" "$work/got"
	else
		grep '^label ' "$work/mjs" >"$work/lost" || :
		if grep -q '^error ' "$work/mjs"; then
			not_ok "$n: Mermaid shows every node label as written"
			grep -m1 '^error ' "$work/mjs" | cut -c1-300 | sed 's/^/#   /'
		elif [ ! -s "$work/lost" ]; then
			ok "$n: Mermaid shows every node label as written"
		else
			not_ok "$n: Mermaid shows every node label as written"
			sed 's/^/#   /' "$work/lost" | cut -c1-300 | head -10
		fi
	fi
done

# --- values round-trip through JSON whole
short() { echo "$1"; }
RTS="SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 1500666"
want=$(sql "SELECT json_agg($(short field_name) ORDER BY field_name COLLATE \"C\")
    FROM metadata_resulttablefield WHERE table_id IN ($RTS)")
is "JSON: every field_name of 1500666 round-trips (CR, LF, tab, quote)" true \
    "$(jq --argjson w "$want" '[.nodes[] | select(.entity == "ResultTableField") | .keys.field_name] | sort == $w' "$work/inst.json")"
want=$(sql "SELECT to_json($(short field_name)) FROM metadata_resulttablefield WHERE field_name LIKE E'cr\\r%'")
is "JSON: the CR/LF/tab/quote field_name is whole" true \
    "$(jq --argjson w "$want" 'any(.nodes[]; .keys.field_name == $w) and ($w | test("\r") and test("\n") and test("\t") and test("\""))' "$work/inst.json")"
want=$(sql "SELECT json_agg($(short table_id) ORDER BY table_id COLLATE \"C\")
    FROM metadata_datasourceresulttable WHERE bk_data_id = 1500666")
is "JSON: every DataSourceResultTable table_id round-trips" true \
    "$(jq --argjson w "$want" '[.nodes[] | select(.entity == "DataSourceResultTable") | .keys.table_id] | sort == $w' "$work/inst.json")"
want=$(sql "SELECT json_build_array($(short data_description), $(short data_name), $(short source_system))
    FROM metadata_datasource WHERE bk_data_id = 1500666")
is "JSON: the 10 KB data_description, data_name, source_system round-trip whole" true \
    "$(jq --argjson w "$want" '.nodes[0].attributes | [.data_description, .data_name, .source_system] == $w' "$work/wide.json")"
want=$(sql "SELECT json_agg($(short description) ORDER BY $(short description) COLLATE \"C\") FROM metadata_resulttablefield
    WHERE table_id IN ($RTS)")
is "JSON: every field description (one of 10 KB) round-trips whole" true \
    "$(jq --argjson w "$want" '[.nodes[] | select(.entity == "ResultTableField") | .attributes.description] | sort == $w' "$work/wide.json")"
is "JSON: the hostile table id is the root value, whole" "$RT1" "$(jq -r .root.value "$work/tid.json")"
is "JSON: the hostile column name comes back" 'x|y<z>"q' \
    "$(jq -r '.entities[] | select(.name == "ResultTable") | .attributes[-1].name' "$work/main.json")"

# --- doc --db: the hostile table names stay inside their Markdown table
run_status "$MDGRAPH" doc --db "$FX"
is "doc --db exits 0" 0 "$status"
note=$(sed -n 's/^ *new //p' "$top_srcdir/templates/metadata.model")
# The lines of the Markdown table holding NOTE whose number of | not written
# \| is not 3 (GFM: a backslash before | keeps the | in its cell).
awk -v note="$note" '
	function pipes(s) { gsub(/\\\|/, "", s); return gsub(/\|/, "", s) }
	function flush(i) {
		if (has) for (i = 1; i <= n; i++) if (pipes(blk[i]) != 3) print blk[i]
		n = 0; has = 0
	}
	/^\|/ { blk[++n] = $0; if (index($0, note)) { has = 1; found++ }; next }
	{ flush() }
	END { flush(); if (!found) print "no table row has the note " note }
' "$work/stdout" >"$work/bad"
if [ ! -s "$work/bad" ]; then
	ok "doc: every line of the unclassified table has exactly 3 unescaped |"
else
	not_ok "doc: every line of the unclassified table has exactly 3 unescaped |"
	diag "$work/bad"
fi
grep -F "$note" "$work/stdout" >"$work/unc" || :
is "doc: the two hostile tables are one row each" 2 "$(wc -l <"$work/unc")"
awk -v suf=" | $note |" '{
	s = $0; sub(/^\| /, "", s)
	if (substr(s, length(s) - length(suf) + 1) == suf) s = substr(s, 1, length(s) - length(suf))
	print s }' "$work/unc" |
    sed 's/\\\(.\)/\1/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' | sort >"$work/got"
sql "SELECT translate(relname, E'\\n\\r\\t', '   ') FROM pg_class WHERE relkind = 'r' AND
    (relname LIKE 'metadata\\_nl%' OR relname LIKE 'metadata\\_x|%')" | sort >"$work/want"
same "doc: each hostile name reads back from its cell" "$work/want" "$work/got"
check "doc: no raw <script> or HTML tag from a table name" \
    sh -c "! grep -F '$note' '$work/stdout' | grep -q '<[a-z]'"

# --- check: one finding a line
run_status "$MDGRAPH" check --db "$FX"
is "check exits 1 (findings)" 1 "$status"
cp "$work/stdout" "$work/check.txt"
run_status "$MDGRAPH" check --db "$FX" --format json
check "check --format json parses" jq -e . "$work/stdout"
nf=$(jq '.findings | length' "$work/stdout")
ni=$(jq '(.document | length) + (.cross_tenant | length)' "$work/stdout")
is "check: $nf findings, one line each, the summary, then $ni lines of information" \
    "$nf $((nf + 1)) $ni" \
    "$(sed -E '/^[0-9]+ findings? in schema /q' "$work/check.txt" | grep -cE '^(missing-table|missing-column|unclassified|unreadable|orphan|breach|foreign-key) ') $(grep -nE '^[0-9]+ findings? in schema ' "$work/check.txt" | cut -d: -f1) $(grep -cE '^(doc-key|doc-column|cross-tenant)  ' "$work/check.txt")"
tab=$(printf '\t') cr=$(printf '\r')
is "check: no tab or CR inside a line" 0 "$(grep -c "[$tab$cr]" "$work/check.txt")"
check "check: the orphan key with CR/LF/tab reads on its line, escaped" \
    grep -qF 'table_id=666.orphan\r\nnext line\ttab;' "$work/check.txt"
check "check: the table name with LF/tab reads on its line, escaped" \
    grep -qxF 'unclassified    metadata_nl\ntab\tbs\|`*_{}[]()#+!~&amp;: no chain or list names it' "$work/check.txt"
is "check --format json: the hostile names, whole" 2 \
    "$(jq '[.findings[] | select(.table == "metadata_x|y<z>\"q" or .table == "metadata_nl\ntab\tbs\\|`*_{}[]()#+!~&amp;")] | length' "$work/stdout")"
# --- terminal control characters: ESC, OSC, BEL, C1 in values, shown
# visibly (\x1b, as tty_escape does) wherever text is for a person or a
# terminal: Mermaid, Markdown, check's report, messages.  Last: it changes
# the fixture's values.
sql "UPDATE metadata_kafkatopicinfo SET topic = E'topic\\033]0;pwned\\007\\033[2J\\u009b31m' WHERE id = 666;
     UPDATE metadata_datasourceresulttable SET table_id = E'666.orphan\\033]8;;x\\007\\033[5m' WHERE table_id = E'666.orphan\r\nnext line\ttab';
     CREATE TABLE U&\"metadata_esc\\001B]0;t\\0007\" (id int)" >/dev/null
ctl=$(printf '[\001-\010\013-\037\177]\|\302[\200-\237]')
# raw FILE: the lines of FILE that hold a raw control character (LF and
# tab aside).
raw() { LC_ALL=C grep -c "$ctl" "$1" || :; }
"$MDGRAPH" --db "$FX" --data-id 1500666 --columns all -T mermaid \
    >"$work/ctl.mermaid" 2>"$work/ctl.err" || :
is "control characters: Mermaid on standard output has none raw" 0 "$(raw "$work/ctl.mermaid")"
check "control characters: Mermaid shows the topic's ESC, BEL and C1 visibly" \
    grep -qF 'topic\x1b]0;pwned\x07\x1b[2J\u009b31m' "$work/ctl.mermaid"
run_status "$MDGRAPH" check --db "$FX"
is "control characters: check's report has none raw" 0 "$(raw "$work/stdout")"
check "control characters: check's report shows the orphan key's visibly" \
    grep -qF '666.orphan\x1b]8;;x\x07\x1b[5m' "$work/stdout"
"$MDGRAPH" doc --db "$FX" >"$work/ctl.md" 2>&1 || :
is "control characters: doc --db (Markdown) has none raw" 0 "$(raw "$work/ctl.md")"
check "control characters: doc --db shows the table name's visibly" \
    grep -qF 'metadata\_esc\x1b\]0;t\x07' "$work/ctl.md"
"$MDGRAPH" --db "$FX" --data-id 1500666 -T dot >"$work/ctl.dot" 2>&1 || :
is "control characters: DOT has none raw" 0 "$(raw "$work/ctl.dot")"
# --- a control character other than CR/LF/tab (U+0001, U+001F) in a
# value: JSON escapes it, so the output parses and the value is whole.
live_db ctl "$fixtures/schema.sql" "$fixtures/data.sql"
pg_psql -d ctl -c "UPDATE metadata_datasource SET data_name = E'ctl\\x01mid\\x1fend'
    WHERE bk_data_id = 1500001" >/dev/null
run_status "$MDGRAPH" --db "$(conn ctl)" --model "$work/wide.model" --data-id 1500001 -T json
is "JSON: a value with U+0001 and U+001F: exit 0" 0 "$status"
check "JSON: a value with U+0001 and U+001F parses" jq -e . "$work/stdout"
check "JSON: U+0001 is written as \\u0001" grep -qF 'ctl\u0001mid\u001fend' "$work/stdout"
is "JSON: the value with U+0001 and U+001F round-trips whole" true \
    "$(jq '.nodes[] | select(.id == "DataSource:bk_data_id=1500001") | .attributes.data_name == "ctl\u0001mid\u001fend"' "$work/stdout" 2>&1)"
done_testing
