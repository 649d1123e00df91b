#!/bin/sh
# bench/render.sh [RUNS] -- how long `mdgraph --chain all -o all.svg` takes
# against its baseline, `dot -Tsvg` on mdgraph's own `-T dot` output, both
# measured in this run, alternating so both see the same machine.
# Run on demand from the build tree: sh tests/bench/render.sh 20
set -eu
runs=${1:-20}
mdgraph=${MDGRAPH:-src/mdgraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$mdgraph" --chain all -T dot >"$work/all.dot"

now() { date +%s%N; }
t_md=0
t_dot=0
i=0
while [ "$i" -lt "$runs" ]; do
	s=$(now); "$mdgraph" --chain all -o "$work/a.svg"; e=$(now)
	t_md=$((t_md + e - s))
	s=$(now); dot -Tsvg "$work/all.dot" >"$work/b.svg"; e=$(now)
	t_dot=$((t_dot + e - s))
	i=$((i + 1))
done
awk -v a="$t_md" -v b="$t_dot" -v n="$runs" 'BEGIN {
	printf "mdgraph --chain all -o all.svg: %.1f ms/run\n", a / n / 1e6
	printf "dot -Tsvg all.dot (baseline):   %.1f ms/run\n", b / n / 1e6
	printf "ratio: %.3f (goal <= 1.15), %d runs each\n", a / b, n
}'
