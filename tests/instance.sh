#!/bin/sh
# Instance diagrams (--data-id, --table-id) against the fixture: the rows,
# links and layers mdgraph finds equal the sets tests/instance-expect.sql
# computes by hand, independently of mdgraph's code; truncation, tenants,
# query counts, and every output format of live rows.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql"
FX=$(conn fx)
expect_sql=$top_srcdir/tests/instance-expect.sql

# expected DB KIND VALUE [TENANT]: the hand-written SQL's node ids, edges
# and entity layers, sorted, in $work/exp.N, exp.E and exp.L.
expected() {
	e_db=$1 e_kind=$2 e_value=$3 e_tenant=${4:-}
	set -- -d "$e_db" -v root="$e_kind" -v value="$e_value"
	[ -z "$e_tenant" ] || set -- "$@" -v tenant="$e_tenant"
	pg_psql "$@" -f "$expect_sql" >"$work/exp.all"
	for s in N E L; do
		sed -n "s/^$s //p" "$work/exp.all" >"$work/exp.$s"
	done
}

# actual JSON: the same three lists from mdgraph's JSON output, sorted
# (never uniq'd: a node or edge printed twice is a difference).  The rows
# the layers fetch; ghosts ("missing") and the partners fetched to show a
# breach ("partner") are the diagnosis, tested below against their own SQL.
actual() {
	jq -r '.nodes[] | select((.missing or .partner) | not) | .id' "$1" |
	    LC_ALL=C sort >"$work/got.N"
	jq -r '[.nodes[] | select((.missing or .partner) | not) | .id] as $ids
	    | .edges[] | select(.from as $f | .to as $t | ($ids | index($f)) and ($ids | index($t)))
	    | "\(.from) \(.relation) \(.to)"' "$1" | LC_ALL=C sort >"$work/got.E"
	jq -r '.nodes[] | select((.missing or .partner) | not) | "\(.entity) \(.layer)"' "$1" |
	    LC_ALL=C sort -u >"$work/got.L"
}

# compare DB KIND VALUE [TENANT]: mdgraph with no cap on rows, against the SQL.
compare() {
	c_db=$1 c_kind=$2 c_value=$3 c_tenant=${4:-}
	desc="--$c_kind $c_value${c_tenant:+ --tenant $c_tenant}${c_db#fx}"
	case $c_kind in
	data-id) root="DataSource:bk_data_id=$c_value" ;;
	table-id) root= ;;
	esac
	expected "$c_db" "$c_kind" "$c_value" "$c_tenant"
	set -- --db "$(conn "$c_db")" "--$c_kind" "$c_value" --relations documented --max-rows 100000 -T json
	[ -z "$c_tenant" ] || set -- "$@" --tenant "$c_tenant"
	run_status "$MDGRAPH" "$@"
	cp "$work/stdout" "$work/got.json"
	actual "$work/got.json"
	if [ -n "$root" ]; then
		is "$desc: exit 0, the root row in both sets" "0 $root $root" \
		    "$status $(grep -x "$root" "$work/exp.N" || :) $(grep -x "$root" "$work/got.N" || :)"
	else
		is "$desc: exit 0, rows found" "0 yes" \
		    "$status $(test -s "$work/exp.N" && test -s "$work/got.N" && echo yes || echo no)"
	fi
	same "$desc: node ids = SQL's" "$work/exp.N" "$work/got.N"
	same "$desc: edges = SQL's" "$work/exp.E" "$work/got.E"
	same "$desc: entity layers = shortest distances" "$work/exp.L" "$work/got.L"
}

# --- node and edge sets, one root at a time
# 1500001 time series/VM/DataLink, 1500002 event, 1500003 log on ES with
# snapshots, 1500004 BCS (any()), 1500005 DataLink with two tables (elem()),
# 1500006 Doris, 1500007 two spaces (concat(), map() through ClusterInfo),
# 1500013 the rebuilt log id, 1500014/24/44 the other BCS ids, 1600007 tenant2.
for id in 1500001 1500002 1500003 1500004 1500005 1500006 1500007 \
    1500013 1500014 1500024 1500044 1600007; do
	compare fx data-id "$id"
done
compare fx data-id 1600007 tenant2
for t in bench_fanout.base 2_bklog.order_service_log 2_exporter_mysql.__default__ \
    2_bklog.nginx_access_doris 2_bkmonitor_event_1500002 \
    2_bkmonitor_time_series_1500004.__default__ 2_bklog.order_service_log_v2 \
    uptimecheck.heartbeat; do
	compare fx table-id "$t"
done
compare fx table-id uptimecheck.heartbeat tenant2

# Every edge joins its relation's left entity's row to its right entity's.
for id in 1500001 1500003 1500004 1500005 1500007; do
	"$MDGRAPH" --db "$FX" --data-id "$id" --max-rows 100000 -T json
done >"$work/all.json"
is "edges: from is a left-entity row, to a right-entity row" 0 \
    "$(jq -s '[.[].edges[] | select(.left as $l | .right as $r |
        ((.from | startswith($l + ":")) and (.to | startswith($r + ":"))) | not)] | length' "$work/all.json")"

# --- fan-out truncation: --max-rows per relation per parent row
fields=$(pg_psql -d fx -At -c "SELECT count(*) FROM metadata_resulttablefield WHERE table_id = 'bench_fanout.base' AND bk_tenant_id = 'system'")
bench=$(pg_psql -d fx -At -c "SELECT 'ResultTable:id=' || id FROM metadata_resulttable WHERE table_id = 'bench_fanout.base'")
is "bench_fanout.base has 25 fields" 25 "$fields"
trunc() { # JSON: "count relation parent entity shown total" of its truncations
	jq -r '[(.truncations | length), (.truncations[] | .relation, .parent, .entity, .shown, .total)]
	    | map(tostring) | join(" ")' "$1"
}
fanout() { # JSON PARENT: ResultTableField rows linked to PARENT
	jq --arg p "$2" '[.edges[] | select(.from == $p and .relation == "table_id"
	    and (.to | startswith("ResultTableField:")))] | length' "$1"
}
"$MDGRAPH" --db "$FX" --table-id bench_fanout.base -T json >"$work/t20.json"
is "--table-id, default --max-rows: one truncation, 20 of the $fields fields shown" \
    "1 table_id $bench ResultTableField 20 $fields" "$(trunc "$work/t20.json")"
is "--table-id, default --max-rows: 20 ResultTableField nodes, all off that table" "20 20" \
    "$(jq '[.nodes[] | select(.entity == "ResultTableField")] | length' "$work/t20.json") $(fanout "$work/t20.json" "$bench")"
"$MDGRAPH" --db "$FX" --table-id bench_fanout.base --max-rows 3 -T json >"$work/t3.json"
is "--max-rows 3: one truncation, 3 of $fields shown" \
    "1 table_id $bench ResultTableField 3 $fields" "$(trunc "$work/t3.json")"
is "--max-rows 3: 3 ResultTableField nodes off that table" 3 "$(fanout "$work/t3.json" "$bench")"
"$MDGRAPH" --db "$FX" --data-id 1500001 --relations documented -T json >"$work/d20.json"
is "--data-id 1500001, default --max-rows: the same one truncation" \
    "1 table_id $bench ResultTableField 20 $fields" "$(trunc "$work/d20.json")"
expected fx data-id 1500001
actual "$work/d20.json"
is "--data-id 1500001, default --max-rows: the uncapped rows but 5 fields" \
    "$(($(wc -l <"$work/exp.N") - 5)) 0" \
    "$(wc -l <"$work/got.N") $(LC_ALL=C comm -13 "$work/exp.N" "$work/got.N" | wc -l)"

# --- the cap through any() child keys, applied in C (the fixture's
# "hardening" block: BCS-K8S-00010/11/12 name 1500002 in three columns)
bcs_nodes() { jq '[.nodes[] | select(.entity == "BCSClusterInfo")] | length' "$1"; }
bcs_trunc() { jq -r '[.truncations[] | select(.entity == "BCSClusterInfo") | "\(.parent) \(.shown) \(.total)"] | join(",")' "$1"; }
"$MDGRAPH" --db "$FX" --data-id 1500002 --max-rows 2 -T json >"$work/any2.json"
is "--max-rows 2 through any(): 2 of the 3 BCSClusterInfo rows" 2 "$(bcs_nodes "$work/any2.json")"
is "--max-rows 2 through any(): the truncation says 2 of 3" "DataSource:bk_data_id=1500002 2 3" \
    "$(bcs_trunc "$work/any2.json")"
"$MDGRAPH" --db "$FX" --data-id 1500002 --max-rows 3 -T json >"$work/any3.json"
is "--max-rows 3 through any(): all 3, no truncation" "3|" \
    "$(bcs_nodes "$work/any3.json")|$(bcs_trunc "$work/any3.json")"

# --- tenants on any(): tenant2's BCS-K8S-T2001 names the system data id
# 1500003; the tenant-matched join keeps it out, with --tenant or without.
for t in "" system; do
	"$MDGRAPH" --db "$FX" --data-id 1500003 ${t:+--tenant $t} --max-rows 100000 -T json >"$work/t2.json"
	is "--data-id 1500003${t:+ --tenant $t}: no tenant2 BCS cluster through any()" "0 0" \
	    "$(jq '[.nodes[] | select(tostring | test("BCS-K8S-T2001"))] | length' "$work/t2.json") $(bcs_nodes "$work/t2.json")"
done

# --- tenants
run_status "$MDGRAPH" --db "$FX" --data-id 1600007 --tenant tenant2 -T json
is "--tenant tenant2: exit 0, the root row, no system-tenant ResultTable" \
    "0 1 0" \
    "$status $(jq '[.nodes[] | select(.id == "DataSource:bk_data_id=1600007")] | length' "$work/stdout") $(jq '[.nodes[] | select(.entity == "ResultTable" and .attributes.bk_tenant_id != "tenant2")] | length' "$work/stdout")"
is "--tenant tenant2: its ResultTable is tenant2's" \
    "$(pg_psql -d fx -At -c "SELECT 'ResultTable:id=' || id FROM metadata_resulttable WHERE table_id = 'uptimecheck.heartbeat' AND bk_tenant_id = 'tenant2'")" \
    "$(jq -r '.nodes[] | select(.entity == "ResultTable") | .id' "$work/stdout")"
run_status "$MDGRAPH" --db "$FX" --data-id 1600007 --tenant system -o "$work/none.svg"
is "--tenant system for tenant2's data id: exit 1, one line, no file" \
    "1 mdgraph: no DataSource with bk_data_id=1600007 in tenant system no-file" \
    "$status $(cat "$work/stderr") $(test -e "$work/none.svg" && echo file || echo no-file)"
run_status "$MDGRAPH" --db "$FX" --data-id 999 -o "$work/none.json"
is "--data-id 999: exit 1, one line, no file" \
    "1 1 mdgraph: no DataSource with bk_data_id=999 no-file" \
    "$status $(wc -l <"$work/stderr") $(cat "$work/stderr") $(test -e "$work/none.json" && echo file || echo no-file)"

# --- queries: one per relation per layer, whatever the number of rows
queries() { sed -n 's/^mdgraph: stats: \([0-9]*\) queries .*/\1/p' "$1"; }
"$MDGRAPH" --db "$FX" --data-id 1500001 --stats -T json 2>"$work/stats" >/dev/null
q=$(queries "$work/stats")
check "--stats: $q queries for 1500001, below 80 (3 catalog + 2 + 1 + 66 relations at most)" \
    test "${q:-999}" -lt 80
live_db big "$fixtures/schema.sql" "$fixtures/data.sql"
pg_psql -d big -c "
INSERT INTO metadata_resulttable (table_id, bk_tenant_id, table_name_zh, is_custom_table, schema_type, default_storage, creator, last_modify_user)
SELECT format('bench_more.t%s', lpad(i::text, 3, '0')), 'system', 'more', true, 'free', 'victoria_metrics', 'admin', 'admin'
FROM generate_series(1, 40) AS i;
INSERT INTO metadata_datasourceresulttable (bk_data_id, table_id, bk_tenant_id, creator)
SELECT 1500001, table_id, 'system', 'admin' FROM metadata_resulttable WHERE table_id LIKE 'bench_more.%';
INSERT INTO metadata_resulttablefield (table_id, bk_tenant_id, field_name, field_type, tag, is_config_by_user, creator, last_modify_user)
SELECT t.table_id, 'system', format('f_%s', j), 'float', 'metric', true, 'admin', 'admin'
FROM metadata_resulttable AS t, generate_series(1, 30) AS j
WHERE t.table_id LIKE 'bench_more.%' OR t.table_id = 'bench_fanout.base';
ANALYZE"
"$MDGRAPH" --db "$(conn big)" --data-id 1500001 --stats -T json 2>"$work/stats-big" >"$work/big.json"
is "--stats: 1,270 more rows, the same $q queries" "$q" "$(queries "$work/stats-big")"
# 1500001 now has 43 DataSourceResultTable rows: 20 shown; of the tables
# they reach, every one with more than 20 fields shows 20 and counts them all.
is "big: DataSource 1500001 shows 20 of its DataSourceResultTable rows" \
    "bk_data_id DataSource:bk_data_id=1500001 DataSourceResultTable 20 $(pg_psql -d big -At -c \
        "SELECT count(*) FROM metadata_datasourceresulttable WHERE bk_data_id = 1500001")" \
    "$(jq -r '.truncations[] | select(.entity == "DataSourceResultTable")
        | "\(.relation) \(.parent) \(.entity) \(.shown) \(.total)"' "$work/big.json")"
pg_psql -d big -At -F ' ' -c "SELECT 'ResultTable:id=' || r.id, count(*) FROM metadata_resulttable r
    JOIN metadata_resulttablefield f USING (table_id, bk_tenant_id) GROUP BY r.id HAVING count(*) > 20" |
    LC_ALL=C sort >"$work/wide"
jq -r '.nodes[] | select(.entity == "ResultTable") | .id' "$work/big.json" | LC_ALL=C sort >"$work/shown"
LC_ALL=C join "$work/shown" "$work/wide" | sed 's/$/ 20/' >"$work/exp.trunc"
jq -r '.truncations[] | select(.entity == "ResultTableField") | "\(.parent) \(.total) \(.shown)"' \
    "$work/big.json" | LC_ALL=C sort >"$work/got.trunc"
check "big: some shown table has more than 20 fields" test -s "$work/exp.trunc"
same "big: a ResultTableField truncation, 20 shown, per shown table of more than 20 fields" \
    "$work/exp.trunc" "$work/got.trunc"
compare big data-id 1500001
compare big table-id bench_fanout.base

# --- rendered formats
"$MDGRAPH" --db "$FX" --data-id 1500001 -o "$work/1500001.svg"
check "SVG of 1500001 passes xmllint" xmllint --noout "$work/1500001.svg"
check "SVG of 1500001 has no <script" sh -c "! grep -qi '<script' '$work/1500001.svg'"
"$MDGRAPH" --db "$FX" --data-id 1500001 -o "$work/1500001.png"
is "PNG of 1500001 has the PNG signature" "89504e470d0a1a0a" \
    "$(head -c 8 "$work/1500001.png" | od -An -tx1 | tr -d ' \n')"

parse=$(sh "$top_srcdir/tests/mermaid/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! mermaid parser could not be installed"; exit 1; }
mkdir "$work/mmd"
ids="1500001 1500002 1500003 1500004 1500005 1500006 1500007 1500013 1500014 1500024 1500044 1600007"
for id in $ids; do
	"$MDGRAPH" --db "$FX" --data-id "$id" -T mermaid >"$work/mmd/$id.mmd"
done

# --- hostile values: a model that shows DataSource.data_description and
# ResultTable.table_name_zh (quotes, <, &, newline, Chinese)
awk '/^    DataSource \{$/ && !d { print; print "        string data_description"; d = 1; next }
     /^    ResultTable \{$/ && !r { print; print "        string table_name_zh"; r = 1; next }
     { print }' "$top_srcdir/templates/metadata.model" >"$work/hostile.model"
# What mdgraph reads from the edited model: exactly the two attributes more.
is "hostile model: mdgraph reads the two added attributes, nothing else" \
    "> DataSource.data_description|> ResultTable.table_name_zh|" \
    "$(model_diff '.entities[] | .name as $e | .attributes[] | "\($e).\(.name)"' "$work/hostile.model")"
"$MDGRAPH" --db "$FX" --model "$work/hostile.model" --data-id 1500001 -T mermaid >"$work/mmd/hostile.mmd"
node "$parse" "$work"/mmd/*.mmd >"$work/parsed" 2>&1 || :
for id in $ids hostile; do
	is "Mermaid of --data-id $id passes the Mermaid parser" \
	    "$work/mmd/$id.mmd: ok (flowchart-v2)" "$(grep "^$work/mmd/$id.mmd:" "$work/parsed" || :)"
done

"$MDGRAPH" --db "$FX" --model "$work/hostile.model" --data-id 1500001 -T json >"$work/hostile.json"
check "hostile JSON parses" jq -e . "$work/hostile.json"
is "hostile description round-trips through JSON whole" \
    "$(pg_psql -d fx -At -c "SELECT data_description
        FROM metadata_datasource WHERE bk_data_id = 1500001")" \
    "$(jq -r '.nodes[] | select(.id == "DataSource:bk_data_id=1500001") | .attributes.data_description' "$work/hostile.json")"
rt1=$(pg_psql -d fx -At -c "SELECT 'ResultTable:id=' || id FROM metadata_resulttable WHERE table_id = '2_bkmonitor_time_series_1500001.__default__'")
is "hostile table_name_zh round-trips through JSON unchanged" \
    "$(pg_psql -d fx -At -c "SELECT table_name_zh FROM metadata_resulttable WHERE table_id = '2_bkmonitor_time_series_1500001.__default__'")" \
    "$(jq -r --arg id "$rt1" '.nodes[] | select(.id == $id) | .attributes.table_name_zh' "$work/hostile.json")"
"$MDGRAPH" --db "$FX" --model "$work/hostile.model" --data-id 1500001 -o "$work/hostile.svg"
check "hostile SVG passes xmllint" xmllint --noout "$work/hostile.svg"
check "hostile SVG: no <script, no raw <尖括号> or <v2>" \
    sh -c "! grep -qi -e '<script' -e '<尖括号>' -e '<v2>' '$work/hostile.svg'"
check "hostile SVG: the text is there, escaped" \
    grep -q '&lt;尖括号&gt; &amp; 和号' "$work/hostile.svg"
done_testing
