#!/bin/sh
# bench/instance.sh [RUNS] -- instance diagrams on a large generated
# deployment: 1,000,000 ResultTableField rows, one data id linked to 5,000
# result tables.  In the same run it measures
#   - mdgraph -T json against the "SQL floor": the same lookups, layer by
#     layer, as one psql script (goal: <= 2x);
#   - mdgraph -o ds.svg with the default caps (goal: < 1 s);
#   - peak RSS of both mdgraph runs (goal: < 64 MB).
# Run on demand from the build tree.
set -eu
runs=${1:-5}
top=$(cd "$(dirname "$0")/../.." && pwd)
MDGRAPH=${MDGRAPH:-$top/src/mdgraph}
work=$(mktemp -d)
. "$top/tests/pg-env.sh"
PG_ENV_CONF="shared_buffers = 256MB
work_mem = 64MB" pg_start >/dev/null
trap 'pg_stop; rm -rf "$work"' EXIT

echo "generating: 5,000 result tables x 200 fields, a few other data ids" >&2
pg_createdb big "$top/tests/fixtures/schema.sql"
pg_psql -d big <<'SQL'
INSERT INTO metadata_datasource (bk_data_id, data_name, bk_tenant_id,
    data_description, mq_cluster_id, mq_config_id, etl_config,
    is_custom_source, creator, last_modify_user)
SELECT 9000000 + g, 'bench_' || g, 'system', 'bench', 1, g, 'bk_standard_v2_time_series',
    true, 'bench', 'bench' FROM generate_series(1, 50) g;
INSERT INTO metadata_kafkatopicinfo (bk_data_id, topic, partition)
SELECT 9000000 + g, 'topic_' || g, 1 FROM generate_series(1, 50) g;
INSERT INTO metadata_resulttable (table_id, table_name_zh, bk_tenant_id,
    is_custom_table, schema_type, default_storage, creator, last_modify_user)
SELECT 'bench.rt_' || g, '表 ' || g, 'system', true, 'free', 'influxdb', 'bench', 'bench'
  FROM generate_series(1, 5000) g;
INSERT INTO metadata_datasourceresulttable (bk_data_id, table_id, bk_tenant_id, creator)
SELECT 9000001, 'bench.rt_' || g, 'system', 'bench' FROM generate_series(1, 5000) g;
INSERT INTO metadata_resulttablefield (table_id, field_name, field_type, bk_tenant_id,
    tag, is_config_by_user, creator, last_modify_user)
SELECT 'bench.rt_' || t, 'f_' || f, 'float', 'system', 'metric', true, 'bench', 'bench'
  FROM generate_series(1, 5000) t, generate_series(1, 200) f;
INSERT INTO metadata_resulttableoption (table_id, name, value, value_type, bk_tenant_id, creator)
SELECT 'bench.rt_' || g, 'opt', 'v', 'string', 'system', 'bench' FROM generate_series(1, 5000) g;
ANALYZE;
SQL
rows=$(pg_psql -d big -At -c "SELECT count(*) FROM metadata_resulttablefield")
db=$(pg_conninfo big)

# The SQL floor: the lookups mdgraph makes for this root, in one session.
cat >"$work/floor.sql" <<'SQL'
SELECT * FROM metadata_datasource WHERE bk_data_id = 9000001;
SELECT * FROM metadata_kafkatopicinfo WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_datasourceoption WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM (SELECT d.*, row_number() OVER (PARTITION BY bk_data_id, bk_tenant_id ORDER BY id) rn
  FROM metadata_datasourceresulttable d WHERE bk_data_id = ANY('{9000001}')) x WHERE rn <= 20;
SELECT * FROM metadata_timeseriesgroup WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_eventgroup WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_loggroup WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_spacedatasource WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_dataidconfig WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_databusconfig WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_podmonitorinfo WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_servicemonitorinfo WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_logcollectorinfo WHERE bk_data_id = ANY('{9000001}');
SELECT * FROM metadata_bcsclusterinfo WHERE "K8sMetricDataID" = 9000001 OR "CustomMetricDataID" = 9000001
  OR "K8sEventDataID" = 9000001 OR "CustomEventDataID" = 9000001;
SELECT * FROM metadata_resulttable WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM (SELECT f.*, row_number() OVER (PARTITION BY table_id, bk_tenant_id ORDER BY id) rn,
  count(*) OVER (PARTITION BY table_id, bk_tenant_id) total
  FROM metadata_resulttablefield f WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20)) x WHERE rn <= 20;
SELECT * FROM metadata_resulttableoption WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_esstorage WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_kafkastorage WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_dorisstorage WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_storageclusterrecord WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_vmresulttableconfig WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_vmstoragebindingconfig WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_esstoragebindingconfig WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_dorisstoragebindingconfig WHERE table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SELECT * FROM metadata_bkbaseresulttable WHERE monitor_table_id IN (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001 ORDER BY id LIMIT 20);
SQL

now() { date +%s%N; }
t_md=0 t_floor=0 i=0
while [ "$i" -lt "$runs" ]; do
	s=$(now)
	"$MDGRAPH" --db "$db" --data-id 9000001 -T json >"$work/ds.json"
	e=$(now); t_md=$((t_md + e - s))
	s=$(now)
	psql -X -q -d "$db" -f "$work/floor.sql" >/dev/null
	e=$(now); t_floor=$((t_floor + e - s))
	i=$((i + 1))
done
s=$(now)
"$MDGRAPH" --db "$db" --data-id 9000001 -o "$work/ds.svg"
e=$(now); t_svg=$((e - s))
rss_json=$( { /usr/bin/time -f %M "$MDGRAPH" --db "$db" --data-id 9000001 -T json >/dev/null; } 2>&1 | tail -1)
rss_svg=$( { /usr/bin/time -f %M "$MDGRAPH" --db "$db" --data-id 9000001 -T svg >/dev/null; } 2>&1 | tail -1)
stats=$("$MDGRAPH" --db "$db" --data-id 9000001 -T json --stats 2>&1 >/dev/null)
nodes=$(jq '.nodes | length' "$work/ds.json")
awk -v a="$t_md" -v b="$t_floor" -v n="$runs" -v svg="$t_svg" -v r="$rows" \
    -v rj="$rss_json" -v rs="$rss_svg" -v nodes="$nodes" -v st="$stats" 'BEGIN {
	printf "ResultTableField rows: %d; data id 9000001 -> 5000 result tables\n", r
	printf "%s; %d nodes drawn\n", st, nodes
	printf "mdgraph -T json:        %.1f ms/run\n", a / n / 1e6
	printf "SQL floor (psql):       %.1f ms/run\n", b / n / 1e6
	printf "ratio json/floor:       %.2f (goal <= 2), %d runs each\n", a / b, n
	printf "mdgraph -o ds.svg:      %.0f ms (goal < 1000)\n", svg / 1e6
	printf "peak RSS: json %.1f MB, svg %.1f MB (goal < 64)\n", rj / 1024, rs / 1024
}'
