#!/bin/sh
# The model parser and views are linear: a 1 MB model of 20,000 chains,
# one block of 100,000 attributes, or 100,000 relations is parsed (and
# its chains listed) in a few seconds at most -- well under one on an idle
# machine -- and under 64 MB; drawing every chain takes seconds, not
# minutes.  Memory is the peak resident set, from /usr/bin/time (Debian
# package time).
. "$top_srcdir/tests/setup.sh"

[ -x /usr/bin/time ] || { echo "Bail out! /usr/bin/time missing: run ./bootstrap"; exit 1; }

awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "chain c%d T%d\n    E%d ||--o{ F%d : \"id\"\nend\n", i, i, i, i }' \
    >"$work/chains.model"
awk 'BEGIN { print "chain c T\n    A ||--o{ B : \"id\"\n    A {"
	for (i = 0; i < 100000; i++) printf "        string a%d\n", i
	print "    }\nend" }' >"$work/attrs.model"
awk 'BEGIN { print "chain c T"
	for (i = 0; i < 100000; i++)
		printf "    E%d ||--o{ F%d : \"k\"\n", i % 500, int(i / 500)
	print "end" }' >"$work/rels.model"

# measure NAME ARGS...: "$secs $kb" of one run, its status in $status.
measure() {
	status=0
	/usr/bin/time -f '%e %M' -o "$work/time" "$MDGRAPH" "$@" \
	    >"$work/stdout" 2>"$work/stderr" || status=$?
	read -r secs kb <"$work/time"
}

for m in chains attrs rels; do
	size=$(wc -c <"$work/$m.model")
	measure --model "$work/$m.model" --list-chains
	is "$m ($size bytes): parsed, exit 0" 0 "$status"
	check "$m: parsed in under 4 s (took ${secs}s)" \
	    awk -v s="$secs" 'BEGIN { exit !(s < 4) }'
	check "$m: parsed in under 64 MB (took ${kb} KB)" \
	    test "$kb" -lt 65536
	measure --model "$work/$m.model" --chain all -T mermaid
	is "$m: every chain drawn, exit 0" 0 "$status"
	check "$m: drawn in under 15 s (took ${secs}s)" \
	    awk -v s="$secs" 'BEGIN { exit !(s < 15) }'
done
is "chains: all 20,000 listed" 20000 "$("$MDGRAPH" --model "$work/chains.model" --list-chains 2>/dev/null | wc -l)"

done_testing
