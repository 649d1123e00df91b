#!/bin/sh
# The built-in model reproduces the documented layout: every chain's
# Mermaid block and the whole document, byte for byte.
. "$top_srcdir/tests/setup.sh"

doc=$GOLDEN/metadata-relations.md

is "five chains in the documented order" \
    "main datalink storage bcs space" \
    "$(chains | cut -f1 | tr '\n' ' ' | sed 's/ $//')"

chains >"$work/chains"
while IFS='	' read -r name title; do
	block "$title" "$doc" >"$work/$name.want"
	"$MDGRAPH" --chain "$name" -T mermaid >"$work/$name.got"
	same "chain $name equals its block in the doc" \
	    "$work/$name.want" "$work/$name.got"
done <"$work/chains"

"$MDGRAPH" doc >"$work/doc.md"
same "doc equals the documented layout" "$doc" "$work/doc.md"

"$MDGRAPH" doc -o "$work/doc2.md"
same "doc -o writes the same bytes" "$doc" "$work/doc2.md"

"$MDGRAPH" --chain storage -o "$work/storage.mmd"
same "format from the .mmd extension" "$work/storage.want" \
    "$work/storage.mmd"

"$MDGRAPH" --chain main >"$work/default.got"
same "default chain is main, default format mermaid" "$work/main.want" \
    "$work/default.got"

"$MDGRAPH" --chain all -T mermaid >"$work/all1"
"$MDGRAPH" --chain all -T mermaid >"$work/all2"
same "chain all is deterministic" "$work/all1" "$work/all2"

# Every relation of every chain appears exactly once in the merged diagram.
cat "$work"/main.want "$work"/datalink.want "$work"/storage.want \
    "$work"/bcs.want "$work"/space.want | grep -- '--' | sort -u \
    >"$work/rels.want"
grep -- '--' "$work/all1" | sort >"$work/rels.got"
same "chain all has each relation once" "$work/rels.want" "$work/rels.got"
done_testing
