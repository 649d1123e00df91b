#!/bin/sh
# The hostile, fault and fuzz-replay suites again, against mdgraph and the
# replay drivers built with AddressSanitizer and UndefinedBehaviorSanitizer
# in a temporary directory: any sanitizer report fails.  The build compiles
# the sources directly with -fsanitize=address,undefined (a source tree
# configured in place refuses an out-of-tree configure), with this build's
# config.h and src/embedded.c.
. "$top_srcdir/tests/setup.sh"

: "${top_builddir:?run the tests through make check}"
command -v pkg-config >/dev/null || { echo "Bail out! pkg-config missing: run ./bootstrap"; exit 1; }
for f in "$top_builddir/config.h" "$top_builddir/src/embedded.c"; do
	[ -f "$f" ] || { echo "Bail out! $f missing: run make"; exit 1; }
done

start=$(date +%s)
san=$work/san
mkdir -p "$san/obj" "$san/tests/fuzz" "$san/log"
CC=${CC:-cc}
flags="-std=gnu11 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
# shellcheck disable=SC2046
incs="-I$top_builddir -I$top_srcdir/src $(pkg-config --cflags libcgraph libgvc libpq libmariadb libxml-2.0)"
libs="$(pkg-config --libs libgvc libcgraph libxml-2.0) -ldl"

# Compile every source but main.c, two at a time.
objs=
set --
for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/pg/*.c "$top_srcdir"/src/mysql/*.c \
    built; do
	case $f in
	*/src/main.c | */src/embedded.c) continue ;;	# built: in the build tree
	built) f=$top_builddir/src/embedded.c ;;
	esac
	o=$san/obj/$(echo "${f#"$top_srcdir"/}" | tr / _).o
	objs="$objs $o"
	set -- "$@" "$f" "$o"
done
build_ok=1
compile() {
	# shellcheck disable=SC2086
	$CC $flags $incs -c "$1" -o "$2" 2>>"$san/build.log" || build_ok=0
}
while [ $# -ge 2 ]; do
	compile "$1" "$2" &
	p1=$!
	shift 2
	if [ $# -ge 2 ]; then
		compile "$1" "$2"
		shift 2
	fi
	wait "$p1" || build_ok=0
done
link() {
	out=$1
	shift
	# shellcheck disable=SC2086
	$CC $flags $incs -I"$top_srcdir/tests/fuzz" "$@" $objs $libs -o "$out" \
	    2>>"$san/build.log" || build_ok=0
}
link "$san/mdgraph" "$top_srcdir/src/main.c"
for t in model markers jsonlist template escape; do
	link "$san/tests/fuzz/replay-$t" "$top_srcdir/tests/fuzz/replay.c" \
	    "$top_srcdir/tests/fuzz/fuzz_$t.c"
done
if [ "$build_ok" = 1 ] && [ -x "$san/mdgraph" ]; then
	ok "the ASan+UBSan build succeeds ($(( $(date +%s) - start ))s)"
else
	not_ok "the ASan+UBSan build succeeds"
	sed 's/^/# /' "$san/build.log" | head -30
	done_testing
	exit 0
fi
"$san/mdgraph" --version >"$work/v" 2>&1 || :
is "the sanitized mdgraph runs" "$("$MDGRAPH" --version 2>&1)" "$(cat "$work/v")"
# The Mermaid parser the hostile suite installs stays where it is.
[ -d "$top_builddir/tests/mermaid-env" ] &&
    ln -s "$top_builddir/tests/mermaid-env" "$san/tests/mermaid-env"

# Every report goes to a file of its own; none may be written.  Memory
# errors and undefined behaviour, not leaks: a leak inside Graphviz or
# cairo is told from ours only with full unwinding on every malloc, which
# makes this suite several times slower; tests/valgrind.sh finds leaks.
ASAN_OPTIONS="log_path=$san/log/asan:detect_leaks=0"
UBSAN_OPTIONS="log_path=$san/log/ubsan:print_stacktrace=1:halt_on_error=1"
LSAN_OPTIONS="suppressions=$top_srcdir/tests/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
for suite in hostile faults fuzz; do
	s0=$(date +%s)
	rc=0
	MDGRAPH=$san/mdgraph top_builddir=$san sh "$top_srcdir/tests/$suite.sh" \
	    >"$work/$suite.tap" 2>&1 || rc=$?
	bad=$(grep -c '^not ok' "$work/$suite.tap" || :)
	if [ "$rc" = 0 ] && [ "$bad" = 0 ] && grep -q '^1\.\.[1-9]' "$work/$suite.tap"; then
		ok "$suite.sh passes against the sanitized build ($(( $(date +%s) - s0 ))s)"
	else
		not_ok "$suite.sh passes against the sanitized build (exit $rc, $bad not ok)"
		grep -A3 '^not ok' "$work/$suite.tap" | head -20 | sed 's/^/# /'
	fi
done
set -- "$san"/log/*
[ -e "$1" ] || set --
is "no sanitizer report" 0 "$#"
for f in "$@"; do
	echo "# $f:"
	head -20 "$f" | sed 's/^/# /'
done
echo "# sanitizer suite: $(( $(date +%s) - start ))s"
done_testing
