#!/bin/sh
# -T html in a real browser: Debian's headless Chromium, driven by the
# pinned playwright-core (tests/browser/package-lock.json), opens the
# pages from file:// -- every chain, all chains, a large instance diagram
# and the hostile fixture's -- and searches, clicks, reloads, zooms and
# toggles as a reader would (tests/browser/page-check.mjs).  Reruns are
# byte-identical; doc --html-dir writes, links and --checks its pages.
# A missing browser is a failure.
. "$top_srcdir/tests/setup.sh"

for tool in node jq xmllint; do
	command -v "$tool" >/dev/null ||
	    { echo "Bail out! $tool missing: run ./bootstrap"; exit 1; }
done
[ -x /usr/bin/chromium ] ||
    { echo "Bail out! /usr/bin/chromium missing: run ./bootstrap (Debian package chromium)"; exit 1; }
check=$(sh "$top_srcdir/tests/browser/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! the browser driver could not be installed"; exit 1; }

. "$top_srcdir/tests/live-setup.sh"
live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
live_db hx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/hostile.sql"
FX=$(conn fx)
HX=$(conn hx)
RT1='666|"q" <script>alert(1)</script>'
cd "$work"

# page NAME ARGS...: NAME.html and NAME.json of the same diagram.
page() {
	n=$1
	shift
	"$MDGRAPH" "$@" -o "$n.html"
	"$MDGRAPH" "$@" -o "$n.json"
}
page all --offline --chain all
page storage --offline --chain storage
page ds --db "$FX" --data-id 1500001
page counts --db "$FX" --chain main --columns all --counts
page hds --db "$HX" --data-id 1500666
page htid --db "$HX" --table-id "$RT1"
page hmain --db "$HX" --chain main --columns all

# --- what is written, before any browser
for n in all storage ds counts hds htid hmain; do
	case $n in
	all) set -- --offline --chain all ;;
	storage) set -- --offline --chain storage ;;
	ds) set -- --db "$FX" --data-id 1500001 ;;
	counts) set -- --db "$FX" --chain main --columns all --counts ;;
	hds) set -- --db "$HX" --data-id 1500666 ;;
	htid) set -- --db "$HX" --table-id "$RT1" ;;
	hmain) set -- --db "$HX" --chain main --columns all ;;
	esac
	"$MDGRAPH" "$@" -T html >"$n.again"
	same "$n: a rerun is byte-identical" "$n.html" "$n.again"
	# An instance page draws every row as its own box, to click.
	case $n in
	ds|hds|htid) "$MDGRAPH" "$@" --no-collapse -T svg >"$n.svg" ;;
	*) "$MDGRAPH" "$@" -T svg >"$n.svg" ;;
	esac
	sed -n '/^<svg/,$p' "$n.svg" >"$n.svg.want"
	awk '/^<svg/ { on = 1 } on { print } /^<\/svg>$/ { exit }' "$n.html" >"$n.svg.got"
	same "$n: the page holds the drawing of -T svg (--no-collapse for an instance)" "$n.svg.want" "$n.svg.got"
done
is "no <script> but the page's three" 3 "$(grep -c '<script' hds.html)"
is "the hostile <script> is data: escaped in the JSON, entities in the SVG" \
    "0 yes yes" \
    "$(grep -c '<script>alert' hds.html) $(grep -q '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e' hds.html && echo yes) $(grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' hds.html && echo yes)"
check "the page title is HTML text" grep -qF '<title>ResultTable table_id = 666|&quot;q&quot; &lt;script&gt;alert(1)&lt;/script&gt;</title>' htid.html
check "the page is well-formed as HTML" xmllint --html --noout all.html
check "the embedded data carries no raw U+2028 or U+2029" \
    sh -c "! grep -q \"$(printf '\342\200\250\|\342\200\251')\" hds.html"

# --- in the browser
cat >plan.json <<EOF
[
 { "name": "all", "file": "$work/all.html", "json": "$work/all.json",
   "shot": "$work/all.png", "click": "n0", "shot_click": "$work/all-click.png",
   "reload": true, "zoom": true, "toggle": true,
   "search": { "q": "monitor_table", "key": "BkBaseResultTable", "mark": "monitor_table_id" } },
 { "name": "storage", "file": "$work/storage.html", "json": "$work/storage.json",
   "shot": "$work/storage.png", "click": "n1", "zoom": true },
 { "name": "counts", "file": "$work/counts.html", "json": "$work/counts.json",
   "shot": "$work/counts.png", "click": "n0" },
 { "name": "ds 1500001", "file": "$work/ds.html", "json": "$work/ds.json",
   "shot": "$work/ds.png", "click": "n0", "shot_click": "$work/ds-click.png",
   "reload": true, "toggle": true,
   "search": { "q": "0bkmonitor_15000010", "key": "KafkaTopicInfo:id=1", "mark": "0bkmonitor_15000010" } },
 { "name": "hostile ds", "file": "$work/hds.html", "json": "$work/hds.json",
   "shot": "$work/hds.png", "click": "n0",
   "hostile": ["666|\"q\" <script>alert(1)</script>", "<script>alert(1)</script>"] },
 { "name": "hostile table id", "file": "$work/htid.html", "json": "$work/htid.json",
   "shot": "$work/htid.png", "click": "n0", "reload": true,
   "hostile": ["\"]; node [label=\"x\""] },
 { "name": "hostile main", "file": "$work/hmain.html", "json": "$work/hmain.json",
   "shot": "$work/hmain.png", "click": "n1", "hostile": ["x|y<z>\"q"] }
]
EOF
start=$(date +%s)
(cd "$(dirname "$check")" && node "$check" "$work/plan.json") >browser.out 2>&1 || :
end=$(date +%s)
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	"not ok - "*) not_ok "${line#not ok - }" ;;
	"Bail out!"*) echo "$line"; exit 1 ;;
	*) echo "# $line" ;;
	esac
done <browser.out
check "the browser ran every page ($(grep -c '^ok\|^not ok' browser.out) checks)" \
    grep -q '^ok - hostile main: no request besides the page itself$' browser.out
echo "# browser: $((end - start)) s"
if [ -n "${HTML_SHOTS:-}" ]; then
	mkdir -p "$HTML_SHOTS" && cp ./*.png "$HTML_SHOTS/"
fi

# --- doc --html-dir
mkdir docs
"$MDGRAPH" doc --offline -o docs/rel.md --html-dir docs/html
is "--html-dir writes a page per chain, all.html and index.html" \
    "all.html bcs.html datalink.html index.html main.html space.html storage.html" \
    "$(ls docs/html | tr '\n' ' ' | sed 's/ $//')"
check "the doc links each chain's page relative to itself" \
    grep -qx '\[存储/快照链路（交互视图）\](html/storage.html)' docs/rel.md
is "the index links all.html and each chain's page once" \
    "all.html bcs.html datalink.html main.html space.html storage.html" \
    "$(sed -n 's/.*<a href="\([^"]*\)".*/\1/p' docs/html/index.html | sort | tr '\n' ' ' | sed 's/ $//')"
check "each page links back to the index" grep -q '<a href="index.html">' docs/html/main.html
"$MDGRAPH" --offline --chain main -T html >main.html
check "a doc page is the -T html page plus that link" \
    sh -c "grep -v '^<nav id=\"nav\">' docs/html/main.html | cmp -s - main.html"
run_status "$MDGRAPH" doc --offline -o docs/rel.md --html-dir docs/html --check
is "doc and pages fresh: exit 0" 0 "$status"
cp -r docs docs.before
"$MDGRAPH" doc --offline -o docs/rel.md --html-dir docs/html
check "doc --html-dir reruns byte-identical" diff -r docs.before docs
echo '<p>old</p>' >docs/html/space.html
run_status "$MDGRAPH" doc --offline -o docs/rel.md --html-dir docs/html --check
is "a stale page: exit 1, and the diff names it" "1 yes" \
    "$status $(grep -q '^--- docs/html/space.html$' "$work/stdout" && echo yes)"
run_status "$MDGRAPH" --chain main --html-dir x
is "--html-dir goes with doc" 2 "$status"
done_testing
