#!/bin/sh
# Every chain, and all of them merged, passes the real Mermaid parser
# (npm mermaid, pinned by tests/mermaid/package-lock.json), with the
# entity and relation counts the model says.
. "$top_srcdir/tests/setup.sh"

parse=$(sh "$top_srcdir/tests/mermaid/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! mermaid parser could not be installed"; exit 1; }

for name in $(chains | cut -f1) all; do
	"$MDGRAPH" --chain "$name" -T mermaid >"$work/$name.mmd"
done
node "$parse" --counts "$work"/*.mmd >"$work/parsed" 2>&1 ||
    { sed 's/^/# /' "$work/parsed"; }

"$MDGRAPH" --list-chains >"$work/list"
for name in $(chains | cut -f1); do
	ents=$(awk -F'\t' -v n="$name" '$1 == n { print $3 }' "$work/list")
	rels=$(grep -c -- '--' "$work/$name.mmd")
	is "chain $name parses with $ents entities, $rels relations" \
	    "$work/$name.mmd: ok (er) entities=$ents relations=$rels" \
	    "$(grep "^$work/$name.mmd:" "$work/parsed")"
done

rels=$(cat "$work"/main.mmd "$work"/datalink.mmd "$work"/storage.mmd \
    "$work"/bcs.mmd "$work"/space.mmd | grep -- '--' | sort -u | wc -l)
check "chain all parses with every relation once ($rels)" \
    grep -q "^$work/all.mmd: ok (er) entities=[0-9]* relations=$rels\$" \
    "$work/parsed"

printf 'erDiagram\n    A ||--|| B\n' >"$work/bad.mmd"
check "the parser rejects a relation without a label" \
    node "$parse" --expect-fail "$work/bad.mmd"
done_testing
