#!/bin/sh
# Database faults and least privilege: every fault is one line on stderr,
# exit 2, and an existing output file left byte-identical; a read-only
# role can do everything; mdgraph only reads.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

fx="$fixtures/schema.sql $fixtures/data.sql"
# shellcheck disable=SC2086
live_db fx $fx
echo keep >"$work/out.svg"
out=$work/out.svg

# fault DESC PATTERN CMD...: exit 2, one stderr line matching, file kept.
fault() {
	desc=$1 pattern=$2
	shift 2
	run_status "$@"
	is "$desc: exit 2, one line, old file kept" "2 1 keep" \
	    "$status $(wc -l <"$work/stderr") $(cat "$out")"
	check "$desc: says what happened" grep -q "^mdgraph: .*$pattern" "$work/stderr"
}

# Wait until mdgraph is blocked on a lock (10 s at most).
wait_blocked() {
	i=0
	while [ "$i" -lt 100 ]; do
		n=$(pg_psql -d postgres -At -c "SELECT count(*) FROM pg_stat_activity
		    WHERE application_name = 'mdgraph' AND wait_event_type = 'Lock'")
		[ "$n" -gt 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

fault "connection refused" "Connection refused" \
    "$MDGRAPH" --db "host=127.0.0.1 port=1 dbname=fx" --chain main -o "$out"

lock_fields fx
fault "statement timeout" "canceling statement due to statement timeout" \
    "$MDGRAPH" --db "$(conn fx)" --timeout 1 --data-id 1500001 -o "$out"
kill "$locker" 2>/dev/null || :
wait "$locker" 2>/dev/null || :

# The database dropped while mdgraph samples it.
# shellcheck disable=SC2086
live_db doomed $fx
lock_fields doomed
"$MDGRAPH" --db "$(conn doomed)" --data-id 1500001 -o "$out" \
    >"$work/stdout" 2>"$work/stderr" &
md=$!
check "mdgraph waits on the locked table" wait_blocked
pg_psql -d postgres -c "DROP DATABASE doomed WITH (FORCE)" >/dev/null
status=0
wait "$md" || status=$?
wait "$locker" 2>/dev/null || :
is "database dropped mid-run: exit 2, one line, old file kept" "2 1 keep" \
    "$status $(wc -l <"$work/stderr") $(cat "$out")"
check "database dropped mid-run: says the connection ended" \
    grep -q '^mdgraph: .*terminat' "$work/stderr"

# The server stopped, fast and immediate, while mdgraph samples.
for mode in fast immediate; do
	lock_fields fx
	"$MDGRAPH" --db "$(conn fx)" --data-id 1500001 -o "$out" \
	    >"$work/stdout" 2>"$work/stderr" &
	md=$!
	check "$mode shutdown: mdgraph is sampling" wait_blocked
	pg_restart_stop "$mode" >/dev/null 2>&1
	status=0
	wait "$md" || status=$?
	wait "$locker" 2>/dev/null || :
	is "$mode shutdown mid-run: exit 2, one line, old file kept" "2 1 keep" \
	    "$status $(wc -l <"$work/stderr") $(cat "$out")"
	check "$mode shutdown mid-run: names the lost connection" \
	    grep -Eq '^mdgraph: .*(terminat|server closed|connection)' "$work/stderr"
	pg_start_again >/dev/null 2>&1
done

# --- least privilege, and proof that mdgraph only reads
pg_psql -d fx -c "CREATE ROLE ro LOGIN; GRANT USAGE ON SCHEMA public TO ro;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO ro"
pg_psql -c "ALTER SYSTEM SET log_statement = 'all'"
pg_psql -c "ALTER SYSTEM SET log_line_prefix = '[%a] '"
pg_psql -c "SELECT pg_reload_conf()" >/dev/null
RO="host=$PGHOST port=$PGPORT user=ro dbname=fx"
run_status "$MDGRAPH" --db "$RO" --chain all --columns all --counts --exact-counts -o "$work/ro.svg"
is "read-only role: live chains" 0 "$status"
run_status "$MDGRAPH" check --db "$RO"
is "read-only role: check (findings, no error)" "1 0" "$status $(wc -c <"$work/stderr")"
run_status "$MDGRAPH" --db "$RO" --data-id 1500003 -T json
is "read-only role: instance diagram" 0 "$status"
run_status "$MDGRAPH" doc --db "$RO" -o "$work/ro.md"
is "read-only role: doc --db" 0 "$status"
pg_psql -c "ALTER SYSTEM RESET log_statement"
pg_psql -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.2
# Every statement mdgraph sent: its first word, and the transaction's mode.
sed -n 's/^.*\[mdgraph\] LOG:  \(statement\|execute [^:]*\): //p' "$PG_ENV_LOG" \
    >"$work/statements"
check "the server log shows mdgraph's statements" test -s "$work/statements"
is "only SELECT, SHOW, SET and a READ ONLY transaction" "" \
    "$(grep -Ev '^(SELECT|SHOW|SET|START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY$|ROLLBACK$|COMMIT$)' "$work/statements" | head -3)"
ro_begin='START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY'
# check asks its questions on two connections: the second's transaction,
# READ ONLY too, reads the first's snapshot.
is "each of the 4 runs opened one READ ONLY transaction, check's second connection one on the first's snapshot" "5 5 1 1" \
    "$(grep -cx "$ro_begin" "$work/statements") $(grep -c '^START TRANSACTION' "$work/statements") $(grep -c 'pg_export_snapshot()' "$work/statements") $(grep -Ec "^SET TRANSACTION SNAPSHOT '[0-9A-F-]+'$" "$work/statements")"
is "and the first statement of all was that" "$ro_begin" \
    "$(head -1 "$work/statements")"
done_testing
