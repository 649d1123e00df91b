#!/bin/sh
# Never silently wrong on PostgreSQL: a table the role may not read (no
# SELECT, row-level security) is named and marked, the rest drawn; the wire
# is UTF-8 whatever PGCLIENTENCODING says; a stopped server cannot hang a
# run past --timeout; a database or schema without the model's tables is
# an error; a variable that names no database keeps a run offline.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/hostile.sql"
FX=$(conn fx)
echo keep >"$work/out.json"

# --- unreadable: SELECT revoked on one table, row-level security on another
pg_psql -d fx -c "CREATE ROLE rd LOGIN; GRANT USAGE ON SCHEMA public TO rd;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO rd;
    REVOKE SELECT ON metadata_kafkatopicinfo FROM rd;
    ALTER TABLE metadata_datasourceoption ENABLE ROW LEVEL SECURITY;
    CREATE POLICY only_some ON metadata_datasourceoption USING (name <> 'timestamp_precision')"
RD="host=$PGHOST port=$PGPORT user=rd dbname=fx"
for fmt in json svg dot mermaid tree; do
	run_status "$MDGRAPH" --db "$RD" --data-id 1500002 -T "$fmt"
	is "no SELECT, row security ($fmt): exit 0, both tables named on stderr" "0 2" \
	    "$status $(grep -c -e 'table metadata_kafkatopicinfo (KafkaTopicInfo) cannot be read: no SELECT privilege' \
	        -e 'table metadata_datasourceoption (DataSourceOption) cannot be read: it has row-level security' "$work/stderr")"
	cp "$work/stdout" "$work/rd.$fmt"
done
is "JSON: \"unreadable\" names both tables" "metadata_datasourceoption metadata_kafkatopicinfo" \
    "$(jq -r '[.unreadable[].table] | sort | join(" ")' "$work/rd.json")"
is "JSON: a node marks where each would be" "DataSourceOption:unreadable KafkaTopicInfo:unreadable" \
    "$(jq -r '[.nodes[] | select(.unreadable) | .id] | sort | join(" ")' "$work/rd.json")"
is "JSON: the rest is drawn (the ResultTable and its fields)" yes \
    "$(jq -e 'any(.nodes[]; .entity == "ResultTableField")' "$work/rd.json" >/dev/null && echo yes)"
check "SVG marks it" grep -q 'not readable: KafkaTopicInfo' "$work/rd.svg"
check "Mermaid marks it" grep -q 'not readable: <b>KafkaTopicInfo</b>' "$work/rd.mermaid"
check "the tree marks it" grep -q 'not readable: DataSourceOption metadata_datasourceoption' "$work/rd.tree"
run_status "$MDGRAPH" check --db "$RD"
check "check says row-level security, with what to do" \
    grep -q '^unreadable      DataSourceOption: table metadata_datasourceoption not read: it has row-level security (read it as its owner or a role with BYPASSRLS); not checked$' "$work/stdout"
run_status "$MDGRAPH" --db "$FX" --data-id 1500002 -T json
is "the owner reads both: nothing unreadable" "0 0" \
    "$status $(jq '.unreadable | length' "$work/stdout")"

# --- the client encoding is UTF-8 whatever the environment says
PGCLIENTENCODING=GBK "$MDGRAPH" --db "$FX" --data-id 1500666 -T json >"$work/gbk.json"
check "PGCLIENTENCODING=GBK: JSON is UTF-8" sh -c "iconv -f UTF-8 -t UTF-8 '$work/gbk.json' >/dev/null"
check "PGCLIENTENCODING=GBK: and parses" jq -e . "$work/gbk.json"
PGCLIENTENCODING=GBK "$MDGRAPH" --db "$FX" --data-id 1500666 -T dot >"$work/gbk.dot"
check "PGCLIENTENCODING=GBK: dot takes the DOT" sh -c "dot -Tsvg '$work/gbk.dot' >/dev/null 2>'$work/err' && ! test -s '$work/err'"
run_status env PGCLIENTENCODING=GBK "$MDGRAPH" --db "$FX client_encoding=LATIN1" --data-id 1500001 -T json
is "client_encoding in the conninfo is overridden too" "0 yes" \
    "$status $(jq -e . "$work/stdout" >/dev/null && echo yes)"

# The lock holder's backend sleeps on after its psql is killed: end it.
unlock() {
	pg_psql -d postgres -At -c "SELECT pg_catalog.pg_terminate_backend(pid)
	    FROM pg_stat_activity WHERE query LIKE 'BEGIN; LOCK TABLE%'" >/dev/null
}

# stalled CMD...: run CMD while the fields are locked, stop every mdgraph
# backend that waits on the lock (the server can then answer nothing, not
# even with its own statement timeout); $status, $took (s) and $stopped.
stalled() {
	pg_psql -d fx -c "BEGIN; LOCK TABLE metadata_resulttablefield IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60)" \
	    >/dev/null 2>&1 &
	locker=$!
	"$@" >"$work/stdout" 2>"$work/stderr" &
	md=$!
	stopped=
	i=0
	while [ "$i" -lt 200 ] && [ -z "$stopped" ]; do
		for pid in $(pg_psql -d postgres -At -c "SELECT pid FROM pg_stat_activity
		    WHERE application_name = 'mdgraph' AND wait_event_type = 'Lock'"); do
			kill -STOP "$pid" 2>/dev/null && stopped="$stopped $pid"
		done
		[ -n "$stopped" ] || sleep 0.05
		i=$((i + 1))
	done
	start=$(date +%s)
	status=0
	wait "$md" || status=$?
	took=$(($(date +%s) - start))
	for pid in $stopped; do kill -CONT "$pid" 2>/dev/null || :; done
	kill "$locker" 2>/dev/null || :
	wait "$locker" 2>/dev/null || :
	unlock
}

# --- a stopped server: --timeout bounds the wait.
stalled "$MDGRAPH" --db "$FX" --data-id 1500001 --timeout 2 -o "$work/out.json"
check "a backend was stopped mid-run" test -n "$stopped"
is "stopped server: exit 2 within --timeout + 2 s, one line, old file kept" "2 yes 1 keep" \
    "$status $(test "$took" -le 5 && echo yes || echo "no ($took s)") $(wc -l <"$work/stderr") $(cat "$work/out.json")"
check "stopped server: the message names the timeout" \
    grep -q '^mdgraph: .*no answer from the server within --timeout 2 s' "$work/stderr"

# --- check's two connections: a stopped backend still ends at --timeout,
# and a role allowed one connection gets the same report from one.
stalled "$MDGRAPH" check --db "$FX" --timeout 2
check "check: a backend was stopped mid-run" test -n "$stopped"
is "check, a stopped backend: exit 2 within --timeout + 2 s, one line naming the timeout" "2 yes 1 1" \
    "$status $(test "$took" -le 5 && echo yes || echo "no ($took s)") $(wc -l <"$work/stderr") $(grep -c 'no answer from the server within --timeout 2 s' "$work/stderr")"
pg_psql -d fx -c "CREATE ROLE one LOGIN CONNECTION LIMIT 1; CREATE ROLE many LOGIN;
    GRANT USAGE ON SCHEMA public TO one, many;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO one, many" >/dev/null
ONE="host=$PGHOST port=$PGPORT user=one dbname=fx"
run_status "$MDGRAPH" check --db "host=$PGHOST port=$PGPORT user=many dbname=fx" --stats
cp "$work/stdout" "$work/two.check"
two="$status $(sed -n 's/.*: \([0-9]*\) queries.*/\1/p' "$work/stderr")"
run_status "$MDGRAPH" check --db "$ONE" --stats
# The second connection's three statements (its transaction, snapshot and
# settings) are not made: one connection asked everything.
is "check, one connection allowed: the same exit, no error, three statements fewer" \
    "${two% *} 1 $((${two#* } - 3))" \
    "$status $(wc -l <"$work/stderr") $(sed -n 's/.*: \([0-9]*\) queries.*/\1/p' "$work/stderr")"
same "check, one connection allowed: the same report" "$work/two.check" "$work/stdout"

# --- the wrong database, a mistyped schema
run_status "$MDGRAPH" --db "$(conn postgres)" --chain main -o "$work/out.json"
is "a database without the tables: exit 2, one line naming it, old file kept" \
    "2 1 keep" "$status $(wc -l <"$work/stderr") $(cat "$work/out.json")"
check "it says which database and schema were read" \
    grep -q "^mdgraph: database postgres, schema public has none of the model's tables" "$work/stderr"
run_status "$MDGRAPH" --db "$FX" --schema pubilc --data-id 1500001 -T json
is "a mistyped --schema: exit 2, names it" "2 yes" \
    "$status $(grep -q 'schema pubilc has none' "$work/stderr" && echo yes)"
run_status "$MDGRAPH" check --db "$FX" --schema pubilc
is "check on a mistyped --schema: exit 2" 2 "$status"
run_status env PGDATABASE=postgres "$MDGRAPH" --chain main -T json
is "PGDATABASE naming the wrong database: exit 2 and a hint naming --offline" "2 yes" \
    "$status $(grep -q '^mdgraph: hint: .*--offline' "$work/stderr" && echo yes)"

# --- a variable that names no database keeps the run offline
run_status env PGUSER=postgres PGHOST=/nonexistent "$MDGRAPH" doc -o "$work/d.md"
is "PGUSER and PGHOST alone: doc stays offline, exit 0" "0 0" \
    "$status $(wc -c <"$work/stderr")"
done_testing
