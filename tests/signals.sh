#!/bin/sh
# A fatal signal during a write (SIGINT, SIGTERM, SIGHUP, SIGPIPE): the
# temporary file is removed, the old file left byte-identical, and the
# process dies of the signal (status 128 + its number).  The shim
# tests/pause-rename.so holds the write at its rename, so the signal
# always arrives while the temporary file exists.
. "$top_srcdir/tests/setup.sh"
cd "$work"
shim=$top_builddir/tests/pause-rename.so
check "the shim is built" test -f "$shim"
# An instrumented mdgraph would refuse a preloaded library listed first.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

# ready: wait for the shim's file (10 s at most).
ready() {
	i=0
	while [ "$i" -lt 100 ]; do
		[ -e ready ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

for s in INT:130 TERM:143 HUP:129 PIPE:141; do
	sig=${s%:*} want=${s#*:}
	printf 'old %s\n' "$sig" >out.svg
	cp out.svg before.svg
	rm -f ready
	LD_PRELOAD=$shim PAUSE_RENAME_READY=$work/ready \
	    "$MDGRAPH" --relations all -o out.svg 2>"$work/stderr" &
	md=$!
	check "SIG$sig: the write is under way" ready
	check "SIG$sig: a temporary file exists before the signal" \
	    test -n "$(find . -name 'out.svg.tmp*')"
	kill -"$sig" "$md"
	# A signal that does not end it would hold the test: 10 s, then KILL.
	(sleep 10; kill -KILL "$md" 2>/dev/null) &
	watchdog=$!
	status=0
	wait "$md" || status=$?
	kill "$watchdog" 2>/dev/null || :
	is "SIG$sig: dies of the signal (exit $want)" "$want" "$status"
	same "SIG$sig: the old file is byte-identical" before.svg out.svg
	is "SIG$sig: no temporary file left" "" "$(find . -name '*.tmp*')"
done

# Without the shim the same run completes: the signal handling does not
# disturb a write nothing interrupts.
run_status "$MDGRAPH" --relations all -o out.svg
is "no signal: exit 0, the SVG written, no temporary file" "0 " \
    "$status $(find . -name '*.tmp*')"
check "no signal: the SVG is well-formed" xmllint --noout out.svg

done_testing
