#!/bin/sh
# The MySQL/MariaDB backend against a real MariaDB, with the same fixtures
# as PostgreSQL: live chains, check and every instance diagram are the same
# on both servers; only SELECT, SHOW, SET and one READ ONLY transaction
# reach the server, every value bound; faults end in one line, exit 2, the
# old file kept; least privilege; MySQL 5.7's SQL; collations.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"
MY_ENV_TCP=1
export MY_ENV_TCP
. "$top_srcdir/tests/my-live-setup.sh"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
my_live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
PG=$(conn fx)
MY=$(my_conn fx)
parse=$(sh "$top_srcdir/tests/mermaid/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! mermaid parser could not be installed"; exit 1; }

# --- the same answers from both servers
ids="1500001 1500002 1500003 1500004 1500005 1500006 1500007 1500013 1500014 1500024 1500044 1600007"
diffs=
for id in $ids; do
	for caps in "" "--max-rows 100000"; do
		# shellcheck disable=SC2086
		"$MDGRAPH" --db "$PG" --data-id "$id" $caps -T json >"$work/pg.json"
		# shellcheck disable=SC2086
		"$MDGRAPH" --db "$MY" --data-id "$id" $caps -T json >"$work/my.json"
		cmp -s "$work/pg.json" "$work/my.json" || diffs="$diffs $id${caps:+(uncapped)}"
	done
done
is "every fixture data id: instance JSON identical on both servers, capped and not" "" "$diffs"
diffs=
for t in bench_fanout.base 2_bklog.order_service_log 2_exporter_mysql.__default__ \
    2_bklog.nginx_access_doris uptimecheck.heartbeat; do
	"$MDGRAPH" --db "$PG" --table-id "$t" -T json >"$work/pg.json"
	"$MDGRAPH" --db "$MY" --table-id "$t" -T json >"$work/my.json"
	cmp -s "$work/pg.json" "$work/my.json" || diffs="$diffs $t"
done
is "table ids: instance JSON identical on both servers" "" "$diffs"
"$MDGRAPH" --db "$PG" --data-id 1600007 --tenant tenant2 -T json >"$work/pg.json"
"$MDGRAPH" --db "$MY" --data-id 1600007 --tenant tenant2 -T json >"$work/my.json"
same "--tenant tenant2: identical" "$work/pg.json" "$work/my.json"
for fmt in svg dot mermaid tree; do
	"$MDGRAPH" --db "$PG" --data-id 1500003 -T "$fmt" >"$work/pg.$fmt"
	"$MDGRAPH" --db "$MY" --data-id 1500003 -T "$fmt" >"$work/my.$fmt"
	same "1500003 as $fmt: identical on both servers" "$work/pg.$fmt" "$work/my.$fmt"
done
for c in main datalink storage bcs space all; do
	"$MDGRAPH" --db "$PG" --chain "$c" --columns all --counts --exact-counts -T json >"$work/pg.json"
	"$MDGRAPH" --db "$MY" --chain "$c" --columns all --counts --exact-counts -T json >"$work/my.json"
	same "live chain $c (every column, exact counts): JSON identical" "$work/pg.json" "$work/my.json"
	"$MDGRAPH" --db "$MY" --chain "$c" --columns all --counts -T mermaid >"$work/my-$c.mmd"
done
node "$parse" "$work"/my-*.mmd >"$work/parsed" 2>&1 || :
is "live MySQL chains in Mermaid pass the real parser" 6 "$(grep -c ': ok (er)$' "$work/parsed")"
run_status "$MDGRAPH" check --db "$PG"
sed 's/ in schema public:/ in schema fx:/' "$work/stdout" >"$work/pg.check"
pg_status=$status
run_status "$MDGRAPH" check --db "$MY"
is "check: exit 1 on both" "1 1" "$pg_status $status"
same "check names the same findings on both (schema names apart)" "$work/pg.check" "$work/stdout"
"$MDGRAPH" check --db "$PG" --format json | jq -S 'del(.schema)' >"$work/pg.json"
"$MDGRAPH" check --db "$MY" --format json | jq -S 'del(.schema)' >"$work/my.json"
same "check --format json: the same on both" "$work/pg.json" "$work/my.json"
"$MDGRAPH" check --db "$PG" --data-id 1500013 >"$work/pg.ci" || :
"$MDGRAPH" check --db "$MY" --data-id 1500013 >"$work/my.ci" || :
same "check --data-id: the same on both" "$work/pg.ci" "$work/my.ci"
"$MDGRAPH" doc --db "$PG" -o "$work/pg.md"
"$MDGRAPH" doc --db "$MY" -o "$work/my.md"
same "doc --db: the same document" "$work/pg.md" "$work/my.md"

# --- what MySQL 5.7 takes: no window functions, no JSON_OVERLAPS
diffs=
for id in 1500001 1500003 1500005; do
	"$MDGRAPH" --db "$PG" --data-id "$id" -T json >"$work/pg.json"
	MDGRAPH_MYSQL_COMPAT=5.7 "$MDGRAPH" --db "$MY" --data-id "$id" -T json >"$work/my.json"
	cmp -s "$work/pg.json" "$work/my.json" || diffs="$diffs $id"
done
is "MySQL 5.7's SQL: the same instance diagrams" "" "$diffs"
MDGRAPH_MYSQL_COMPAT=5.7 "$MDGRAPH" check --db "$MY" >"$work/my57.check" || :
same "MySQL 5.7's SQL: the same check" "$work/pg.check" "$work/my57.check"

# --- statements: constant catalog, one per relation per layer
"$MDGRAPH" --db "$MY" --chain all -T json --stats 2>"$work/s57" >/dev/null
my_live_db wide "$fixtures/schema.sql"
my_sql --database=wide -e "$(i=1; while [ $i -le 300 ]; do
	echo "CREATE TABLE extra_$i (id int PRIMARY KEY, name varchar(20) UNIQUE, ref int);"; i=$((i + 1)); done)"
"$MDGRAPH" --db "$(my_conn wide)" --chain all -T json --stats 2>"$work/s357" >/dev/null
is "catalog statements: as many for 85 tables as for 385" \
    "$(sed 's/.*(\([0-9]*\) catalog).*/\1/' "$work/s57")" "$(sed 's/.*(\([0-9]*\) catalog).*/\1/' "$work/s357")"
check "385 tables read" grep -q ' 385 tables$' "$work/s357"

# --- the session: only reads, every value bound, server-side timeout
my_sql -e "CREATE USER 'ro'@'localhost'; GRANT SELECT ON fx.* TO 'ro'@'localhost';
    SET GLOBAL general_log = 1;"
RO="mysql://ro@localhost/fx?socket=$MY_ENV_SOCKET"
run_status "$MDGRAPH" --db "$RO" --chain all --columns all --counts --exact-counts -o "$work/ro.svg"
is "SELECT-only user: live chains" 0 "$status"
run_status "$MDGRAPH" check --db "$RO"
is "SELECT-only user: check (findings, no error)" "1 0" "$status $(wc -c <"$work/stderr")"
run_status "$MDGRAPH" --db "$RO" --data-id 1500003 -T json
is "SELECT-only user: instance diagram" 0 "$status"
run_status "$MDGRAPH" doc --db "$RO" -o "$work/ro.md"
is "SELECT-only user: doc --db" 0 "$status"
my_sql -e "SET GLOBAL general_log = 0"
# The general log: "[TIME]<tab>  ID Command<tab>Argument", a statement's
# further lines after it.  The statements of ro's connections, one a line.
awk '
	function flush() { if (line != "") print line; line = "" }
	match($0, /^[^\t]*\t+ *[0-9]+ [A-Za-z ]+\t/) {
		flush()
		head = substr($0, 1, RLENGTH - 1); arg = substr($0, RLENGTH + 1)
		sub(/^[^\t]*\t+ */, "", head)
		id = head; sub(/ .*/, "", id)
		cmd = head; sub(/^[0-9]+ /, "", cmd)
		if (cmd == "Connect" && arg ~ /^ro@/) mine[id] = 1
		keep = (id in mine) && (cmd == "Query" || cmd == "Prepare" || cmd == "Execute")
		if (keep) line = cmd " " arg
		next
	}
	keep { line = line " " $0 }
	END { flush() }' "$MY_ENV_DIR/general.log" >"$work/statements"
check "the general log shows ro's statements" test -s "$work/statements"
is "only SELECT, SHOW, SET and a READ ONLY transaction reach the server" "" \
    "$(sed 's/^[A-Za-z]* //' "$work/statements" | grep -Ev '^(SELECT|SHOW|SET |START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY$|COMMIT$|ROLLBACK$)' | head -3)"
is "each of the 4 runs: one consistent READ ONLY transaction" 4 \
    "$(grep -c '^Query START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY$' "$work/statements")"
is "each of the 4 runs: MariaDB's statement timeout" 4 \
    "$(grep -c '^Query SET SESSION max_statement_time = 30$' "$work/statements")"
is "no value is spliced into a prepared statement (the root id stays a ?)" "" \
    "$(grep '^Prepare ' "$work/statements" | grep -F 1500003 | head -1)"
check "the root's lookup is prepared with a placeholder" \
    grep -q '^Prepare SELECT .* FROM `fx`.`metadata_datasource` c WHERE c.`bk_data_id` = ?' "$work/statements"
check "identifiers are quoted with backticks" grep -q '`fx`.`metadata_resulttablefield`' "$work/statements"

# --- a user without SELECT on one table: reported, the rest drawn
my_sql -N -e "SELECT CONCAT('GRANT SELECT ON fx.\`', table_name, '\` TO ''part''@''localhost'';')
    FROM information_schema.tables WHERE table_schema = 'fx' AND table_name <> 'metadata_kafkatopicinfo'" >"$work/grants"
my_sql -e "CREATE USER 'part'@'localhost'; $(cat "$work/grants")"
PART="mysql://part@localhost/fx?socket=$MY_ENV_SOCKET"
run_status "$MDGRAPH" --db "$PART" --data-id 1500001 -T json
is "no SELECT on KafkaTopicInfo: exit 0, named on stderr, marked, the rest drawn" "0 1 KafkaTopicInfo:unreadable yes" \
    "$status $(grep -c 'metadata_kafkatopicinfo (KafkaTopicInfo) cannot be read: it is not in schema fx (or this user has no privilege on it' "$work/stderr") $(jq -r '.nodes[] | select(.unreadable) | .id' "$work/stdout") $(jq -e 'any(.nodes[]; .entity == "ResultTableField")' "$work/stdout" >/dev/null && echo yes)"
run_status "$MDGRAPH" check --db "$PART"
check "check names it" grep -q '^missing-table   KafkaTopicInfo: no table metadata_kafkatopicinfo (or this user has no privilege on it' "$work/stdout"

# --- collations: utf8mb4_general_ci ignores case, utf8_bin does not
my_live_db ci "$fixtures/schema.sql" "$fixtures/data.sql"
my_sql --database=ci -e "INSERT INTO metadata_datasourceresulttable (bk_data_id, table_id, bk_tenant_id, creator, create_time)
    VALUES (1500005, '2_BKMONITOR_EVENT_1500002 ', 'system', 'admin', NOW(6));
    INSERT INTO metadata_resulttablefieldoption (value_type, value, creator, create_time, bk_tenant_id, table_id, field_name, name)
    VALUES ('string', 'x', 'admin', NOW(6), 'system', '2_bkmonitor_event_1500002', 'EVENT', 'case_probe')"
"$MDGRAPH" --db "$(my_conn ci)" --data-id 1500005 -T json >"$work/ci.json"
"$MDGRAPH" --db "$(my_conn ci)" --data-id 1500002 -T json >"$work/ci2.json"
dsrt=$(my_sql -N --database=ci -e "SELECT id FROM metadata_datasourceresulttable WHERE table_id LIKE BINARY '2_BKMONITOR%'")
rt=$(my_sql -N --database=ci -e "SELECT id FROM metadata_resulttable WHERE table_id = '2_bkmonitor_event_1500002'")
is "a _ci column: the upper-case, space-padded table id links its ResultTable, as MySQL matches it" \
    "DataSourceResultTable:id=$dsrt table_id ResultTable:id=$rt" \
    "$(jq -r --arg d "DataSourceResultTable:id=$dsrt" '.edges[] | select(.from == $d) | "\(.from) \(.relation) \(.to)"' "$work/ci.json")"
is "a utf8_bin column: field_name EVENT does not join field event" \
    "0" "$(jq '[.edges[] | select(.right == "ResultTableFieldOption" and (.to | test("id=[0-9]+$")) and .from != null)
        | select(.to as $t | $t | endswith(":id='"$(my_sql -N --database=ci -e "SELECT id FROM metadata_resulttablefieldoption WHERE name = 'case_probe'")"'"))] | length' "$work/ci2.json")"

# --- many keys: a plain column's values go as one JSON array (JSON_TABLE)
# 100 result tables, one of them named upper-case and space-padded, each
# with a field; the same diagram as MySQL 5.7's lists of placeholders.
seq100="WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)"
my_sql --database=ci -e "INSERT INTO metadata_resulttable
    (table_id, bk_tenant_id, table_name_zh, is_custom_table, schema_type, default_storage, creator,
     last_modify_user, bk_biz_id, label, data_label, labels, is_builtin)
    $seq100 SELECT CONCAT('many.rt_', i), 'system', '多', false, 'fixed', 'influxdb', 'admin',
    'admin', 2, 'other_rt', '', '{}', false FROM n;
    INSERT INTO metadata_datasourceresulttable (bk_data_id, table_id, bk_tenant_id, creator, create_time)
    $seq100 SELECT 1500006, IF(i = 7, 'MANY.RT_7 ', CONCAT('many.rt_', i)), 'system', 'admin', NOW(6) FROM n;
    INSERT INTO metadata_resulttablefield
    (table_id, bk_tenant_id, field_name, field_type, description, unit, tag, is_config_by_user, creator, last_modify_user)
    $seq100 SELECT CONCAT('many.rt_', i), 'system', CONCAT('f_', i), 'float', '', '', 'metric', true, 'admin', 'admin' FROM n"
lines=$(wc -l <"$MY_ENV_DIR/general.log")
my_sql -e "SET GLOBAL general_log = 1"
"$MDGRAPH" --db "$(my_conn ci)" --data-id 1500006 --max-rows 100000 -T json >"$work/many.json"
my_sql -e "SET GLOBAL general_log = 0"
MDGRAPH_MYSQL_COMPAT=5.7 "$MDGRAPH" --db "$(my_conn ci)" --data-id 1500006 --max-rows 100000 -T json >"$work/many57.json"
same "100 result tables: the JSON arrays' diagram is the placeholder lists'" "$work/many57.json" "$work/many.json"
check "100 result tables: their ids went as one JSON array" \
    sh -c "tail -n +$((lines + 1)) '$MY_ENV_DIR/general.log' | grep -q 'c.\`table_id\` IN (SELECT CONVERT(j.v USING utf8mb4) COLLATE utf8mb4_general_ci FROM JSON_TABLE(?'"
is "100 result tables and their fields drawn, the padded upper-case id linked as MySQL matches it" \
    "100 100 1" "$(jq '[.nodes[] | select(.entity == "ResultTable" and ((.keys + .attributes).table_id // "" | startswith("many.")))] | length' "$work/many.json") \
$(jq '[.nodes[] | select(.entity == "ResultTableField" and ((.keys + .attributes).table_id // "" | startswith("many.")))] | length' "$work/many.json") \
$(jq --arg t 'MANY.RT_7 ' '[.nodes[] | select(.entity == "DataSourceResultTable" and (.keys + .attributes).table_id == $t) | .id] as $d
    | [.edges[] | select(.from == $d[0] and .right == "ResultTable" and (.to | test("id=[0-9]+$")))] | length' "$work/many.json")"

# --- faults: one line, exit 2, the old file kept
echo keep >"$work/out.svg"
out=$work/out.svg
fault() {
	desc=$1 pattern=$2
	shift 2
	run_status "$@"
	is "$desc: exit 2, one line, old file kept" "2 1 keep" \
	    "$status $(wc -l <"$work/stderr") $(cat "$out")"
	check "$desc: says what happened" grep -q "^mdgraph: .*$pattern" "$work/stderr"
}
fault "connection refused" "Can't connect" \
    "$MDGRAPH" --db "mysql://root@127.0.0.1:1/fx" --chain main -o "$out"
my_sql -e "CREATE USER 'pw'@'localhost' IDENTIFIED BY 'right'; GRANT SELECT ON fx.* TO 'pw'@'localhost'"
fault "wrong password" "Access denied for user 'pw'" \
    "$MDGRAPH" --db "mysql://pw:wrong@localhost/fx?socket=$MY_ENV_SOCKET" --chain main -o "$out"
check "the password is in no message" sh -c "! grep -q wrong '$work/stderr'"
run_status "$MDGRAPH" --db "mysql://pw:right@localhost/fx?socket=$MY_ENV_SOCKET" --chain main -T json
is "the right password, %-free: exit 0" 0 "$status"
fault "TLS required, the server has none" "TLS is required (ssl-mode=REQUIRED) but the connection is not encrypted" \
    "$MDGRAPH" --db "mysql://root@127.0.0.1:$MY_ENV_PORT/fx?ssl-mode=REQUIRED" --chain main -o "$out"
my_sql -e "SET GLOBAL require_secure_transport = ON"
# MariaDB 10.11 answers an insecure connection it requires TLS of with
# "Access denied" (MySQL 8: "insecure transport are prohibited").
fault "the server requires TLS, the client has none" "insecure transport\|Access denied for user 'root'@'127.0.0.1'" \
    "$MDGRAPH" --db "mysql://root@127.0.0.1:$MY_ENV_PORT/fx" --chain main -o "$out"
my_sql -e "SET GLOBAL require_secure_transport = OFF"
fault "no database in the URI" "no database named" \
    "$MDGRAPH" --db "mysql://root@localhost/?socket=$MY_ENV_SOCKET&option-file=/dev/null" --chain main -o "$out"
fault "an unknown URI option" "unknown option 'sockt'" \
    "$MDGRAPH" --db "mysql://root@localhost/fx?sockt=/x" --chain main -o "$out"

# Hold a write lock on the fields so that sampling waits on it.
lock_fields() {
	{ echo "LOCK TABLES metadata_resulttablefield WRITE; SELECT SLEEP(60);"; } |
	    my_sql --database="$1" >/dev/null 2>&1 &
	locker=$!
	# Return only once the lock is held (the locker sleeps under it).
	i=0
	while [ "$i" -lt 100 ]; do
		n=$(my_sql -N -e "SELECT COUNT(*) FROM information_schema.processlist
		    WHERE info LIKE 'SELECT SLEEP(60)%'")
		[ "$n" -gt 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# lock_fields: the lock on $1 was not taken in 10 s" >&2
}
wait_blocked() {
	i=0
	while [ "$i" -lt 100 ]; do
		n=$(my_sql -N -e "SELECT COUNT(*) FROM information_schema.processlist
		    WHERE user = 'root' AND state LIKE 'Waiting for table%'")
		[ "$n" -gt 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
lock_fields fx
fault "statement timeout" "ran past --timeout 1 s" \
    "$MDGRAPH" --db "$MY" --timeout 1 --data-id 1500001 -o "$out"
kill "$locker" 2>/dev/null || :
wait "$locker" 2>/dev/null || :

# The server killed while mdgraph samples.
lock_fields fx
"$MDGRAPH" --db "$MY" --data-id 1500001 -o "$out" >"$work/stdout" 2>"$work/stderr" &
md=$!
check "killed server: mdgraph is sampling" wait_blocked
my_kill_server KILL
status=0
wait "$md" || status=$?
wait "$locker" 2>/dev/null || :
is "killed server mid-run: exit 2, one line, old file kept" "2 1 keep" \
    "$status $(wc -l <"$work/stderr") $(cat "$out")"
check "killed server: names the lost connection" grep -q '^mdgraph: .*\(Lost connection\|server has gone away\|went away\)' "$work/stderr"
my_start_again >/dev/null 2>&1

# A stopped server: the client's read timeout bounds the wait.
lock_fields fx
# --timeout 5: long enough for a busy machine to see it blocked first.
"$MDGRAPH" --db "$MY" --timeout 5 --data-id 1500001 -o "$out" >"$work/stdout" 2>"$work/stderr" &
md=$!
check "stopped server: mdgraph is sampling" wait_blocked
kill -STOP "$(my_server_pid)"
start=$(date +%s)
status=0
wait "$md" || status=$?
took=$(($(date +%s) - start))
kill -CONT "$(my_server_pid)"
kill "$locker" 2>/dev/null || :
wait "$locker" 2>/dev/null || :
is "stopped server: exit 2 within --timeout + 3 s, one line, old file kept" "2 yes 1 keep" \
    "$status $(test "$took" -le 8 && echo yes || echo "no ($took s)") $(wc -l <"$work/stderr") $(cat "$out")"
check "stopped server: the message names the timeout" grep -q -- '--timeout 5 s' "$work/stderr"

# --- the option file: what the mysql client reads, mdgraph reads
printf '[client]\nuser=pw\npassword=right\nsocket=%s\n[mdgraph]\ndatabase=fx\n' "$MY_ENV_SOCKET" >"$work/my.cnf"
run_status "$MDGRAPH" --db "mysql://?option-file=$work/my.cnf" --chain main --stats -T json
is "an option file gives user, password, socket and database" "0 1" \
    "$status $(grep -c 'queries' "$work/stderr")"
mkdir "$work/home"
cp "$work/my.cnf" "$work/home/.my.cnf"
run_status env HOME="$work/home" "$MDGRAPH" --db "mysql://" --chain main -T json
is "~/.my.cnf [client] is read by default" 0 "$status"
done_testing
