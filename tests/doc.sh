#!/bin/sh
# mdgraph doc: --check, --svg-dir, --update marker regions, --db lists, and
# the CI examples.
. "$top_srcdir/tests/setup.sh"

model=$top_srcdir/templates/metadata.model
cd "$work"

# --- whole document
"$MDGRAPH" doc -o d.md
run_status "$MDGRAPH" doc -o d.md --check
is "fresh doc: --check exits 0, says nothing" "0||" \
    "$status|$(cat "$work/stdout")|$(cat "$work/stderr")"

sed 's/^\(    EsSnapshot }o--|| ESStorage : \)"table_id"$/\1"table_id+snapshot"/' \
    "$model" >edited.model
cp d.md before.md
run_status "$MDGRAPH" doc --model edited.model -o d.md --check
is "stale doc: exit 1" 1 "$status"
cat >want.diff <<'DIFF'
--- d.md
+++ d.md (regenerated)
@@ -207,7 +207,7 @@
     DorisStorage }o--|| ClusterInfo : "storage_cluster_id"
     StorageClusterRecord }o--|| ClusterInfo : "cluster_id"
 
-    EsSnapshot }o--|| ESStorage : "table_id"
+    EsSnapshot }o--|| ESStorage : "table_id+snapshot"
     EsSnapshotRepository ||--o{ EsSnapshot : "repository_name"
     EsSnapshot ||--o{ EsSnapshotIndice : "table_id+snapshot_name"
     EsSnapshotRepository ||--o{ EsSnapshotIndice : "repository_name"
DIFF
same "stale doc: the diff names the changed relation" want.diff "$work/stdout"
is "stale doc: one hint line with the command that regenerates it" \
    "mdgraph: d.md is stale: run 'mdgraph doc --model edited.model -o d.md' to regenerate it" \
    "$(cat "$work/stderr")"
same "--check writes nothing" before.md d.md
"$MDGRAPH" doc --model edited.model -o d.md
run_status "$MDGRAPH" doc --model edited.model -o d.md --check
is "after regenerating, fresh again" 0 "$status"
run_status "$MDGRAPH" doc -o missing.md --check
is "a missing doc is stale" 1 "$status"

# --- SVGs beside the doc
mkdir docs
"$MDGRAPH" doc -o docs/rel.md --svg-dir docs/img
is "--svg-dir writes one SVG per chain" "bcs.svg datalink.svg main.svg space.svg storage.svg" \
    "$(ls docs/img | tr '\n' ' ' | sed 's/ $//')"
check "--svg-dir: each is an SVG" xmllint --noout docs/img/bcs.svg docs/img/datalink.svg \
    docs/img/main.svg docs/img/space.svg docs/img/storage.svg
check "the doc links each SVG relative to itself" \
    grep -qx '!\[存储/快照链路\](img/storage.svg)' docs/rel.md
check "the SVGs are well-formed" xmllint --noout docs/img/main.svg
run_status "$MDGRAPH" doc -o docs/rel.md --svg-dir docs/img --check
is "doc and SVGs fresh: exit 0" 0 "$status"
echo '<svg/>' >docs/img/bcs.svg
run_status "$MDGRAPH" doc -o docs/rel.md --svg-dir docs/img --check
is "a stale SVG: exit 1" 1 "$status"
check "and its diff names it" grep -q '^--- docs/img/bcs.svg$' "$work/stdout"

# --- marker regions in a human-written file
printf '%s\n' '# Our README' '' 'Text *we* wrote.  ' '<!-- mdgraph:chain=bcs -->' \
    'stale' '<!-- /mdgraph -->' '' '| not | ours |' \
    '<!-- mdgraph:list=pending -->' '<!-- /mdgraph -->' 'tail without newline' |
    sed '$ s/$//' >R.md
run_status "$MDGRAPH" doc --update R.md --check
is "--check --update: stale, exit 1" 1 "$status"
cp R.md R.before
"$MDGRAPH" doc --update R.md
# Remove the regions' insides: what is left must be the bytes we wrote.
strip() { awk '/<!-- \/mdgraph -->/ { skip = 0 } !skip { print } /<!-- mdgraph:/ { skip = 1 }' "$1"; }
strip R.before >outside.before
strip R.md >outside.after
same "--update keeps every byte outside the regions" outside.before outside.after
"$MDGRAPH" --chain bcs -T mermaid >bcs.mmd
awk '/mdgraph:chain=bcs/ { on = 1; next } /\/mdgraph/ { on = 0 } on' R.md |
    sed '1d;$d' >bcs.region
same "the chain region holds the chain's Mermaid" bcs.mmd bcs.region
run_status "$MDGRAPH" doc --update R.md --check
is "after --update: fresh" 0 "$status"
cp R.md R.again
"$MDGRAPH" doc --update R.md
same "--update is idempotent" R.again R.md

# Malformed markers: FILE:LINE: message, exit 2, file untouched.
bad() {
	printf "$2" >bad.md
	sum=$(cksum <bad.md)
	run_status "$MDGRAPH" doc --update bad.md
	is "$1" "2|mdgraph: bad.md:$3|$sum" \
	    "$status|$(cat "$work/stderr")|$(cksum <bad.md)"
}
bad "unclosed marker" 'a\n<!-- mdgraph:chain=bcs -->\nb\n' \
    "2: marker is not closed: add '<!-- /mdgraph -->'"
bad "close without open" 'a\n<!-- /mdgraph -->\n' \
    "2: '<!-- /mdgraph -->' closes no marker"
bad "nested marker" '<!-- mdgraph:chain=bcs -->\n<!-- mdgraph:chain=main -->\n<!-- /mdgraph -->\n' \
    "2: marker inside the marker of line 1: close that one first with '<!-- /mdgraph -->'"
bad "unknown kind" 'x\n\n<!-- mdgraph:table=bcs -->\n<!-- /mdgraph -->\n' \
    "3: unknown marker 'mdgraph:table' (choose from: chain, list)"
bad "unknown chain" '<!-- mdgraph:chain=nope -->\n<!-- /mdgraph -->\n' \
    "1: unknown chain 'nope' (choose from: main, datalink, storage, bcs, space, timeseries, moststorage, datalinkmore, vm, entity)"
bad "unknown option" '<!-- mdgraph:chain=bcs color=red -->\n<!-- /mdgraph -->\n' \
    "1: unknown marker option 'color=red' (choose from: svg=PATH, with chain=)"

# A region with svg=PATH writes and links that SVG.
printf '%s\n' '<!-- mdgraph:chain=space svg=img/space.svg -->' '<!-- /mdgraph -->' >S.md
mkdir img
"$MDGRAPH" doc --update S.md
check "svg= option: the SVG is written" xmllint --noout img/space.svg
check "svg= option: and linked" grep -qx '!\[空间与资源链路\](img/space.svg)' S.md

# svg=PATH (relative to the working directory, like -o) stays in the
# document's directory tree, or --svg-dir: an absolute path, a ".." or a
# symbolic link out of it is refused, for --update and --check alike,
# before anything is read or written.
mkdir -p book/img outside
ln -s ../../outside book/img/escape
echo secret >outside/x.svg
for p in "$PWD/outside/abs.svg" outside/x.svg book/../outside/x.svg book/img/escape/x.svg \
    book/nodir/../../outside/x.svg; do
	printf '%s\n' x "<!-- mdgraph:chain=space svg=$p -->" '<!-- /mdgraph -->' >book/M.md
	sum=$(cksum <book/M.md)
	for mode in --update --check; do
		set -- "$MDGRAPH" doc --update book/M.md
		[ "$mode" = --update ] || set -- "$@" --check
		run_status "$@"
		is "svg=$p, doc $mode: exit 2, FILE:LINE:, nothing printed, document kept" \
		    "2|mdgraph: book/M.md:2: svg=$p is outside the document's directory book/: give a relative path inside it||$sum" \
		    "$status|$(cat "$work/stderr")|$(cat "$work/stdout")|$(cksum <book/M.md)"
	done
done
is "refused svg= paths: the file outside is untouched, nothing written" \
    "secret|outside/x.svg" "$(cat outside/x.svg)|$(find book outside -name '*.svg*')"
# Inside the tree, through "..", the path is written; --svg-dir widens it.
printf '%s\n' "<!-- mdgraph:chain=space svg=book/img/../img/s.svg -->" '<!-- /mdgraph -->' >book/M.md
run_status "$MDGRAPH" doc --update book/M.md
is "svg= inside the document's tree through '..': exit 0" "0|" "$status|$(cat "$work/stderr")"
check "svg= inside the document's tree: the SVG is written" xmllint --noout book/img/s.svg
printf '%s\n' "<!-- mdgraph:chain=space svg=outside/s.svg -->" '<!-- /mdgraph -->' >book/M.md
run_status "$MDGRAPH" doc --update book/M.md --svg-dir outside
is "svg= under --svg-dir: exit 0" "0|" "$status|$(cat "$work/stderr")"
check "svg= under --svg-dir: the SVG is written" xmllint --noout outside/s.svg

# --- with a live schema: the new table lands in the pending list
. "$top_srcdir/tests/live-setup.sh"
live_db fx "$top_srcdir/tests/fixtures/schema.sql" \
    "$top_srcdir/tests/fixtures/unclassified.sql"
"$MDGRAPH" doc -o live.md
run_status "$MDGRAPH" doc --db "$(conn fx)" -o live.md --check
is "--db: a new Django model makes the doc stale" 1 "$status"
check "--db: the diff adds it to the pending list, marked new" \
    grep -qx '+| metadata\\_newfeatureconfig | 新表：尚未纳入任何链路或列表（mdgraph 检测） |' \
    "$work/stdout"
"$MDGRAPH" doc --db "$(conn fx)" -o live.md
check "--db: the row sits in the pending table, before the next heading" \
    sh -c "awk '/^#### 未纳入关系图的表/ { on = 1 } /^#### 无法归类/ { on = 0 } on' live.md | grep -q newfeatureconfig"

# --- the CI examples, run for real
cp live.md docs-live.md
run_status env PG="$(conn fx)" DOC=docs-live.md DIFF=ci.diff \
    MDGRAPH="$MDGRAPH" sh "$top_srcdir/examples/ci/docs-check.sh"
is "examples/ci/docs-check.sh: fresh doc exits 0" 0 "$status"
run_status env PG="$(conn fx)" DOC=d.md DIFF=ci.diff MDGRAPH="$MDGRAPH" \
    sh "$top_srcdir/examples/ci/docs-check.sh"
is "examples/ci/docs-check.sh: stale doc exits 1 with a diff to upload" \
    "1 yes" "$status $(test -s ci.diff && echo yes)"
for y in github-actions.yml gitlab-ci.yml; do
	check "examples/ci/$y runs docs-check.sh and keeps the diff" \
	    sh -c "grep -q 'sh mdgraph/examples/ci/docs-check.sh' '$top_srcdir/examples/ci/$y' &&
	        grep -q 'mdgraph-docs.diff' '$top_srcdir/examples/ci/$y'"
done
mkdir mk && cd mk
run_status make -s -f "$top_srcdir/examples/docs.mk" MDGRAPH="$MDGRAPH" docs
is "docs.mk: make docs" "0 yes" "$status $(test -s docs/metadata-relations.md && echo yes)"
run_status make -s -f "$top_srcdir/examples/docs.mk" MDGRAPH="$MDGRAPH" docs-check
is "docs.mk: make docs-check on a fresh doc" 0 "$status"
echo junk >>docs/metadata-relations.md
run_status make -s -f "$top_srcdir/examples/docs.mk" MDGRAPH="$MDGRAPH" docs-check
is "docs.mk: make docs-check fails on a stale doc, as mdgraph says" "2 1" \
    "$status $(grep -c '^mdgraph: docs/metadata-relations.md is stale: run ' "$work/stderr")"
done_testing
