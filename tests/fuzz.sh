#!/bin/sh
# The fuzz corpora, replayed without libFuzzer: every seed (and every crash
# reproducer kept as a regression input) of tests/fuzz/corpus/ through the
# model parser, the doc marker parser, the JSON-list reader, the template
# placeholders and the escapers (each read back by its consumer: Graphviz
# and libxml2, the JSON reader, the Mermaid, Markdown and terminal rules).  In a sanitizer build
# (--enable-sanitizers), a memory error fails the test.
. "$top_srcdir/tests/setup.sh"

: "${top_builddir:?run the tests through make check}"

for t in model markers jsonlist template escape; do
	bin=$top_builddir/tests/fuzz/replay-$t
	corpus=$top_srcdir/tests/fuzz/corpus/$t
	n=$(find "$corpus" -type f ! -name '.*' | wc -l)
	if [ ! -x "$bin" ]; then
		not_ok "$t: $bin is built"
		continue
	fi
	run_status "$bin" "$corpus"
	if [ "$status" = 0 ]; then
		ok "$t: the corpus replays, exit 0"
	else
		not_ok "$t: the corpus replays, exit 0 (got $status)"
		sed 's/^/# /' "$work/stderr" | head -40
	fi
	is "$t: every corpus file is replayed" "replayed $n inputs" \
	    "$(cat "$work/stdout")"
done

done_testing
