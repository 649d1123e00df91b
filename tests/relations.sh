#!/bin/sh
# --relations documented|all: the relations and tables the document leaves
# out, as a marked layer.  The documented view never changes; `all` adds to
# schema diagrams in every format, and to instance diagrams never takes a
# row or an edge away (checked on every root of the fixture); the new joins
# give what hand-written SQL gives; declared foreign keys on both servers.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"

parse=$(sh "$top_srcdir/tests/mermaid/setup.sh" "$top_srcdir" "$top_builddir") ||
    { echo "Bail out! mermaid parser could not be installed"; exit 1; }

# --- coverage: every concrete model of bkmonitor/metadata/models
"$MDGRAPH" --list-chains --relations all >"$work/lc" 2>"$work/lc.err"
is "--list-chains: 85 models, 45 on the document's chains, 30 only on the rest, 10 listed" \
    "mdgraph: 85 models with a table: 45 on the document's chains, 30 only on what it leaves out (--relations all), 10 listed" \
    "$(cat "$work/lc.err")"
is "--relations all lists the 5 extra chains, marked" \
    "timeseries moststorage datalinkmore vm entity" \
    "$(awk -F'\t' '$4 == "extra" { printf "%s%s", s, $1; s = " " }' "$work/lc")"
"$MDGRAPH" --list-chains >"$work/lc.doc" 2>/dev/null
is "--list-chains alone: the document's 5 chains" \
    "main datalink storage bcs space" "$(cut -f1 "$work/lc.doc" | tr '\n' ' ' | sed 's/ $//')"

# --- the documented view is untouched
for c in main datalink storage bcs space all; do
	"$MDGRAPH" --chain "$c" -T mermaid >"$work/def.$c"
	"$MDGRAPH" --chain "$c" --relations documented -T mermaid >"$work/doc.$c"
	same "--chain $c: --relations documented is the default" "$work/def.$c" "$work/doc.$c"
done
for f in dot json; do
	"$MDGRAPH" --chain all -T "$f" >"$work/def.$f"
	"$MDGRAPH" --chain all --relations documented -T "$f" >"$work/doc.$f"
	same "-T $f: --relations documented is the default" "$work/def.$f" "$work/doc.$f"
done
is "documented JSON: every relation documented, 65 of them" "65 0" \
    "$(jq '[.relations | length, ([.[] | select(.documented | not)] | length)] | join(" ")' -r "$work/def.json")"

# --- --relations all: the extra layer, marked in every format
"$MDGRAPH" --chain all --relations all -T json >"$work/all.json"
extra=$(jq '[.relations[] | select(.documented | not)] | length' "$work/all.json")
is "JSON: 65 documented relations, and the rest marked \"documented\": false" \
    "65 yes" \
    "$(jq '[.relations[] | select(.documented)] | length' "$work/all.json") $(test "$extra" -ge 40 && echo yes || echo "no ($extra)")"
# Every extra relation and extra-chain relation of the model file is there.
want=$(awk '/^extra (chain|list) /{x=1; next} /^chain /{x=0} /^end/{x=0}
    /^[ \t]*extra [A-Za-z]/ || /^[ \t]*link [A-Za-z]/ { n++; next }
    x && /^[ \t]+[A-Za-z0-9]+ [|}o]/ { n++ } END { print n }' "$top_srcdir/templates/metadata.model")
is "JSON: as many extra relations as the model file has" "$want" "$extra"
for e in TimeSeriesScope ResultTableRecordFormat CMDBLevelRecord InfluxDBStorage RedisStorage \
    BkDataStorage ArgusStorage SurrealDBStorage ChannelBindingConfig GraphRelationBindingConfig \
    BasereportSinkConfig SurrealDBBindingConfig LogDataBusConfig LogResultTableConfig ReplaceConfig \
    AccessVMRecord VMShortLinkRecord RecordRule RecordRuleV4 ResultTableFlow ResourceDefinition \
    RelationDefinition TimeSeriesTag; do
	printf '%s\n' "$e"
done | LC_ALL=C sort >"$work/new.want"
jq -r '.entities[].name' "$work/all.json" | LC_ALL=C sort >"$work/ents"
is "JSON: the models the document names nowhere are all drawn" "" \
    "$(LC_ALL=C comm -23 "$work/new.want" "$work/ents" | tr '\n' ' ')"

"$MDGRAPH" --chain all --relations all -T mermaid >"$work/all.mmd"
check "Mermaid: the real parser accepts --relations all" node "$parse" "$work/all.mmd"
check "Mermaid: the extra relations under their own comment" \
    grep -q '%% not in the document' "$work/all.mmd"
"$MDGRAPH" --chain all -T mermaid | grep -v '^ *%%' >"$work/doc.mmd.nc"
grep -v '^ *%%' "$work/all.mmd" >"$work/all.mmd.nc"
is "Mermaid: every documented line is still there" "" \
    "$(LC_ALL=C sort "$work/doc.mmd.nc" | LC_ALL=C comm -23 - "$(LC_ALL=C sort "$work/all.mmd.nc" >"$work/s"; echo "$work/s")" | head -3)"
"$MDGRAPH" --chain storage --relations all -T dot >"$work/st.dot"
check "DOT: the legend names --relations all" grep -q 'relations the document does not draw' "$work/st.dot"
check "DOT: an extra edge is dashed" grep -q 'style=dashed' "$work/st.dot"
check "DOT: Graphviz reads it" dot -Tsvg -o "$work/st.svg" "$work/st.dot"
run_status "$MDGRAPH" --chain vm -o "$work/vm.svg"
is "--chain vm: an extra chain named is drawn" "0 yes" \
    "$status $(grep -q 'RecordRuleV4Spec' "$work/vm.svg" && echo yes || echo no)"

# --- instance diagrams: all relations never take anything away
live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
FX=$(conn fx)
sql() { pg_psql -d fx -At -c "$1"; }
nodes() { jq -r '.nodes[] | select(.missing | not) | .id' "$1" | LC_ALL=C sort; }
edges() { jq -r '.edges[] | "\(.from) \(.relation) \(.to)"' "$1" | LC_ALL=C sort; }
sql "SELECT 'data-id ' || bk_data_id FROM metadata_datasource
     UNION ALL SELECT DISTINCT 'table-id ' || table_id FROM metadata_resulttable
     WHERE table_id NOT LIKE 'bench_fanout.%'" >"$work/roots"
bad=
while read -r kind value; do
	"$MDGRAPH" --db "$FX" "--$kind" "$value" --relations documented --max-rows 100000 -T json \
	    >"$work/d.json" 2>/dev/null
	"$MDGRAPH" --db "$FX" "--$kind" "$value" --relations all --max-rows 100000 -T json \
	    >"$work/a.json" 2>/dev/null
	nodes "$work/d.json" >"$work/d.n"; nodes "$work/a.json" >"$work/a.n"
	edges "$work/d.json" >"$work/d.e"; edges "$work/a.json" >"$work/a.e"
	if [ -n "$(LC_ALL=C comm -23 "$work/d.n" "$work/a.n")$(LC_ALL=C comm -23 "$work/d.e" "$work/a.e")" ]; then
		bad="$bad $kind=$value"
	fi
done <"$work/roots"
is "every root of the fixture ($(wc -l <"$work/roots")): all relations draw a superset of the documented ones" \
    "" "$bad"

# --- the new joins, against hand-written SQL
# edge_set JSON RELATION LEFT RIGHT: that relation's edges, "from to", sorted.
edge_set() {
	jq -r --arg r "$2" --arg l "$3" --arg t "$4" '.edges[]
	    | select(.relation == $r and .left == $l and .right == $t) | "\(.from) \(.to)"' "$1" |
	    LC_ALL=C sort
}
joins() { # DESC JSON RELATION LEFT RIGHT SQL
	sql "$6" | LC_ALL=C sort >"$work/j.want"
	edge_set "$2" "$3" "$4" "$5" >"$work/j.got"
	is "$1: $(wc -l <"$work/j.want") edges, as the SQL says" "$(cat "$work/j.want")" "$(cat "$work/j.got")"
	check "$1: not an empty test" test -s "$work/j.want"
}
"$MDGRAPH" --db "$FX" --data-id 1500001 --max-rows 100000 -T json >"$work/1500001.json"
joins "DataSource.mq_cluster_id -> ClusterInfo" "$work/1500001.json" mq_cluster_id DataSource ClusterInfo \
    "SELECT 'DataSource:bk_data_id=' || d.bk_data_id || ' ClusterInfo:cluster_id=' || c.cluster_id
       FROM metadata_datasource d JOIN metadata_clusterinfo c
         ON c.cluster_id = d.mq_cluster_id AND c.bk_tenant_id = d.bk_tenant_id
      WHERE d.bk_data_id = 1500001"
joins "VMStorageBindingConfig.vm_cluster_name -> a victoria_metrics ClusterInfo" "$work/1500001.json" \
    vm_cluster_name VMStorageBindingConfig ClusterInfo \
    "SELECT 'VMStorageBindingConfig:id=' || b.id || ' ClusterInfo:cluster_id=' || c.cluster_id
       FROM metadata_vmstoragebindingconfig b JOIN metadata_clusterinfo c
         ON c.cluster_type = 'victoria_metrics' AND c.cluster_name = b.vm_cluster_name
        AND c.bk_tenant_id = b.bk_tenant_id
      WHERE b.data_link_name = 'bkm_ts_1500001'"
joins "DataBusConfig.data_id_name -> DataIdConfig.name" "$work/1500001.json" data_id_name DataBusConfig DataIdConfig \
    "SELECT 'DataBusConfig:id=' || b.id || ' DataIdConfig:id=' || i.id
       FROM metadata_databusconfig b JOIN metadata_dataidconfig i
         ON i.name = b.data_id_name AND i.bk_tenant_id = b.bk_tenant_id
      WHERE b.bk_data_id = 1500001"
joins "DataLink.bk_data_id -> DataSource" "$work/1500001.json" bk_data_id DataLink DataSource \
    "SELECT 'DataLink:data_link_name=' || data_link_name || ' DataSource:bk_data_id=' || bk_data_id
       FROM metadata_datalink WHERE bk_data_id = 1500001"
joins "TimeSeriesGroup -> TimeSeriesScope" "$work/1500001.json" group_id TimeSeriesGroup TimeSeriesScope \
    "SELECT 'TimeSeriesGroup:time_series_group_id=' || group_id || ' TimeSeriesScope:id=' || id
       FROM metadata_timeseriesscope WHERE group_id = 101"
joins "TimeSeriesScope -> TimeSeriesMetric (scope_id)" "$work/1500001.json" scope_id TimeSeriesScope TimeSeriesMetric \
    "SELECT 'TimeSeriesScope:id=' || scope_id || ' TimeSeriesMetric:field_id=' || field_id
       FROM metadata_timeseriesmetric WHERE group_id = 101 AND scope_id IS NOT NULL"
joins "TimeSeriesMetric -> TimeSeriesTag (metric_id)" "$work/1500001.json" metric_id TimeSeriesMetric TimeSeriesTag \
    "SELECT 'TimeSeriesMetric:field_id=' || metric_id || ' TimeSeriesTag:id=' || id
       FROM metadata_timeseriestag WHERE group_id = 101"
joins "ResultTable -> CMDBLevelRecord (source_table_id)" "$work/1500001.json" source_table_id ResultTable CMDBLevelRecord \
    "SELECT 'ResultTable:id=' || r.id || ' CMDBLevelRecord:id=' || c.id
       FROM metadata_cmdblevelrecord c JOIN metadata_resulttable r
         ON r.table_id = c.source_table_id AND r.bk_tenant_id = c.bk_tenant_id"
joins "CMDBLevelRecord -> ResultTable (target_table_id)" "$work/1500001.json" target_table_id CMDBLevelRecord ResultTable \
    "SELECT 'CMDBLevelRecord:id=' || c.id || ' ResultTable:id=' || r.id
       FROM metadata_cmdblevelrecord c JOIN metadata_resulttable r
         ON r.table_id = c.target_table_id AND r.bk_tenant_id = c.bk_tenant_id"
joins "ResultTable -> AccessVMRecord" "$work/1500001.json" result_table_id ResultTable AccessVMRecord \
    "SELECT 'ResultTable:id=' || r.id || ' AccessVMRecord:id=' || a.id
       FROM metadata_accessvmrecord a JOIN metadata_resulttable r
         ON r.table_id = a.result_table_id AND r.bk_tenant_id = a.bk_tenant_id
       JOIN metadata_datasourceresulttable d ON d.table_id = r.table_id
      WHERE d.bk_data_id = 1500001"
joins "InfluxDBStorage -> InfluxDBProxyStorage" "$work/1500001.json" influxdb_proxy_storage_id InfluxDBStorage InfluxDBProxyStorage \
    "SELECT 'InfluxDBStorage:table_id=' || table_id || ' InfluxDBProxyStorage:id=' || influxdb_proxy_storage_id
       FROM metadata_influxdbstorage"

rt=bkprecal_2_order_p99.__default__
"$MDGRAPH" --db "$FX" --table-id "$rt" --max-rows 100000 -T json >"$work/rr.json"
joins "RecordRuleV4 -> RecordRuleV4Spec (a declared foreign key)" "$work/rr.json" rule_id RecordRuleV4 RecordRuleV4Spec \
    "SELECT 'RecordRuleV4:id=' || rule_id || ' RecordRuleV4Spec:id=' || id FROM metadata_recordrulev4spec"
joins "RecordRuleV4Resolved -> RecordRuleV4ResolvedRecord (a declared foreign key)" "$work/rr.json" resolved_id \
    RecordRuleV4Resolved RecordRuleV4ResolvedRecord \
    "SELECT 'RecordRuleV4Resolved:id=' || resolved_id || ' RecordRuleV4ResolvedRecord:id=' || id
       FROM metadata_recordrulev4resolvedrecord"
joins "RecordRule -> ResultTableFlow" "$work/rr.json" table_id RecordRule ResultTableFlow \
    "SELECT 'RecordRule:id=' || r.id || ' ResultTableFlow:id=' || f.id
       FROM metadata_recordrule r JOIN metadata_resulttableflow f ON f.table_id = r.table_id
      WHERE r.table_id = '$rt'"
"$MDGRAPH" --db "$FX" --data-id 1500006 --max-rows 100000 -T json >"$work/1500006.json"
joins "LogDataBusConfig.data_id_name -> DataIdConfig" "$work/1500006.json" data_id_name LogDataBusConfig DataIdConfig \
    "SELECT 'LogDataBusConfig:id=' || l.id || ' DataIdConfig:id=' || i.id
       FROM metadata_logdatabusconfig l JOIN metadata_dataidconfig i ON i.name = l.data_id_name"
"$MDGRAPH" --db "$FX" --data-id 1500004 --max-rows 100000 -T json >"$work/1500004.json"
joins "ReplaceConfig.cluster_id -> BCSClusterInfo" "$work/1500004.json" cluster_id ReplaceConfig BCSClusterInfo \
    "SELECT 'ReplaceConfig:rule_name=' || r.rule_name || ' BCSClusterInfo:id=' || b.id
       FROM metadata_replaceconfig r JOIN metadata_bcsclusterinfo b ON b.cluster_id = r.cluster_id"
joins "BcsFederalClusterInfo.fed_builtin_metric_table_id -> ResultTable" "$work/1500004.json" \
    fed_builtin_metric_table_id BcsFederalClusterInfo ResultTable \
    "SELECT 'BcsFederalClusterInfo:id=' || f.id || ' ResultTable:id=' || r.id
       FROM metadata_bcsfederalclusterinfo f JOIN metadata_resulttable r
         ON r.table_id = f.fed_builtin_metric_table_id AND r.bk_tenant_id = f.bk_tenant_id"
is "instance JSON marks the extra edges \"documented\": false, and only those" "yes 0" \
    "$(jq -r '[.edges[] | select(.relation == "mq_cluster_id")] | if length > 0 and all(.documented == false) then "yes" else "no" end' "$work/1500001.json") $(jq '[.edges[] | select(.relation == "bk_data_id" and .left == "DataSource" and has("documented"))] | length' "$work/1500001.json")"
"$MDGRAPH" --db "$FX" --data-id 1500001 -T dot >"$work/1500001.dot"
check "instance DOT: an extra edge dashed, with the legend" sh -c \
    "grep -q 'style=dashed' '$work/1500001.dot' && grep -q 'relations the document does not draw' '$work/1500001.dot'"

# --- declared foreign keys: read from the catalog, compared with the model
run_status "$MDGRAPH" check --db "$FX" --chain vm
is "check --chain vm: the model draws every declared foreign key" "0" \
    "$(grep -c '^foreign-key' "$work/stdout")"
sed '/RecordRuleV4Spec ||--o{ RecordRuleV4SpecRecord/,+1d' "$top_srcdir/templates/metadata.model" >"$work/nofk.model"
run_status "$MDGRAPH" check --db "$FX" --model "$work/nofk.model"
is "a declared foreign key the model lacks: named, with the table and columns" \
    "foreign-key     RecordRuleV4SpecRecord.spec_id references RecordRuleV4Spec.id (recordrulev4specrecord_spec_id_fk): no relation of the model joins them" \
    "$(grep '^foreign-key' "$work/stdout")"
sed 's/^\(    RecordRuleV4Spec ||--o{ RecordRuleV4SpecRecord : "spec_id"\)$/    RecordRuleV4 ||--o{ RecordRuleV4SpecRecord : "spec_id"/' \
    "$top_srcdir/templates/metadata.model" >"$work/wrongfk.model"
run_status "$MDGRAPH" check --db "$FX" --model "$work/wrongfk.model" --chain vm
check "a relation that contradicts a declared foreign key: named" \
    grep -q '^foreign-key .*RecordRuleV4SpecRecord.spec_id references RecordRuleV4Spec.id.*the model joins it to RecordRuleV4 (model line [0-9]*)$' "$work/stdout"
# --- check: the document against the database, tenants, --schema
run_status "$MDGRAPH" check --db "$FX"
sed -n '/^the document against the database/,/^cross-tenant references/p' "$work/stdout" |
    grep -v '^the document\|^cross-tenant references' >"$work/doc.notes"
is "check: exit 1 for its findings, the document's disagreements after them" "1 yes" \
    "$status $(grep -q '^[0-9]* findings\{0,1\} in schema public' "$work/stdout" && test -s "$work/doc.notes" && echo yes || echo no)"
for want in \
    "ResultTable.table_id is marked PK (model line [0-9]*); the primary key of metadata_resulttable is (id)" \
    "EsSnapshot.table_id is marked PK (model line [0-9]*); the primary key of metadata_essnapshot is (id)" \
    "BCSClusterInfo.cluster_id is marked PK (model line [0-9]*); the primary key of metadata_bcsclusterinfo is (id)" \
    "SpaceType.type_id is marked PK (model line [0-9]*); the primary key of metadata_spacetype is (id)" \
    "names EsSnapshot.snapshot_name, which metadata_essnapshot lacks; the model joins on target_snapshot_repository_name" \
    "names SpaceVMInfo.space_type_id, which metadata_spacevminfo lacks; the model joins on space_type"; do
	check "document: $want" grep -q "$want" "$work/doc.notes"
done
line=$(grep -n '^    EsSnapshot ||--o{ EsSnapshotIndice' "$top_srcdir/templates/metadata.model" | cut -d: -f1)
check "document: a finding names the model line to edit ($line)" \
    grep -q "\"table_id+snapshot_name\" (model line $line)" "$work/doc.notes"
live_db clean "$fixtures/schema.sql"
run_status "$MDGRAPH" check --db "$(conn clean)"
is "check on an empty database: exit 0, the document's notes do not count" "0 yes" \
    "$status $(grep -q '^doc-key' "$work/stdout" && echo yes || echo no)"

run_status "$MDGRAPH" check --db "$FX" -T json
is "cross-tenant: tenant2's rows naming platform data id 1001 are not orphans" \
    "0 DataSourceOption,DataSourceResultTable bk_data_id=1001" \
    "$(jq '[.findings[] | select(.examples // "" | test("1001"))] | length' "$work/stdout") $(jq -r '[.cross_tenant[] | select(.examples | test("1001")) | .entity] | sort | join(",")' "$work/stdout") $(jq -r '.cross_tenant[0].examples' "$work/stdout")"
sed '/^entity DataSource global$/d' "$top_srcdir/templates/metadata.model" >"$work/noglobal.model"
run_status "$MDGRAPH" check --db "$FX" --model "$work/noglobal.model" -T json
is "without 'entity DataSource global' they are orphans" "2 0" \
    "$(jq '[.findings[] | select(.kind == "orphan" and (.examples | test("bk_data_id=1001")))] | length' "$work/stdout") $(jq '.cross_tenant | length' "$work/stdout")"

# check reads the schema it is told to, and the chains.
pg_psql -d postgres -c "CREATE DATABASE ren" >/dev/null
sed 's/public\./other./g' "$fixtures/schema.sql" >"$work/other.sql"
sed 's/public\./other./g' "$fixtures/data.sql" >"$work/other-data.sql"
pg_psql -d ren -v ON_ERROR_STOP=1 -c "CREATE SCHEMA other" -c "SET search_path = other" -f "$work/other.sql" -f "$work/other-data.sql" >/dev/null
run_status "$MDGRAPH" check --db "$(conn ren)" --schema other
is "check --schema other: the renamed schema's findings" "1 3 findings in schema other: 85 tables, 65 relations checked" \
    "$status $(grep ' in schema ' "$work/stdout")"
run_status "$MDGRAPH" check --db "$(conn ren)" --schema other --chain storage
is "check --chain storage: that chain's relations only" "1 1 finding in schema other: 85 tables, 16 relations checked" \
    "$status $(grep ' in schema ' "$work/stdout")"
done_testing
