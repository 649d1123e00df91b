# setup.sh -- sourced by every test script: strict mode, a private work
# directory removed on exit, and a few TAP helpers.
#
# The harness exports MDGRAPH (the built binary), top_srcdir, top_builddir.
set -eu

: "${MDGRAPH:?run the tests through make check}"
: "${top_srcdir:?run the tests through make check}"
GOLDEN=$top_srcdir/tests/golden
LC_ALL=C.UTF-8
export LC_ALL

work=$(mktemp -d "${TMPDIR:-/tmp}/mdgraph-test.XXXXXX")
cleanup() {
	rc=$?
	for f in ${cleanup_hooks:-}; do "$f" || :; done
	rm -rf "$work"
	exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t_n=0
t_failed=0

# done_testing: the plan, printed last so no count is kept by hand.
done_testing() { echo "1..$t_n"; }

ok() {
	t_n=$((t_n + 1))
	echo "ok $t_n - $*"
}

not_ok() {
	t_n=$((t_n + 1))
	t_failed=$((t_failed + 1))
	echo "not ok $t_n - $*"
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	d=$1
	shift
	if "$@" >"$work/.out" 2>&1; then
		ok "$d"
	else
		not_ok "$d"
		sed 's/^/# /' "$work/.out" | head -40
	fi
}

# same DESCRIPTION EXPECTED-FILE ACTUAL-FILE: byte-identical, else a diff.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff -u "$2" "$3" | head -40 | sed 's/^/# /'
	fi
}

# is DESCRIPTION EXPECTED ACTUAL: equal strings.
is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		printf '# expected: %s\n# got:      %s\n' "$2" "$3"
	fi
}

# run_status CMD...: run, keep stdout in $work/stdout, stderr in
# $work/stderr and the exit status in $status, never failing the script.
run_status() {
	status=0
	"$@" >"$work/stdout" 2>"$work/stderr" || status=$?
}

# block TITLE FILE: the ```mermaid block under "#### TITLE", without the
# fences: the text `mdgraph --chain NAME -T mermaid` must print.
block() {
	awk -v t="#### $1" '
		$0 == t { want = 1; next }
		want && /^```mermaid$/ { inb = 1; next }
		inb && /^```$/ { exit }
		inb { print }
	' "$2"
}

# chains: "name<TAB>title" lines of the built-in model.
chains() { "$MDGRAPH" --list-chains 2>/dev/null | cut -f1,2; }

# model_diff JQ MODEL: what mdgraph reads differently from MODEL than from
# the built-in model: JQ's lines over the JSON of every chain, sorted,
# "< " for the built-in's, "> " for MODEL's, joined by "|".
model_diff() {
	"$MDGRAPH" --chain all -T json | jq -r "$1" | LC_ALL=C sort >"$work/.md.a"
	"$MDGRAPH" --model "$2" --chain all -T json | jq -r "$1" | LC_ALL=C sort >"$work/.md.b"
	diff "$work/.md.a" "$work/.md.b" | grep '^[<>]' | tr '\n' '|' || :
}
