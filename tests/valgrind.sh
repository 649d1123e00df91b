#!/bin/sh
# valgrind memcheck on the main paths: no error, nothing definitely lost
# (leaks inside Graphviz, fontconfig, pango, cairo and glib are suppressed
# by tests/valgrind.supp; mdgraph's own are not).
. "$top_srcdir/tests/setup.sh"
command -v valgrind >/dev/null ||
    { echo "Bail out! valgrind missing: run ./bootstrap"; exit 1; }
. "$top_srcdir/tests/live-setup.sh"
live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
C=$(conn fx)

# An ASan build cannot run under valgrind; there the sanitizers do the
# same checks, on the same commands.
if ldd "$MDGRAPH" | grep -q libasan; then
	checker=""
else
	checker="valgrind -q --suppressions=$top_srcdir/tests/valgrind.supp
	    --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99"
fi

# memcheck NAME WANT-STATUS CMD...
memcheck() {
	name=$1 want=$2
	shift 2
	# shellcheck disable=SC2086
	run_status $checker "$@"
	is "$name: exit $want, no error, nothing definitely lost" "$want" "$status"
	[ "$status" = "$want" ] || sed 's/^/# /' "$work/stderr" | head -30
}
memcheck "offline chain" 0 "$MDGRAPH" --chain storage -T mermaid
memcheck "offline SVG of all chains" 0 "$MDGRAPH" --chain all -T svg
memcheck "live chain" 0 "$MDGRAPH" --db "$C" --chain main --columns all --counts -T svg
memcheck "instance diagram" 0 "$MDGRAPH" --db "$C" --data-id 1500003 -T svg
memcheck "instance JSON" 0 "$MDGRAPH" --db "$C" --data-id 1500001 -T json
memcheck "instance page" 0 "$MDGRAPH" --db "$C" --data-id 1500001 -T html
memcheck "doc with its pages" 0 "$MDGRAPH" doc --offline -o "$work/d.md" --html-dir "$work/html"
memcheck "no such root" 1 "$MDGRAPH" --db "$C" --data-id 999 -T json
memcheck "check" 1 "$MDGRAPH" check --db "$C"
memcheck "doc" 0 "$MDGRAPH" doc --db "$C"
memcheck "malformed model" 2 "$MDGRAPH" --model "$top_srcdir/tests/models/bad-on-arity.model"
done_testing
