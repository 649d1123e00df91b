#!/bin/sh
# bench/render.sh [RUNS] -- how long `mdgraph --chain all -o all.svg` takes
# against its baseline, `dot -Tsvg` on mdgraph's own `-T dot` output, both
# measured in this run, alternating so both see the same machine.  Reports
# the mean and the best run of each (the best is the least disturbed by
# other load), and, when valgrind is there, instructions executed.
# Run on demand from the build tree: sh tests/bench/render.sh 30
set -eu
runs=${1:-30}
mdgraph=${MDGRAPH:-src/mdgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$mdgraph" --chain all -T dot >"$work/all.dot"

now() { date +%s%N; }
i=0
while [ "$i" -lt "$runs" ]; do
	s=$(now); "$mdgraph" --chain all -o "$work/a.svg"; e=$(now)
	echo "md $((e - s))"
	s=$(now); dot -Tsvg "$work/all.dot" >"$work/b.svg"; e=$(now)
	echo "dot $((e - s))"
	i=$((i + 1))
done >"$work/times"
awk -v n="$runs" '
	{ sum[$1] += $2; if (!($1 in min) || $2 < min[$1]) min[$1] = $2 }
	END {
		printf "mdgraph --chain all -o all.svg: mean %.1f ms, best %.1f ms\n", sum["md"] / n / 1e6, min["md"] / 1e6
		printf "dot -Tsvg all.dot (baseline):   mean %.1f ms, best %.1f ms\n", sum["dot"] / n / 1e6, min["dot"] / 1e6
		printf "ratio: mean %.3f, best %.3f (goal <= 1.15), %d runs each\n", sum["md"] / sum["dot"], min["md"] / min["dot"], n
	}' "$work/times"
if command -v valgrind >/dev/null; then
	valgrind --tool=callgrind --callgrind-out-file="$work/cg1" \
	    "$mdgraph" --chain all -o "$work/a.svg" 2>"$work/v1"
	valgrind --tool=callgrind --callgrind-out-file="$work/cg2" \
	    dot -Tsvg "$work/all.dot" -o "$work/b.svg" 2>"$work/v2"
	a=$(sed -n 's/.*Collected : //p' "$work/v1")
	b=$(sed -n 's/.*Collected : //p' "$work/v2")
	awk -v a="$a" -v b="$b" 'BEGIN {
		printf "instructions: mdgraph %.1fM, dot %.1fM, ratio %.3f\n", a / 1e6, b / 1e6, a / b }'
fi
