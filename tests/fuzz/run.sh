#!/bin/sh
# run.sh [SECONDS] -- build the libFuzzer targets for mdgraph's parsers and
# escapers and fuzz each for SECONDS (default 300), one after the other.
#
#	tests/fuzz/run.sh          # 5 minutes per target
#	tests/fuzz/run.sh 60
#
# Run from anywhere after `make` (src/embedded.c and config.h must exist).
# The targets are built with clang -fsanitize=fuzzer,address,undefined from
# the sources (src/*.c but src/main.c, src/pg, src/mysql) into a temporary directory;
# each starts from a copy of its seed corpus in tests/fuzz/corpus/TARGET,
# so the seeds stay as they are.
#
# Environment:
#	CC                     the compiler (default clang)
#	FUZZ_WORK=DIR          keep the build, work corpora and logs in DIR,
#	                       and resume from DIR's work corpora next time
#	                       (default: a temporary directory, removed at exit
#	                       unless something crashed)
#	FUZZ_TARGETS="a b"     which targets (default "model markers jsonlist
#	                       template escape")
#	FUZZ_TIMEOUT=N         a unit running N seconds is slow (default 60);
#	                       slow units are kept and reported apart from
#	                       crashes, and do not stop the run
#	FUZZ_JOBS=N            run N targets at once (default 1, at most 2)
#	MDGRAPH_FUZZ_NO_SVG=1  markers: skip inputs containing "svg="
#	FUZZ_FLAGS="..."       extra libFuzzer flags
#	ASAN_OPTIONS, LSAN_OPTIONS, UBSAN_OPTIONS   passed on; LSAN_OPTIONS
#	                       defaults to tests/lsan.supp (leaks inside
#	                       Graphviz, fontconfig, pango...: not ours)
#
# "svg=" markers render through Graphviz and are slow (a few hundred
# exec/s against ~1500 without): MDGRAPH_FUZZ_NO_SVG=1 skips them.
#
# Prints, per target, the executions, exec/s, crashes (the crash files are
# copied to tests/fuzz/crashes/) and slow units (to tests/fuzz/slow/, with
# the time each takes to replay: a unit slow only once, on a loaded
# machine, replays fast).  Exits 1 if any target crashed, 2 on a build or
# usage error; slow units alone exit 0.
set -eu

secs=${1:-300}
case $secs in
''|*[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CC=${CC:-clang}
targets=${FUZZ_TARGETS:-model markers jsonlist template escape}
fuzz_timeout=${FUZZ_TIMEOUT:-60}
case $fuzz_timeout in
''|*[!0-9]*|0) echo "$0: FUZZ_TIMEOUT is a number of seconds" >&2; exit 2 ;;
esac
jobs=${FUZZ_JOBS:-1}
case $jobs in
1|2) ;;
*) echo "$0: FUZZ_JOBS is 1 or 2" >&2; exit 2 ;;
esac

for f in "$top/src/embedded.c" "$top/config.h"; do
	if [ ! -f "$f" ]; then
		echo "$0: $f is missing: run make first" >&2
		exit 2
	fi
done

if [ -n "${FUZZ_WORK:-}" ]; then
	work=$FUZZ_WORK
	mkdir -p "$work"
	keep=1
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/mdgraph-fuzz.XXXXXX")
	keep=0
fi
crashed=0
# shellcheck disable=SC2317
cleanup() {
	if [ "$keep" = 0 ] && [ "$crashed" = 0 ]; then
		rm -rf "$work"
	else
		echo "work directory kept: $work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build
pkg="$(pkg-config --cflags --libs libcgraph libgvc libxml-2.0) $(pkg-config --cflags libpq libmariadb) -ldl"
flags="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
lib=
for f in "$top"/src/*.c "$top"/src/pg/*.c "$top"/src/mysql/*.c; do
	case $f in */src/main.c) continue ;; esac
	lib="$lib $f"
done
for t in $targets; do
	echo "building fuzz-$t"
	# shellcheck disable=SC2086
	if ! $CC $flags -std=gnu11 -I "$top/src" -I "$top" \
	    "$here/fuzz_$t.c" $lib $pkg -o "$work/fuzz-$t" \
	    >"$work/build-$t.log" 2>&1; then
		cat "$work/build-$t.log" >&2
		exit 2
	fi
done

# --- fuzz
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
if [ -z "${LSAN_OPTIONS:-}" ] && [ -f "$top/tests/lsan.supp" ]; then
	LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
fi
export LSAN_OPTIONS="${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

fuzz() {
	t=$1
	# A kept FUZZ_WORK resumes from its work corpus, seeds added.
	rm -rf "$work/artifacts-$t"
	mkdir -p "$work/corpus-$t" "$work/artifacts-$t"
	cp "$here/corpus/$t"/* "$work/corpus-$t/"
	start=$(date +%s)
	rc=0
	# shellcheck disable=SC2086
	# A unit past -timeout (a machine busy elsewhere can make one take
	# 17 s that replays in 0.1 s) is written as timeout-*, and its exit
	# status told from a crash's; it ends that target's run.  Units past
	# -report_slow_units are kept as slow-unit-* and the run goes on.
	"$work/fuzz-$t" -max_total_time="$secs" -print_final_stats=1 \
	    -timeout="$fuzz_timeout" -error_exitcode=77 -timeout_exitcode=78 \
	    -report_slow_units=10 \
	    -rss_limit_mb=2048 -max_len=16384 \
	    -artifact_prefix="$work/artifacts-$t/" ${FUZZ_FLAGS:-} \
	    "$work/corpus-$t" >"$work/fuzz-$t.log" 2>&1 || rc=$?
	echo $(( $(date +%s) - start )) >"$work/time-$t"
	echo $rc >"$work/rc-$t"
}

# shellcheck disable=SC2086
set -- $targets
if [ "$jobs" = 2 ] && [ $# -ge 2 ]; then
	while [ $# -gt 0 ]; do
		fuzz "$1" &
		p1=$!
		shift
		p2=
		if [ $# -gt 0 ]; then
			fuzz "$1" &
			p2=$!
			shift
		fi
		wait "$p1" || :
		[ -z "$p2" ] || wait "$p2" || :
	done
else
	for t in $targets; do
		fuzz "$t"
	done
fi

# --- report
slowness() {
	# The seconds a unit takes to replay alone, to one decimal.
	_s=$(date +%s%N)
	"$work/fuzz-$1" -runs=1 "$2" >/dev/null 2>&1 || :
	_e=$(date +%s%N)
	echo "$(( (_e - _s) / 1000000000 )).$(( (_e - _s) / 100000000 % 10 ))"
}
for t in $targets; do
	log=$work/fuzz-$t.log
	rc=$(cat "$work/rc-$t")
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | sed 's/cov: //')
	ncorp=$(find "$work/corpus-$t" -type f | wc -l)
	crashes=
	slow=
	for a in "$work/artifacts-$t"/*; do
		[ -e "$a" ] || continue
		case $(basename "$a") in
		timeout-* | slow-unit-*) slow="$slow $a" ;;
		*) crashes="$crashes $a" ;;
		esac
	done
	# shellcheck disable=SC2086
	set -- $crashes
	ncrash=$#
	# shellcheck disable=SC2086
	set -- $slow
	echo "== $t: ${execs:-?} executions in $(cat "$work/time-$t")s" \
	    "(${rate:-?} exec/s), cov ${cov:-?}, corpus $ncorp," \
	    "exit $rc, crashes: $ncrash, slow units: $#"
	for a in "$@"; do
		mkdir -p "$here/slow"
		cp "$a" "$here/slow/$t-$(basename "$a")"
		echo "   slow (not a crash): $here/slow/$t-$(basename "$a")," \
		    "replays in $(slowness "$t" "$a")s"
	done
	# A timeout alone is not a crash; any other failure is.
	if [ "$ncrash" -gt 0 ] || { [ "$rc" != 0 ] && [ "$rc" != 78 ]; }; then
		crashed=1
		mkdir -p "$here/crashes"
		# shellcheck disable=SC2086
		set -- $crashes
		for a in "$@"; do
			cp "$a" "$here/crashes/$t-$(basename "$a")"
			echo "   $here/crashes/$t-$(basename "$a")"
		done
		grep -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error|fuzz_' "$log" |
		    head -5 | sed 's/^/   /'
		echo "   log: $log"
	fi
done
exit $crashed
