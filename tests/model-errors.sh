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

# A template is text too: a NUL byte or invalid UTF-8 is refused where it
# is, not passed into the document.
printf '# T\n\n{{title main}}\nx\0y\n' >"$work/nul.md"
printf '# T\n\ncaf\351 {{title main}}\n' >"$work/latin1.md"
run_status "$MDGRAPH" doc --template "$work/nul.md"
is "template with a NUL byte: FILE:LINE:, exit 2, no document" \
    "2 mdgraph: $work/nul.md:4: a NUL byte: this is not a text file 0" \
    "$status $(cat "$work/stderr") $(wc -c <"$work/stdout")"
run_status "$MDGRAPH" doc --template "$work/latin1.md"
is "template in Latin-1: FILE:LINE:, exit 2, no document" \
    "2 mdgraph: $work/latin1.md:3: invalid UTF-8 (byte 0xe9): save the file as UTF-8 0" \
    "$status $(cat "$work/stderr") $(wc -c <"$work/stdout")"
done_testing
