#!/bin/sh
# bench/scale.sh -- how mdgraph grows with the model: generated models of
# 250 to 2,000 entities (one chain each, a relation per entity, a block
# per entity), drawn as JSON, Mermaid and DOT, timed per size.  Linear
# growth doubles the time when the size doubles; quadratic quadruples it.
# Each figure is the best of five runs.
# Run on demand from the build tree.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
MDGRAPH=${MDGRAPH:-$top/src/mdgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen() {
	awk -v n="$1" 'BEGIN {
		print "chain big Generated"
		for (i = 2; i <= n; i++)
			printf "    E%d ||--o{ E%d : \"id\"\n", int(i / 2), i
		print ""
		for (i = 1; i <= n; i++)
			printf "    E%d {\n        int id PK\n        string name\n    }\n", i
		print "end"
	}' >"$work/m$1.model"
}

now() { date +%s%N; }
printf '%8s %10s %10s %10s\n' entities json_ms mermaid_ms dot_ms
prev=
for n in 250 500 1000 2000; do
	gen "$n"
	line=$(printf '%8d' "$n")
	for fmt in json mermaid dot; do
		best=
		for try in 1 2 3 4 5; do
			s=$(now)
			"$MDGRAPH" --model "$work/m$n.model" --chain big -T "$fmt" >/dev/null
			e=$(now)
			t=$((e - s))
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		line="$line $(awk -v t="$best" 'BEGIN { printf "%10.1f", t / 1e6 }')"
	done
	echo "$line"
done
s=$(now)
"$MDGRAPH" --model "$work/m2000.model" --chain big -T svg >/dev/null
e=$(now)
awk -v t=$((e - s)) 'BEGIN { printf "2000 entities as SVG (Graphviz dot layout included): %.0f ms\n", t / 1e6 }'
