#!/bin/sh
# Instance diagrams that diagnose, against the fixture's seeded faults:
# a dangling storage cluster (1500013's ESStorage -> cluster 999), an
# orphan DataSourceResultTable (1500001 -> orphan_rt.missing), a breach
# (two LogGroups for 2_bklog.order_service_log), a disabled result table
# (1500002) and a failed DataLink component (1500005's DataBusConfig).
# Each is marked exactly as hand-written SQL finds it, in every format;
# --attrs, --columns, --exclude, --chain lists, whole keys, check --data-id.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
FX=$(conn fx)
sql() { pg_psql -d fx -At -c "$1"; }
parse=$(sh "$top_srcdir/tests/mermaid/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! mermaid parser could not be installed"; exit 1; }

# marks JSON: one line per mark, sorted: "missing ID FROM", "breach ROW
# REL N", "unhealthy ID COLUMN=VALUE".
marks() {
	jq -r '
	  (.nodes[] | select(.missing) | .id as $g
	    | "missing \($g)"),
	  (.edges[] | select(.breach) | "breach \(.relation) \(.breach.rows)"),
	  (.nodes[] | select(.health and (.health.ok | not)) | .id as $i
	    | .health.problems[] | "unhealthy \($i) \(.column)=\(.value)")' "$1" |
	    LC_ALL=C sort -u
}
ids="1500001 1500002 1500003 1500004 1500005 1500006 1500007 1500013 1500014 1500024 1500044 1600007"
for id in $ids; do
	"$MDGRAPH" --db "$FX" --data-id "$id" --max-rows 100000 -T json >"$work/$id.json"
	marks "$work/$id.json" >"$work/$id.marks"
done

# --- the expected marks, by hand, from the fixture's own rows
{
	# DSRT rows of 1500001 whose ResultTable does not exist (tenant-aware).
	sql "SELECT 'missing ResultTable:missing:table_id=' || d.table_id
	       FROM metadata_datasourceresulttable d
	      WHERE d.bk_data_id = 1500001 AND NOT EXISTS (SELECT 1 FROM metadata_resulttable r
	            WHERE r.table_id = d.table_id
	              AND (r.bk_tenant_id IS NULL OR d.bk_tenant_id IS NULL OR r.bk_tenant_id = d.bk_tenant_id))"
} | LC_ALL=C sort >"$work/exp.1500001"
same "1500001: one ghost, the orphan DSRT's ResultTable, nothing else" \
    "$work/exp.1500001" "$work/1500001.marks"
is "1500001: the ghost hangs off that DSRT row, edge marked missing" \
    "DataSourceResultTable:id=$(sql "SELECT id FROM metadata_datasourceresulttable WHERE table_id = 'orphan_rt.missing'") table_id true" \
    "$(jq -r '.edges[] | select(.to | startswith("ResultTable:missing:")) | "\(.from) \(.relation) \(.missing)"' "$work/1500001.json")"

sql "SELECT 'unhealthy ResultTable:id=' || id || ' is_enable=false' FROM metadata_resulttable
      WHERE NOT is_enable AND table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 1500002)" \
    >"$work/exp.1500002"
same "1500002: the disabled ResultTable, nothing else" "$work/exp.1500002" "$work/1500002.marks"

n=$(sql "SELECT count(*) FROM metadata_loggroup WHERE table_id = '2_bklog.order_service_log'")
{
	sql "SELECT 'breach table_id ' || count(*) FROM metadata_loggroup l
	       JOIN metadata_resulttable r ON r.table_id = l.table_id AND r.bk_tenant_id = l.bk_tenant_id
	      GROUP BY r.id HAVING count(*) > 1"
} >"$work/exp.1500003"
same "1500003: the breach, $n LogGroups for one ResultTable, nothing else" \
    "$work/exp.1500003" "$work/1500003.marks"
is "1500003: both LogGroups are drawn, the second fetched as a partner" \
    "LogGroup:log_group_id=301 LogGroup:log_group_id=302 partner" \
    "$(jq -r '[.nodes[] | select(.entity == "LogGroup") | .id] | join(" ")' "$work/1500003.json") $(jq -r '.nodes[] | select(.id == "LogGroup:log_group_id=302") | if .partner then "partner" else "layered" end' "$work/1500003.json")"
is "1500003: both LogGroup edges carry the breach, 2 rows allowed 1" "2 2 1" \
    "$(jq -r '[.edges[] | select(.breach and .left == "ResultTable" and .right == "LogGroup")] | "\(length) \(.[0].breach.rows) \(.[0].breach.allowed)"' "$work/1500003.json")"

{
	sql "SELECT 'missing ClusterInfo:missing:cluster_id=' || e.storage_cluster_id
	       FROM metadata_esstorage e
	      WHERE e.table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 1500013)
	        AND NOT EXISTS (SELECT 1 FROM metadata_clusterinfo c WHERE c.cluster_id = e.storage_cluster_id)"
	sql "SELECT 'breach table_id ' || count(*) FROM metadata_loggroup
	      WHERE table_id = '2_bklog.order_service_log' HAVING count(*) > 1"
} | LC_ALL=C sort >"$work/exp.1500013"
same "1500013: the dangling storage cluster and the breach, nothing else" \
    "$work/exp.1500013" "$work/1500013.marks"

sql "SELECT 'unhealthy DataBusConfig:id=' || id || ' status=' || status FROM metadata_databusconfig
      WHERE bk_data_id = 1500005 AND status <> 'Ok'" >"$work/exp.1500005"
same "1500005: the failed DataBus component, nothing else" "$work/exp.1500005" "$work/1500005.marks"

for id in 1500004 1500006 1500007 1500014 1500024 1500044 1600007; do
	is "$id: a healthy id has no mark" "" "$(cat "$work/$id.marks")"
done
is "the root row is marked root, once" "1 DataSource:bk_data_id=1500001" \
    "$(jq -r '[.nodes[] | select(.root)] | "\(length) \(.[0].id)"' "$work/1500001.json")"

# --- every format shows every mark
for id in 1500001 1500002 1500003 1500005 1500013; do
	"$MDGRAPH" --db "$FX" --data-id "$id" -o "$work/$id.svg"
	check "$id: SVG passes xmllint" xmllint --noout "$work/$id.svg"
	"$MDGRAPH" --db "$FX" --data-id "$id" -T dot >"$work/$id.dot"
	check "$id: DOT re-parses with dot" sh -c "dot -Tsvg '$work/$id.dot' >/dev/null 2>'$work/err' && ! test -s '$work/err'"
	"$MDGRAPH" --db "$FX" --data-id "$id" -T tree >"$work/$id.tree"
	"$MDGRAPH" --db "$FX" --data-id "$id" -T mermaid >"$work/$id.mmd"
	"$MDGRAPH" --db "$FX" --data-id "$id" -o "$work/$id.png"
	is "$id: PNG renders" "89504e470d0a1a0a" "$(head -c 8 "$work/$id.png" | od -An -tx1 | tr -d ' \n')"
done
node "$parse" "$work"/*.mmd >"$work/parsed" 2>&1 || :
for id in 1500001 1500002 1500003 1500005 1500013; do
	is "$id: Mermaid passes the real parser" "$work/$id.mmd: ok (flowchart-v2)" \
	    "$(grep "^$work/$id.mmd:" "$work/parsed" || :)"
done
check "ghost: SVG says not found, dashed and red" sh -c \
    "grep -q 'not found: ResultTable' '$work/1500001.svg' && grep -q 'stroke-dasharray' '$work/1500001.svg' && grep -q '#c0392b' '$work/1500001.svg'"
check "ghost: DOT node dashed red" sh -c \
    "gvpr 'N [\$.style == \"dashed\" && \$.color == \"#c0392b\"] { print(\$.name) }' '$work/1500001.dot' | grep -q ."
check "ghost: Mermaid class missing, edge dotted and red" sh -c \
    "grep -q 'not found: <b>ResultTable</b>.*:::missing' '$work/1500001.mmd' && grep -q '^    linkStyle [0-9]' '$work/1500001.mmd'"
check "ghost: the tree says not found under its DSRT" \
    grep -q '└─ not found: ResultTable table_id=orphan_rt.missing$' "$work/1500001.tree"
check "breach: SVG edge label" grep -q '2 rows, the model allows 1' "$work/1500003.svg"
check "breach: DOT edges red" sh -c \
    "gvpr 'E [\$.color == \"#c0392b\"] { print(\$.name) }' '$work/1500003.dot' | grep -q ."
check "breach: Mermaid edge label and red linkStyle" sh -c \
    "grep -q 'table_id<br/>2 rows, the model allows 1' '$work/1500003.mmd' && grep -q '^    linkStyle ' '$work/1500003.mmd'"
check "breach: the tree names it on the ResultTable" \
    grep -q 'ResultTable id=[0-9]* table_id=2_bklog.order_service_log  2 LogGroup rows, the model allows 1$' "$work/1500003.tree"
check "unhealthy: SVG names the column" grep -q 'unhealthy: is_enable=false' "$work/1500002.svg"
check "unhealthy: Mermaid class" grep -q 'unhealthy: is_enable=false.*:::unhealthy$' "$work/1500002.mmd"
check "unhealthy: the tree" grep -q 'DataBusConfig id=[0-9]*.*unhealthy: status=Failed$' "$work/1500005.tree"
check "root: Mermaid class root" grep -q ':::root$' "$work/1500001.mmd"
check "tree: box-drawing, no colour when not a terminal" sh -c \
    "grep -q '^├─ ' '$work/1500001.tree' && ! grep -q \"\$(printf '\\033')\" '$work/1500001.tree'"
check "tree: truncations as +K more" grep -q '+5 more ResultTableField (25 in all)' "$work/1500001.tree"

# --- attributes: no fixed cap, --columns, --attrs, booleans, whole keys
"$MDGRAPH" --db "$FX" --data-id 1500002 --columns all -T json >"$work/all.json"
is "--columns all: a ResultTable row shows every column of the table" \
    "$(sql "SELECT count(*) FROM information_schema.columns WHERE table_name = 'metadata_resulttable'")" \
    "$(jq '[.nodes[] | select(.entity == "ResultTable")][0] | (.keys + .attributes) | length' "$work/all.json")"
"$MDGRAPH" --db "$FX" --data-id 1500002 --columns keys -T json >"$work/keys.json"
is "--columns keys: no attribute but health columns" "is_deleted is_enable" \
    "$(jq -r '[.nodes[] | select(.entity == "ResultTable")][0].attributes | keys | join(" ")' "$work/keys.json")"
"$MDGRAPH" --db "$FX" --data-id 1500002 --attrs ResultTable.table_name_zh,creator -T json >"$work/attrs.json"
is "--attrs: Entity.column for that entity, a plain name for all" \
    "$(sql "SELECT table_name_zh FROM metadata_resulttable WHERE table_id = '2_bkmonitor_event_1500002'") admin admin" \
    "$(jq -r '[.nodes[] | select(.entity == "ResultTable")][0].attributes | "\(.table_name_zh) \(.creator)"' "$work/attrs.json") $(jq -r '[.nodes[] | select(.entity == "DataSourceResultTable")][0].attributes.creator' "$work/attrs.json")"
is "--attrs: Entity.column stays off other entities" null \
    "$(jq -r '[.nodes[] | select(.entity == "EventGroup")][0].attributes.table_name_zh' "$work/attrs.json")"
is "booleans read true and false" "false false true" \
    "$(jq -r '[.nodes[] | select(.entity == "ResultTable")][0].attributes | "\(.is_enable) \(.is_deleted)"' "$work/1500002.json") $(jq -r '.nodes[0].attributes.is_enable' "$work/1500001.json")"
long=$(sql "SELECT table_id FROM metadata_resulttable WHERE char_length(table_id) = 128")
is "the 128-character table id is in the fixture" 128 "$(printf %s "$long" | wc -c)"
jq -r '.nodes[] | select(.entity == "ResultTable") | .keys.table_id' "$work/1500006.json" >"$work/tids"
check "JSON carries the 128-character key whole" grep -qxF "$long" "$work/tids"
run_status "$MDGRAPH" --db "$FX" --table-id "$(grep -xF "$long" "$work/tids")" -T json
is "the key round-trips through jq into --table-id" "0 $long" "$status $(jq -r .root.value "$work/stdout")"

# --- scope: --chain lists, --exclude, a chain that reaches nothing
"$MDGRAPH" --db "$FX" --data-id 1500003 --chain main,storage -T json >"$work/ms.json"
is "--chain main,storage: only those chains' entities" "main storage" \
    "$(jq -r '[.nodes[].chain] | unique | join(" ")' "$work/ms.json")"
check "--chain main,storage: reaches the ES snapshots" jq -e 'any(.nodes[]; .entity == "EsSnapshot")' "$work/ms.json"
run_status "$MDGRAPH" --db "$FX" --data-id 1500001 --chain storage -T json
is "--chain storage from a DataSource: exit 0, one line naming the --chain that would" \
    "0 mdgraph: the chosen chains reach nothing from DataSource but itself: --chain main,storage would reach ResultTable" \
    "$status $(cat "$work/stderr")"
"$MDGRAPH" --db "$FX" --data-id 1500007 --exclude DataSourceResultTable -T json >"$work/ex.json"
is "--exclude DataSourceResultTable (1500007): neither it nor what only it reaches" "0 0" \
    "$(jq '[.nodes[] | select(.entity == "DataSourceResultTable" or .entity == "ResultTable" or .entity == "ResultTableField")] | length' "$work/ex.json") $(jq '[.edges[] | select(.left == "DataSourceResultTable")] | length' "$work/ex.json")"
check "--exclude keeps what other paths reach (the spaces)" \
    jq -e 'any(.nodes[]; .entity == "SpaceDataSource")' "$work/ex.json"
"$MDGRAPH" --db "$FX" --data-id 1500003 --exclude DataSourceResultTable -T json >"$work/ex3.json"
check "--exclude DataSourceResultTable (1500003): the ResultTable stays, reached through its LogGroup" \
    jq -e 'any(.nodes[]; .entity == "ResultTable") and all(.nodes[]; .entity != "DataSourceResultTable")' "$work/ex3.json"
"$MDGRAPH" --chain main,storage -T mermaid >"$work/ms.mmd"
"$MDGRAPH" --chain all --exclude ClusterInfo -T json >"$work/noci.json"
is "schema --exclude ClusterInfo: no entity, no relation touching it" "0 0" \
    "$(jq '[.entities[] | select(.name == "ClusterInfo")] | length' "$work/noci.json") $(jq '[.relations[] | select(.left == "ClusterInfo" or .right == "ClusterInfo")] | length' "$work/noci.json")"
"$MDGRAPH" --chain main,storage -T json >"$work/ms-schema.json"
is "schema --chain main,storage: those chains" "main storage" \
    "$(jq -r '[.chains[].name] | join(" ")' "$work/ms-schema.json")"
node "$parse" "$work/ms.mmd" >"$work/parsed" 2>&1 || :
is "schema --chain main,storage: Mermaid passes the parser" "$work/ms.mmd: ok (er)" "$(cat "$work/parsed")"

# --- legibility: collapsed leaf rows, --rankdir in Mermaid
"$MDGRAPH" --db "$FX" --data-id 1500001 -T dot >"$work/c.dot"
"$MDGRAPH" --db "$FX" --data-id 1500001 --no-collapse -T dot >"$work/nc.dot"
check "collapse: fewer nodes than --no-collapse" \
    test "$(gc -n "$work/c.dot" | awk '{print $1}')" -lt "$(gc -n "$work/nc.dot" | awk '{print $1}')"
check "collapse: the 20 fields of bench_fanout.base are one table of 20 rows" \
    grep -q 'ResultTableField</b>  <font point-size="9">20 rows' "$work/c.dot"
"$MDGRAPH" --db "$FX" --data-id 1500001 --rankdir TB -T mermaid >"$work/tb.mmd"
is "Mermaid honours --rankdir" "flowchart TB" "$(head -1 "$work/tb.mmd")"

# --- check on one instance
run_status "$MDGRAPH" check --db "$FX" --data-id 1500001
is "check --data-id 1500001: exit 1, the ghost, the summary" \
    "1 not-found       no ResultTable with table_id=orphan_rt.missing (named by DataSourceResultTable:id=3) -- DataSourceResultTable }o--|| ResultTable \"table_id\"" \
    "$status $(head -1 "$work/stdout")"
check "check --data-id: a summary line" grep -qE '^1 finding for DataSource bk_data_id=1500001: [0-9]+ rows checked$' "$work/stdout"
run_status "$MDGRAPH" check --db "$FX" --data-id 1500013 --format json
is "check --data-id 1500013 --format json: exit 1, the ghost and the breach" "1 breach not-found" \
    "$status $(jq -r '[.findings[].kind] | sort | join(" ")' "$work/stdout")"
run_status "$MDGRAPH" check --db "$FX" --data-id 1500005
is "check --data-id 1500005: the unhealthy DataBus" "1 unhealthy" "$status $(head -1 "$work/stdout" | cut -d' ' -f1)"
run_status "$MDGRAPH" check --db "$FX" --data-id 1500004
is "check --data-id 1500004 (healthy): exit 0" 0 "$status"
run_status "$MDGRAPH" check --db "$FX" --table-id 2_bklog.order_service_log
is "check --table-id: exit 1, the breach" "1 breach" "$status $(head -1 "$work/stdout" | cut -d' ' -f1)"

# check counts rows, not keys, however the server groups them: two more
# DataSourceResultTable rows naming the missing orphan_rt.missing are two
# more orphans, as hand-written SQL counts them row by row.
cat >"$work/more-orphans.sql" <<'SQL'
INSERT INTO metadata_datasourceresulttable (bk_data_id, table_id, bk_tenant_id, creator)
VALUES (1500002, 'orphan_rt.missing', 'system', 'test'),
       (1500004, 'orphan_rt.missing', 'system', 'test');
SQL
live_db fx2 "$fixtures/schema.sql" "$fixtures/data.sql" "$work/more-orphans.sql"
run_status "$MDGRAPH" check --db "$(conn fx2)" --format json
is "check, three DSRT rows naming one missing ResultTable: three orphans" \
    "$(pg_psql -d fx2 -At -c "SELECT count(*) FROM metadata_datasourceresulttable d
        WHERE NOT EXISTS (SELECT 1 FROM metadata_resulttable r WHERE r.table_id = d.table_id
          AND (r.bk_tenant_id IS NULL OR d.bk_tenant_id IS NULL OR r.bk_tenant_id = d.bk_tenant_id))")" \
    "$(jq '[.findings[] | select(.kind == "orphan" and .entity == "DataSourceResultTable"
        and .partner == "ResultTable") | .rows] | add' "$work/stdout")"
done_testing
