#!/bin/sh
# Malformed model files: each fails with its exact "FILE:LINE: message"
# and exit status 2 (tests/models/expected.tsv pins them).
. "$top_srcdir/tests/setup.sh"

dir=$top_srcdir/tests/models
cd "$dir"
while IFS='	' read -r file want; do
	run_status "$MDGRAPH" --model "$file" --chain main
	got="$status $(cat "$work/stderr")"
	is "$file" "2 $want" "$got"
done <"$dir/expected.tsv"
done_testing
