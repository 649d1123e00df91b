-- instance-expect.sql -- the rows and links an instance diagram must show,
-- computed by hand, independently of mdgraph's code, for tests/instance.sh.
--
--   psql -X -q -v ON_ERROR_STOP=1 -v root=data-id -v value=1500001 \
--        [-v tenant=T] -f instance-expect.sql
--   (root=table-id for a ResultTable root)
--
-- Prints one line per node, "N Entity:pk=value", one line per entity type
-- with rows, "L Entity LAYER", then one line per link, "E FROM-ID LABEL
-- TO-ID" (FROM = the relation's left entity's row), each part sorted
-- byte-wise.  Only SELECTs against the fixture; the rest is TEMP.
--
-- The rules (mdgraph(1), INSTANCE DIAGRAMS):
--   * every relation of the five chains plus the `link` relation, once, is an
--     undirected edge between entity types; a type's layer is its distance
--     from the root type;
--   * rows of a type at layer k+1 = the rows matching, through any relation,
--     a row already fetched of a type at layer k;
--   * every relation links the fetched rows of its two types;
--   * a key value NULL, '' or 0 matches nothing; where both tables have
--     bk_tenant_id, NULL on either side or equal values.
-- The layers are written out below for both roots.
\set QUIET on
\pset format unaligned
\pset tuples_only on
SET client_min_messages = warning;

-- ---------------------------------------------------------------------
-- Join predicates, one per relation of templates/metadata.model.  Alias l
-- is the relation's left entity, r its right entity.
-- ---------------------------------------------------------------------
\set tn '(l.bk_tenant_id IS NULL OR r.bk_tenant_id IS NULL OR l.bk_tenant_id = r.bk_tenant_id)'
\set k_data_id 'NULLIF(l.bk_data_id, 0) = NULLIF(r.bk_data_id, 0)'
\set k_table_id 'NULLIF(l.table_id, '''') = NULLIF(r.table_id, '''')'
\set k_link 'NULLIF(l.data_link_name, '''') = NULLIF(r.data_link_name, '''')'
\set k_space 'NULLIF(l.space_type_id, '''') = NULLIF(r.space_type_id, '''') AND NULLIF(l.space_id, '''') = NULLIF(r.space_id, '''')'
\set k_storage_cluster 'NULLIF(l.storage_cluster_id, 0) = NULLIF(r.cluster_id, 0)'

-- main
\set r01 :k_data_id
\set r02 :k_data_id ' AND ' :tn
\set r03 :k_data_id ' AND ' :tn
\set r04 :k_table_id ' AND ' :tn
\set r05 :k_table_id ' AND ' :tn
\set r06 :k_table_id ' AND ' :tn
\set r07 :k_table_id ' AND NULLIF(l.field_name, '''') = NULLIF(r.field_name, '''') AND ' :tn
\set r08 :k_table_id ' AND ' :tn
\set r09 :k_table_id ' AND ' :tn
\set r10 :k_table_id ' AND ' :tn
\set r11 :k_data_id ' AND ' :tn
\set r12 :k_data_id ' AND ' :tn
\set r13 :k_data_id ' AND ' :tn
\set r14 'NULLIF(l.time_series_group_id, 0) = NULLIF(r.group_id, 0)'
\set r15 'NULLIF(l.event_group_id, 0) = NULLIF(r.event_group_id, 0)'
\set r16 :k_data_id ' AND ' :tn
-- Space ||--o{ SpaceDataSource: in main and in space, one relation.
\set r17 :k_space ' AND ' :tn
-- datalink
\set r18 :k_link ' AND ' :tn
\set r19 :k_link ' AND ' :tn
\set r20 :k_link ' AND ' :tn
\set r21 :k_link ' AND ' :tn
\set r22 :k_link ' AND ' :tn
\set r23 :k_link ' AND ' :tn
\set r24 :k_link ' AND ' :tn
\set r25 :k_data_id ' AND ' :tn
\set r26 :k_data_id ' AND ' :tn
\set r27 :k_table_id ' AND ' :tn
\set r28 :k_table_id ' AND ' :tn
\set r29 :k_table_id ' AND ' :tn
\set r30 :k_table_id ' AND ' :tn
\set r31 :k_link ' AND ' :tn
\set r32 'NULLIF(l.monitor_table_id, '''') = NULLIF(r.table_id, '''') AND ' :tn
\set r33 :k_storage_cluster ' AND ' :tn
-- link DataLink }o--o{ ResultTable: on elem(table_ids) = table_id
\set rlink 'NULLIF(r.table_id, '''') IN (SELECT e.v FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(l.table_ids) = ''array'' THEN l.table_ids ELSE ''[]''::jsonb END) AS e(v)) AND ' :tn
\set r34 '(CASE l.kind WHEN ''ElasticSearch'' THEN ''elasticsearch'' WHEN ''VmStorage'' THEN ''victoria_metrics'' WHEN ''Doris'' THEN ''doris'' WHEN ''KafkaChannel'' THEN ''kafka'' WHEN ''SurrealDB'' THEN ''surrealdb'' END) = NULLIF(r.cluster_type, '''') AND NULLIF(l.name, '''') = NULLIF(r.cluster_name, '''') AND ' :tn
-- storage
\set r35 :k_table_id ' AND ' :tn
\set r36 :k_table_id ' AND ' :tn
\set r37 :k_table_id ' AND ' :tn
\set r38 :k_table_id ' AND ' :tn
\set r39 :k_storage_cluster ' AND ' :tn
\set r40 :k_storage_cluster ' AND ' :tn
\set r41 :k_storage_cluster ' AND ' :tn
\set r42 'NULLIF(l.cluster_id, 0) = NULLIF(r.cluster_id, 0) AND ' :tn
\set r43 :k_table_id ' AND ' :tn
\set r44 'NULLIF(l.repository_name, '''') = NULLIF(r.target_snapshot_repository_name, '''') AND ' :tn
\set r45 :k_table_id ' AND NULLIF(l.target_snapshot_repository_name, '''') = NULLIF(r.repository_name, '''') AND ' :tn
\set r46 'NULLIF(l.repository_name, '''') = NULLIF(r.repository_name, '''') AND ' :tn
\set r47 'NULLIF(l.cluster_id, 0) = NULLIF(r.cluster_id, 0) AND ' :tn
\set r48 :k_table_id ' AND ' :tn
\set r49 :k_table_id ' AND ' :tn
\set r50 :k_table_id ' AND ' :tn
-- bcs
\set r51 'NULLIF(l.cluster_id, '''') = NULLIF(r.cluster_id, '''')'
\set r52 :r51
\set r53 :r51
\set r54 :k_data_id
\set r55 :k_data_id
\set r56 :k_data_id
\set r57 'NULLIF(r.bk_data_id, 0) IN (NULLIF(l."K8sMetricDataID", 0), NULLIF(l."CustomMetricDataID", 0), NULLIF(l."K8sEventDataID", 0), NULLIF(l."CustomEventDataID", 0)) AND ' :tn
\set r58 'NULLIF(r.cluster_id, '''') IN (NULLIF(l.host_cluster_id, ''''), NULLIF(l.sub_cluster_id, ''''), NULLIF(l.fed_cluster_id, '''')) AND ' :tn
-- space (r61 is r17)
\set r59 'NULLIF(l.type_id, '''') = NULLIF(r.space_type_id, '''')'
\set r60 :k_space ' AND ' :tn
\set r62 'NULLIF(l.space_type_id, '''') = NULLIF(r.space_type, '''') AND NULLIF(l.space_id, '''') = NULLIF(r.space_id, '''')'
\set r63 :k_space ' AND ' :tn
\set r64 'NULLIF(l.cluster_id, 0) = NULLIF(r.cluster_id, 0) AND ' :tn
\set r65 'NULLIF(l.vm_cluster_id, 0) = NULLIF(r.cluster_id, 0)'
\set r66 'NULLIF(l.space_uid, '''') = NULLIF(r.space_type_id || ''__'' || r.space_id, ''__'')'

-- ---------------------------------------------------------------------
-- One TEMP table per entity type: its fetched rows, plus nid, the node id
-- "Entity:pk=value" (every table here has a one-column primary key).
-- ---------------------------------------------------------------------
CREATE TEMP TABLE f_datasource AS SELECT * FROM metadata_datasource WITH NO DATA;
ALTER TABLE f_datasource ADD nid text GENERATED ALWAYS AS ('DataSource:bk_data_id=' || bk_data_id::text) STORED;
CREATE TEMP TABLE f_kafkatopicinfo AS SELECT * FROM metadata_kafkatopicinfo WITH NO DATA;
ALTER TABLE f_kafkatopicinfo ADD nid text GENERATED ALWAYS AS ('KafkaTopicInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_datasourceoption AS SELECT * FROM metadata_datasourceoption WITH NO DATA;
ALTER TABLE f_datasourceoption ADD nid text GENERATED ALWAYS AS ('DataSourceOption:id=' || id::text) STORED;
CREATE TEMP TABLE f_datasourceresulttable AS SELECT * FROM metadata_datasourceresulttable WITH NO DATA;
ALTER TABLE f_datasourceresulttable ADD nid text GENERATED ALWAYS AS ('DataSourceResultTable:id=' || id::text) STORED;
CREATE TEMP TABLE f_resulttable AS SELECT * FROM metadata_resulttable WITH NO DATA;
ALTER TABLE f_resulttable ADD nid text GENERATED ALWAYS AS ('ResultTable:id=' || id::text) STORED;
CREATE TEMP TABLE f_resulttableoption AS SELECT * FROM metadata_resulttableoption WITH NO DATA;
ALTER TABLE f_resulttableoption ADD nid text GENERATED ALWAYS AS ('ResultTableOption:id=' || id::text) STORED;
CREATE TEMP TABLE f_resulttablefield AS SELECT * FROM metadata_resulttablefield WITH NO DATA;
ALTER TABLE f_resulttablefield ADD nid text GENERATED ALWAYS AS ('ResultTableField:id=' || id::text) STORED;
CREATE TEMP TABLE f_resulttablefieldoption AS SELECT * FROM metadata_resulttablefieldoption WITH NO DATA;
ALTER TABLE f_resulttablefieldoption ADD nid text GENERATED ALWAYS AS ('ResultTableFieldOption:id=' || id::text) STORED;
CREATE TEMP TABLE f_timeseriesgroup AS SELECT * FROM metadata_timeseriesgroup WITH NO DATA;
ALTER TABLE f_timeseriesgroup ADD nid text GENERATED ALWAYS AS ('TimeSeriesGroup:time_series_group_id=' || time_series_group_id::text) STORED;
CREATE TEMP TABLE f_timeseriesmetric AS SELECT * FROM metadata_timeseriesmetric WITH NO DATA;
ALTER TABLE f_timeseriesmetric ADD nid text GENERATED ALWAYS AS ('TimeSeriesMetric:field_id=' || field_id::text) STORED;
CREATE TEMP TABLE f_eventgroup AS SELECT * FROM metadata_eventgroup WITH NO DATA;
ALTER TABLE f_eventgroup ADD nid text GENERATED ALWAYS AS ('EventGroup:event_group_id=' || event_group_id::text) STORED;
CREATE TEMP TABLE f_event AS SELECT * FROM metadata_event WITH NO DATA;
ALTER TABLE f_event ADD nid text GENERATED ALWAYS AS ('Event:event_id=' || event_id::text) STORED;
CREATE TEMP TABLE f_loggroup AS SELECT * FROM metadata_loggroup WITH NO DATA;
ALTER TABLE f_loggroup ADD nid text GENERATED ALWAYS AS ('LogGroup:log_group_id=' || log_group_id::text) STORED;
CREATE TEMP TABLE f_spacedatasource AS SELECT * FROM metadata_spacedatasource WITH NO DATA;
ALTER TABLE f_spacedatasource ADD nid text GENERATED ALWAYS AS ('SpaceDataSource:id=' || id::text) STORED;
CREATE TEMP TABLE f_space AS SELECT * FROM metadata_space WITH NO DATA;
ALTER TABLE f_space ADD nid text GENERATED ALWAYS AS ('Space:id=' || id::text) STORED;
CREATE TEMP TABLE f_datalink AS SELECT * FROM metadata_datalink WITH NO DATA;
ALTER TABLE f_datalink ADD nid text GENERATED ALWAYS AS ('DataLink:data_link_name=' || data_link_name::text) STORED;
CREATE TEMP TABLE f_dataidconfig AS SELECT * FROM metadata_dataidconfig WITH NO DATA;
ALTER TABLE f_dataidconfig ADD nid text GENERATED ALWAYS AS ('DataIdConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_resulttableconfig AS SELECT * FROM metadata_vmresulttableconfig WITH NO DATA;
ALTER TABLE f_resulttableconfig ADD nid text GENERATED ALWAYS AS ('ResultTableConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_databusconfig AS SELECT * FROM metadata_databusconfig WITH NO DATA;
ALTER TABLE f_databusconfig ADD nid text GENERATED ALWAYS AS ('DataBusConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_vmstoragebindingconfig AS SELECT * FROM metadata_vmstoragebindingconfig WITH NO DATA;
ALTER TABLE f_vmstoragebindingconfig ADD nid text GENERATED ALWAYS AS ('VMStorageBindingConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_esstoragebindingconfig AS SELECT * FROM metadata_esstoragebindingconfig WITH NO DATA;
ALTER TABLE f_esstoragebindingconfig ADD nid text GENERATED ALWAYS AS ('ESStorageBindingConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_dorisstoragebindingconfig AS SELECT * FROM metadata_dorisstoragebindingconfig WITH NO DATA;
ALTER TABLE f_dorisstoragebindingconfig ADD nid text GENERATED ALWAYS AS ('DorisStorageBindingConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_conditionalsinkconfig AS SELECT * FROM metadata_conditionalsinkconfig WITH NO DATA;
ALTER TABLE f_conditionalsinkconfig ADD nid text GENERATED ALWAYS AS ('ConditionalSinkConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_bkbaseresulttable AS SELECT * FROM metadata_bkbaseresulttable WITH NO DATA;
ALTER TABLE f_bkbaseresulttable ADD nid text GENERATED ALWAYS AS ('BkBaseResultTable:data_link_name=' || data_link_name::text) STORED;
CREATE TEMP TABLE f_clusterconfig AS SELECT * FROM metadata_clusterconfig WITH NO DATA;
ALTER TABLE f_clusterconfig ADD nid text GENERATED ALWAYS AS ('ClusterConfig:id=' || id::text) STORED;
CREATE TEMP TABLE f_clusterinfo AS SELECT * FROM metadata_clusterinfo WITH NO DATA;
ALTER TABLE f_clusterinfo ADD nid text GENERATED ALWAYS AS ('ClusterInfo:cluster_id=' || cluster_id::text) STORED;
CREATE TEMP TABLE f_esstorage AS SELECT * FROM metadata_esstorage WITH NO DATA;
ALTER TABLE f_esstorage ADD nid text GENERATED ALWAYS AS ('ESStorage:id=' || id::text) STORED;
CREATE TEMP TABLE f_kafkastorage AS SELECT * FROM metadata_kafkastorage WITH NO DATA;
ALTER TABLE f_kafkastorage ADD nid text GENERATED ALWAYS AS ('KafkaStorage:id=' || id::text) STORED;
CREATE TEMP TABLE f_dorisstorage AS SELECT * FROM metadata_dorisstorage WITH NO DATA;
ALTER TABLE f_dorisstorage ADD nid text GENERATED ALWAYS AS ('DorisStorage:id=' || id::text) STORED;
CREATE TEMP TABLE f_storageclusterrecord AS SELECT * FROM metadata_storageclusterrecord WITH NO DATA;
ALTER TABLE f_storageclusterrecord ADD nid text GENERATED ALWAYS AS ('StorageClusterRecord:id=' || id::text) STORED;
CREATE TEMP TABLE f_essnapshot AS SELECT * FROM metadata_essnapshot WITH NO DATA;
ALTER TABLE f_essnapshot ADD nid text GENERATED ALWAYS AS ('EsSnapshot:id=' || id::text) STORED;
CREATE TEMP TABLE f_essnapshotrepository AS SELECT * FROM metadata_essnapshotrepository WITH NO DATA;
ALTER TABLE f_essnapshotrepository ADD nid text GENERATED ALWAYS AS ('EsSnapshotRepository:repository_name=' || repository_name::text) STORED;
CREATE TEMP TABLE f_essnapshotindice AS SELECT * FROM metadata_essnapshotindice WITH NO DATA;
ALTER TABLE f_essnapshotindice ADD nid text GENERATED ALWAYS AS ('EsSnapshotIndice:id=' || id::text) STORED;
CREATE TEMP TABLE f_essnapshotrestore AS SELECT * FROM metadata_essnapshotrestore WITH NO DATA;
ALTER TABLE f_essnapshotrestore ADD nid text GENERATED ALWAYS AS ('EsSnapshotRestore:restore_id=' || restore_id::text) STORED;
CREATE TEMP TABLE f_esfieldqueryaliasoption AS SELECT * FROM metadata_esfieldqueryaliasoption WITH NO DATA;
ALTER TABLE f_esfieldqueryaliasoption ADD nid text GENERATED ALWAYS AS ('ESFieldQueryAliasOption:id=' || id::text) STORED;
CREATE TEMP TABLE f_bcsclusterinfo AS SELECT * FROM metadata_bcsclusterinfo WITH NO DATA;
ALTER TABLE f_bcsclusterinfo ADD nid text GENERATED ALWAYS AS ('BCSClusterInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_podmonitorinfo AS SELECT * FROM metadata_podmonitorinfo WITH NO DATA;
ALTER TABLE f_podmonitorinfo ADD nid text GENERATED ALWAYS AS ('PodMonitorInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_servicemonitorinfo AS SELECT * FROM metadata_servicemonitorinfo WITH NO DATA;
ALTER TABLE f_servicemonitorinfo ADD nid text GENERATED ALWAYS AS ('ServiceMonitorInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_logcollectorinfo AS SELECT * FROM metadata_logcollectorinfo WITH NO DATA;
ALTER TABLE f_logcollectorinfo ADD nid text GENERATED ALWAYS AS ('LogCollectorInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_bcsfederalclusterinfo AS SELECT * FROM metadata_bcsfederalclusterinfo WITH NO DATA;
ALTER TABLE f_bcsfederalclusterinfo ADD nid text GENERATED ALWAYS AS ('BcsFederalClusterInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_spacetype AS SELECT * FROM metadata_spacetype WITH NO DATA;
ALTER TABLE f_spacetype ADD nid text GENERATED ALWAYS AS ('SpaceType:id=' || id::text) STORED;
CREATE TEMP TABLE f_spaceresource AS SELECT * FROM metadata_spaceresource WITH NO DATA;
ALTER TABLE f_spaceresource ADD nid text GENERATED ALWAYS AS ('SpaceResource:id=' || id::text) STORED;
CREATE TEMP TABLE f_spacevminfo AS SELECT * FROM metadata_spacevminfo WITH NO DATA;
ALTER TABLE f_spacevminfo ADD nid text GENERATED ALWAYS AS ('SpaceVMInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_spacerelatedstorageinfo AS SELECT * FROM metadata_spacerelatedstorageinfo WITH NO DATA;
ALTER TABLE f_spacerelatedstorageinfo ADD nid text GENERATED ALWAYS AS ('SpaceRelatedStorageInfo:id=' || id::text) STORED;
CREATE TEMP TABLE f_bkappspacerecord AS SELECT * FROM metadata_bkappspacerecord WITH NO DATA;
ALTER TABLE f_bkappspacerecord ADD nid text GENERATED ALWAYS AS ('BkAppSpaceRecord:record_id=' || record_id::text) STORED;

-- The layer of each entity type, as written out below; printed for the
-- types that have rows.
CREATE TEMP TABLE layer (entity text PRIMARY KEY, k int NOT NULL);

SELECT :'root' = 'data-id' AS by_data_id, :'root' = 'table-id' AS by_table_id \gset
\if :{?tenant}
\else
\set tenant ''
\endif
SELECT :'tenant' <> '' AS with_tenant \gset

-- In each INSERT below the fetched type is r when it is the relation's
-- right entity, l when it is the left one; the parents are the f_ table.
-- A type fetched through relations where it is on both sides is x, seen
-- as l or r through (SELECT x.*).
\if :by_data_id
-- =====================================================================
-- Root DataSource (--data-id).  Layers:
--   0 DataSource
--   1 KafkaTopicInfo DataSourceOption DataSourceResultTable TimeSeriesGroup
--     EventGroup LogGroup SpaceDataSource DataIdConfig DataBusConfig
--     PodMonitorInfo ServiceMonitorInfo LogCollectorInfo BCSClusterInfo
--   2 ResultTable TimeSeriesMetric Event Space DataLink BcsFederalClusterInfo
--   3 ResultTableOption ResultTableField ResultTableConfig
--     VMStorageBindingConfig ESStorageBindingConfig DorisStorageBindingConfig
--     ConditionalSinkConfig BkBaseResultTable ESStorage KafkaStorage
--     DorisStorage StorageClusterRecord SpaceType SpaceResource SpaceVMInfo
--     SpaceRelatedStorageInfo BkAppSpaceRecord
--   4 ResultTableFieldOption ClusterInfo EsSnapshot EsSnapshotIndice
--     EsSnapshotRestore ESFieldQueryAliasOption
--   5 ClusterConfig EsSnapshotRepository
-- =====================================================================
INSERT INTO layer VALUES
    ('DataSource', 0),
    ('KafkaTopicInfo', 1), ('DataSourceOption', 1), ('DataSourceResultTable', 1),
    ('TimeSeriesGroup', 1), ('EventGroup', 1), ('LogGroup', 1), ('SpaceDataSource', 1),
    ('DataIdConfig', 1), ('DataBusConfig', 1), ('PodMonitorInfo', 1),
    ('ServiceMonitorInfo', 1), ('LogCollectorInfo', 1), ('BCSClusterInfo', 1),
    ('ResultTable', 2), ('TimeSeriesMetric', 2), ('Event', 2), ('Space', 2),
    ('DataLink', 2), ('BcsFederalClusterInfo', 2),
    ('ResultTableOption', 3), ('ResultTableField', 3), ('ResultTableConfig', 3),
    ('VMStorageBindingConfig', 3), ('ESStorageBindingConfig', 3),
    ('DorisStorageBindingConfig', 3), ('ConditionalSinkConfig', 3),
    ('BkBaseResultTable', 3), ('ESStorage', 3), ('KafkaStorage', 3),
    ('DorisStorage', 3), ('StorageClusterRecord', 3), ('SpaceType', 3),
    ('SpaceResource', 3), ('SpaceVMInfo', 3), ('SpaceRelatedStorageInfo', 3),
    ('BkAppSpaceRecord', 3),
    ('ResultTableFieldOption', 4), ('ClusterInfo', 4), ('EsSnapshot', 4),
    ('EsSnapshotIndice', 4), ('EsSnapshotRestore', 4), ('ESFieldQueryAliasOption', 4),
    ('ClusterConfig', 5), ('EsSnapshotRepository', 5);
INSERT INTO f_datasource SELECT * FROM metadata_datasource
 WHERE bk_data_id::text = :'value'
\if :with_tenant
   AND bk_tenant_id = :'tenant'
\endif
;
-- layer 1, from DataSource
INSERT INTO f_kafkatopicinfo SELECT r.* FROM metadata_kafkatopicinfo r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r01);
INSERT INTO f_datasourceoption SELECT r.* FROM metadata_datasourceoption r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r02);
INSERT INTO f_datasourceresulttable SELECT r.* FROM metadata_datasourceresulttable r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r03);
INSERT INTO f_timeseriesgroup SELECT r.* FROM metadata_timeseriesgroup r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r11);
INSERT INTO f_eventgroup SELECT r.* FROM metadata_eventgroup r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r12);
INSERT INTO f_loggroup SELECT r.* FROM metadata_loggroup r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r13);
INSERT INTO f_spacedatasource SELECT r.* FROM metadata_spacedatasource r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r16);
INSERT INTO f_dataidconfig SELECT l.* FROM metadata_dataidconfig l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r25);
INSERT INTO f_databusconfig SELECT l.* FROM metadata_databusconfig l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r26);
INSERT INTO f_podmonitorinfo SELECT l.* FROM metadata_podmonitorinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r54);
INSERT INTO f_servicemonitorinfo SELECT l.* FROM metadata_servicemonitorinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r55);
INSERT INTO f_logcollectorinfo SELECT l.* FROM metadata_logcollectorinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r56);
INSERT INTO f_bcsclusterinfo SELECT l.* FROM metadata_bcsclusterinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r57);
-- layer 2
INSERT INTO f_resulttable SELECT x.* FROM metadata_resulttable x
 WHERE EXISTS (SELECT 1 FROM f_datasourceresulttable l, (SELECT x.*) r WHERE :r04)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_timeseriesgroup r WHERE :r08)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_eventgroup r WHERE :r09)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_loggroup r WHERE :r10);
INSERT INTO f_timeseriesmetric SELECT r.* FROM metadata_timeseriesmetric r
 WHERE EXISTS (SELECT 1 FROM f_timeseriesgroup l WHERE :r14);
INSERT INTO f_event SELECT r.* FROM metadata_event r
 WHERE EXISTS (SELECT 1 FROM f_eventgroup l WHERE :r15);
INSERT INTO f_space SELECT l.* FROM metadata_space l
 WHERE EXISTS (SELECT 1 FROM f_spacedatasource r WHERE :r17);
INSERT INTO f_datalink SELECT l.* FROM metadata_datalink l
 WHERE EXISTS (SELECT 1 FROM f_dataidconfig r WHERE :r18)
    OR EXISTS (SELECT 1 FROM f_databusconfig r WHERE :r20);
INSERT INTO f_bcsfederalclusterinfo SELECT l.* FROM metadata_bcsfederalclusterinfo l
 WHERE EXISTS (SELECT 1 FROM f_bcsclusterinfo r WHERE :r58);
-- layer 3
INSERT INTO f_resulttableoption SELECT r.* FROM metadata_resulttableoption r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r05);
INSERT INTO f_resulttablefield SELECT r.* FROM metadata_resulttablefield r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r06);
INSERT INTO f_resulttableconfig SELECT x.* FROM metadata_vmresulttableconfig x
 WHERE EXISTS (SELECT 1 FROM f_datalink l, (SELECT x.*) r WHERE :r19)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_resulttable r WHERE :r27);
INSERT INTO f_vmstoragebindingconfig SELECT x.* FROM metadata_vmstoragebindingconfig x
 WHERE EXISTS (SELECT 1 FROM f_datalink l, (SELECT x.*) r WHERE :r21)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_resulttable r WHERE :r28);
INSERT INTO f_esstoragebindingconfig SELECT x.* FROM metadata_esstoragebindingconfig x
 WHERE EXISTS (SELECT 1 FROM f_datalink l, (SELECT x.*) r WHERE :r22)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_resulttable r WHERE :r29);
INSERT INTO f_dorisstoragebindingconfig SELECT x.* FROM metadata_dorisstoragebindingconfig x
 WHERE EXISTS (SELECT 1 FROM f_datalink l, (SELECT x.*) r WHERE :r23)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_resulttable r WHERE :r30);
INSERT INTO f_conditionalsinkconfig SELECT r.* FROM metadata_conditionalsinkconfig r
 WHERE EXISTS (SELECT 1 FROM f_datalink l WHERE :r24);
INSERT INTO f_bkbaseresulttable SELECT l.* FROM metadata_bkbaseresulttable l
 WHERE EXISTS (SELECT 1 FROM f_datalink r WHERE :r31)
    OR EXISTS (SELECT 1 FROM f_resulttable r WHERE :r32);
INSERT INTO f_esstorage SELECT r.* FROM metadata_esstorage r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r35);
INSERT INTO f_kafkastorage SELECT r.* FROM metadata_kafkastorage r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r36);
INSERT INTO f_dorisstorage SELECT r.* FROM metadata_dorisstorage r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r37);
INSERT INTO f_storageclusterrecord SELECT r.* FROM metadata_storageclusterrecord r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r38);
INSERT INTO f_spacetype SELECT l.* FROM metadata_spacetype l
 WHERE EXISTS (SELECT 1 FROM f_space r WHERE :r59);
INSERT INTO f_spaceresource SELECT r.* FROM metadata_spaceresource r
 WHERE EXISTS (SELECT 1 FROM f_space l WHERE :r60);
INSERT INTO f_spacevminfo SELECT r.* FROM metadata_spacevminfo r
 WHERE EXISTS (SELECT 1 FROM f_space l WHERE :r62);
INSERT INTO f_spacerelatedstorageinfo SELECT r.* FROM metadata_spacerelatedstorageinfo r
 WHERE EXISTS (SELECT 1 FROM f_space l WHERE :r63);
INSERT INTO f_bkappspacerecord SELECT l.* FROM metadata_bkappspacerecord l
 WHERE EXISTS (SELECT 1 FROM f_space r WHERE :r66);
-- layer 4
INSERT INTO f_resulttablefieldoption SELECT r.* FROM metadata_resulttablefieldoption r
 WHERE EXISTS (SELECT 1 FROM f_resulttablefield l WHERE :r07);
INSERT INTO f_clusterinfo SELECT r.* FROM metadata_clusterinfo r
 WHERE EXISTS (SELECT 1 FROM f_bkbaseresulttable l WHERE :r33)
    OR EXISTS (SELECT 1 FROM f_esstorage l WHERE :r39)
    OR EXISTS (SELECT 1 FROM f_kafkastorage l WHERE :r40)
    OR EXISTS (SELECT 1 FROM f_dorisstorage l WHERE :r41)
    OR EXISTS (SELECT 1 FROM f_storageclusterrecord l WHERE :r42)
    OR EXISTS (SELECT 1 FROM f_spacerelatedstorageinfo l WHERE :r64)
    OR EXISTS (SELECT 1 FROM f_spacevminfo l WHERE :r65);
INSERT INTO f_essnapshot SELECT l.* FROM metadata_essnapshot l
 WHERE EXISTS (SELECT 1 FROM f_esstorage r WHERE :r43);
INSERT INTO f_essnapshotindice SELECT l.* FROM metadata_essnapshotindice l
 WHERE EXISTS (SELECT 1 FROM f_esstorage r WHERE :r48);
INSERT INTO f_essnapshotrestore SELECT l.* FROM metadata_essnapshotrestore l
 WHERE EXISTS (SELECT 1 FROM f_esstorage r WHERE :r49);
INSERT INTO f_esfieldqueryaliasoption SELECT r.* FROM metadata_esfieldqueryaliasoption r
 WHERE EXISTS (SELECT 1 FROM f_esstorage l WHERE :r50);
-- layer 5
INSERT INTO f_clusterconfig SELECT l.* FROM metadata_clusterconfig l
 WHERE EXISTS (SELECT 1 FROM f_clusterinfo r WHERE :r34);
INSERT INTO f_essnapshotrepository SELECT l.* FROM metadata_essnapshotrepository l
 WHERE EXISTS (SELECT 1 FROM f_essnapshot r WHERE :r44)
    OR EXISTS (SELECT 1 FROM f_essnapshotindice r WHERE :r46)
    OR EXISTS (SELECT 1 FROM f_clusterinfo r WHERE :r47);
\elif :by_table_id
-- =====================================================================
-- Root ResultTable (--table-id).  Layers:
--   0 ResultTable
--   1 DataSourceResultTable ResultTableOption ResultTableField
--     TimeSeriesGroup EventGroup LogGroup ResultTableConfig
--     VMStorageBindingConfig ESStorageBindingConfig DorisStorageBindingConfig
--     BkBaseResultTable DataLink ESStorage KafkaStorage DorisStorage
--     StorageClusterRecord
--   2 DataSource ResultTableFieldOption TimeSeriesMetric Event DataIdConfig
--     DataBusConfig ConditionalSinkConfig ClusterInfo EsSnapshot
--     EsSnapshotIndice EsSnapshotRestore ESFieldQueryAliasOption
--   3 KafkaTopicInfo DataSourceOption SpaceDataSource PodMonitorInfo
--     ServiceMonitorInfo LogCollectorInfo BCSClusterInfo ClusterConfig
--     EsSnapshotRepository SpaceRelatedStorageInfo SpaceVMInfo
--   4 Space BcsFederalClusterInfo
--   5 SpaceType SpaceResource BkAppSpaceRecord
-- =====================================================================
INSERT INTO layer VALUES
    ('ResultTable', 0),
    ('DataSourceResultTable', 1), ('ResultTableOption', 1), ('ResultTableField', 1),
    ('TimeSeriesGroup', 1), ('EventGroup', 1), ('LogGroup', 1),
    ('ResultTableConfig', 1), ('VMStorageBindingConfig', 1),
    ('ESStorageBindingConfig', 1), ('DorisStorageBindingConfig', 1),
    ('BkBaseResultTable', 1), ('DataLink', 1), ('ESStorage', 1), ('KafkaStorage', 1),
    ('DorisStorage', 1), ('StorageClusterRecord', 1),
    ('DataSource', 2), ('ResultTableFieldOption', 2), ('TimeSeriesMetric', 2),
    ('Event', 2), ('DataIdConfig', 2), ('DataBusConfig', 2),
    ('ConditionalSinkConfig', 2), ('ClusterInfo', 2), ('EsSnapshot', 2),
    ('EsSnapshotIndice', 2), ('EsSnapshotRestore', 2), ('ESFieldQueryAliasOption', 2),
    ('KafkaTopicInfo', 3), ('DataSourceOption', 3), ('SpaceDataSource', 3),
    ('PodMonitorInfo', 3), ('ServiceMonitorInfo', 3), ('LogCollectorInfo', 3),
    ('BCSClusterInfo', 3), ('ClusterConfig', 3), ('EsSnapshotRepository', 3),
    ('SpaceRelatedStorageInfo', 3), ('SpaceVMInfo', 3),
    ('Space', 4), ('BcsFederalClusterInfo', 4),
    ('SpaceType', 5), ('SpaceResource', 5), ('BkAppSpaceRecord', 5);
INSERT INTO f_resulttable SELECT * FROM metadata_resulttable
 WHERE table_id::text = :'value'
\if :with_tenant
   AND bk_tenant_id = :'tenant'
\endif
;
-- layer 1, from ResultTable
INSERT INTO f_datasourceresulttable SELECT l.* FROM metadata_datasourceresulttable l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :r04);
INSERT INTO f_resulttableoption SELECT r.* FROM metadata_resulttableoption r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r05);
INSERT INTO f_resulttablefield SELECT r.* FROM metadata_resulttablefield r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r06);
INSERT INTO f_timeseriesgroup SELECT r.* FROM metadata_timeseriesgroup r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r08);
INSERT INTO f_eventgroup SELECT r.* FROM metadata_eventgroup r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r09);
INSERT INTO f_loggroup SELECT r.* FROM metadata_loggroup r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r10);
INSERT INTO f_resulttableconfig SELECT l.* FROM metadata_vmresulttableconfig l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :r27);
INSERT INTO f_vmstoragebindingconfig SELECT l.* FROM metadata_vmstoragebindingconfig l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :r28);
INSERT INTO f_esstoragebindingconfig SELECT l.* FROM metadata_esstoragebindingconfig l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :r29);
INSERT INTO f_dorisstoragebindingconfig SELECT l.* FROM metadata_dorisstoragebindingconfig l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :r30);
INSERT INTO f_bkbaseresulttable SELECT l.* FROM metadata_bkbaseresulttable l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :r32);
INSERT INTO f_datalink SELECT l.* FROM metadata_datalink l
 WHERE EXISTS (SELECT 1 FROM f_resulttable r WHERE :rlink);
INSERT INTO f_esstorage SELECT r.* FROM metadata_esstorage r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r35);
INSERT INTO f_kafkastorage SELECT r.* FROM metadata_kafkastorage r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r36);
INSERT INTO f_dorisstorage SELECT r.* FROM metadata_dorisstorage r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r37);
INSERT INTO f_storageclusterrecord SELECT r.* FROM metadata_storageclusterrecord r
 WHERE EXISTS (SELECT 1 FROM f_resulttable l WHERE :r38);
-- layer 2
INSERT INTO f_datasource SELECT x.* FROM metadata_datasource x
 WHERE EXISTS (SELECT 1 FROM (SELECT x.*) l, f_datasourceresulttable r WHERE :r03)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_timeseriesgroup r WHERE :r11)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_eventgroup r WHERE :r12)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_loggroup r WHERE :r13);
INSERT INTO f_resulttablefieldoption SELECT r.* FROM metadata_resulttablefieldoption r
 WHERE EXISTS (SELECT 1 FROM f_resulttablefield l WHERE :r07);
INSERT INTO f_timeseriesmetric SELECT r.* FROM metadata_timeseriesmetric r
 WHERE EXISTS (SELECT 1 FROM f_timeseriesgroup l WHERE :r14);
INSERT INTO f_event SELECT r.* FROM metadata_event r
 WHERE EXISTS (SELECT 1 FROM f_eventgroup l WHERE :r15);
INSERT INTO f_dataidconfig SELECT r.* FROM metadata_dataidconfig r
 WHERE EXISTS (SELECT 1 FROM f_datalink l WHERE :r18);
INSERT INTO f_databusconfig SELECT r.* FROM metadata_databusconfig r
 WHERE EXISTS (SELECT 1 FROM f_datalink l WHERE :r20);
INSERT INTO f_conditionalsinkconfig SELECT r.* FROM metadata_conditionalsinkconfig r
 WHERE EXISTS (SELECT 1 FROM f_datalink l WHERE :r24);
INSERT INTO f_clusterinfo SELECT r.* FROM metadata_clusterinfo r
 WHERE EXISTS (SELECT 1 FROM f_bkbaseresulttable l WHERE :r33)
    OR EXISTS (SELECT 1 FROM f_esstorage l WHERE :r39)
    OR EXISTS (SELECT 1 FROM f_kafkastorage l WHERE :r40)
    OR EXISTS (SELECT 1 FROM f_dorisstorage l WHERE :r41)
    OR EXISTS (SELECT 1 FROM f_storageclusterrecord l WHERE :r42);
INSERT INTO f_essnapshot SELECT l.* FROM metadata_essnapshot l
 WHERE EXISTS (SELECT 1 FROM f_esstorage r WHERE :r43);
INSERT INTO f_essnapshotindice SELECT l.* FROM metadata_essnapshotindice l
 WHERE EXISTS (SELECT 1 FROM f_esstorage r WHERE :r48);
INSERT INTO f_essnapshotrestore SELECT l.* FROM metadata_essnapshotrestore l
 WHERE EXISTS (SELECT 1 FROM f_esstorage r WHERE :r49);
INSERT INTO f_esfieldqueryaliasoption SELECT r.* FROM metadata_esfieldqueryaliasoption r
 WHERE EXISTS (SELECT 1 FROM f_esstorage l WHERE :r50);
-- layer 3
INSERT INTO f_kafkatopicinfo SELECT r.* FROM metadata_kafkatopicinfo r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r01);
INSERT INTO f_datasourceoption SELECT r.* FROM metadata_datasourceoption r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r02);
INSERT INTO f_spacedatasource SELECT r.* FROM metadata_spacedatasource r
 WHERE EXISTS (SELECT 1 FROM f_datasource l WHERE :r16);
INSERT INTO f_podmonitorinfo SELECT l.* FROM metadata_podmonitorinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r54);
INSERT INTO f_servicemonitorinfo SELECT l.* FROM metadata_servicemonitorinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r55);
INSERT INTO f_logcollectorinfo SELECT l.* FROM metadata_logcollectorinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r56);
INSERT INTO f_bcsclusterinfo SELECT l.* FROM metadata_bcsclusterinfo l
 WHERE EXISTS (SELECT 1 FROM f_datasource r WHERE :r57);
INSERT INTO f_clusterconfig SELECT l.* FROM metadata_clusterconfig l
 WHERE EXISTS (SELECT 1 FROM f_clusterinfo r WHERE :r34);
INSERT INTO f_essnapshotrepository SELECT l.* FROM metadata_essnapshotrepository l
 WHERE EXISTS (SELECT 1 FROM f_essnapshot r WHERE :r44)
    OR EXISTS (SELECT 1 FROM f_essnapshotindice r WHERE :r46)
    OR EXISTS (SELECT 1 FROM f_clusterinfo r WHERE :r47);
INSERT INTO f_spacerelatedstorageinfo SELECT l.* FROM metadata_spacerelatedstorageinfo l
 WHERE EXISTS (SELECT 1 FROM f_clusterinfo r WHERE :r64);
INSERT INTO f_spacevminfo SELECT l.* FROM metadata_spacevminfo l
 WHERE EXISTS (SELECT 1 FROM f_clusterinfo r WHERE :r65);
-- layer 4
INSERT INTO f_space SELECT x.* FROM metadata_space x
 WHERE EXISTS (SELECT 1 FROM (SELECT x.*) l, f_spacedatasource r WHERE :r17)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_spacerelatedstorageinfo r WHERE :r63)
    OR EXISTS (SELECT 1 FROM (SELECT x.*) l, f_spacevminfo r WHERE :r62);
INSERT INTO f_bcsfederalclusterinfo SELECT l.* FROM metadata_bcsfederalclusterinfo l
 WHERE EXISTS (SELECT 1 FROM f_bcsclusterinfo r WHERE :r58);
-- layer 5
INSERT INTO f_spacetype SELECT l.* FROM metadata_spacetype l
 WHERE EXISTS (SELECT 1 FROM f_space r WHERE :r59);
INSERT INTO f_spaceresource SELECT r.* FROM metadata_spaceresource r
 WHERE EXISTS (SELECT 1 FROM f_space l WHERE :r60);
INSERT INTO f_bkappspacerecord SELECT l.* FROM metadata_bkappspacerecord l
 WHERE EXISTS (SELECT 1 FROM f_space r WHERE :r66);
\else
\warn 'instance-expect.sql: -v root=data-id or -v root=table-id'
SELECT 1/0;
\endif

-- ---------------------------------------------------------------------
-- Nodes: every fetched row.  "N id" lines, then "L Entity layer" for
-- each entity type with rows.
-- ---------------------------------------------------------------------
CREATE TEMP TABLE nodes AS SELECT nid FROM (
              SELECT nid FROM f_datasource
    UNION ALL SELECT nid FROM f_kafkatopicinfo
    UNION ALL SELECT nid FROM f_datasourceoption
    UNION ALL SELECT nid FROM f_datasourceresulttable
    UNION ALL SELECT nid FROM f_resulttable
    UNION ALL SELECT nid FROM f_resulttableoption
    UNION ALL SELECT nid FROM f_resulttablefield
    UNION ALL SELECT nid FROM f_resulttablefieldoption
    UNION ALL SELECT nid FROM f_timeseriesgroup
    UNION ALL SELECT nid FROM f_timeseriesmetric
    UNION ALL SELECT nid FROM f_eventgroup
    UNION ALL SELECT nid FROM f_event
    UNION ALL SELECT nid FROM f_loggroup
    UNION ALL SELECT nid FROM f_spacedatasource
    UNION ALL SELECT nid FROM f_space
    UNION ALL SELECT nid FROM f_datalink
    UNION ALL SELECT nid FROM f_dataidconfig
    UNION ALL SELECT nid FROM f_resulttableconfig
    UNION ALL SELECT nid FROM f_databusconfig
    UNION ALL SELECT nid FROM f_vmstoragebindingconfig
    UNION ALL SELECT nid FROM f_esstoragebindingconfig
    UNION ALL SELECT nid FROM f_dorisstoragebindingconfig
    UNION ALL SELECT nid FROM f_conditionalsinkconfig
    UNION ALL SELECT nid FROM f_bkbaseresulttable
    UNION ALL SELECT nid FROM f_clusterconfig
    UNION ALL SELECT nid FROM f_clusterinfo
    UNION ALL SELECT nid FROM f_esstorage
    UNION ALL SELECT nid FROM f_kafkastorage
    UNION ALL SELECT nid FROM f_dorisstorage
    UNION ALL SELECT nid FROM f_storageclusterrecord
    UNION ALL SELECT nid FROM f_essnapshot
    UNION ALL SELECT nid FROM f_essnapshotrepository
    UNION ALL SELECT nid FROM f_essnapshotindice
    UNION ALL SELECT nid FROM f_essnapshotrestore
    UNION ALL SELECT nid FROM f_esfieldqueryaliasoption
    UNION ALL SELECT nid FROM f_bcsclusterinfo
    UNION ALL SELECT nid FROM f_podmonitorinfo
    UNION ALL SELECT nid FROM f_servicemonitorinfo
    UNION ALL SELECT nid FROM f_logcollectorinfo
    UNION ALL SELECT nid FROM f_bcsfederalclusterinfo
    UNION ALL SELECT nid FROM f_spacetype
    UNION ALL SELECT nid FROM f_spaceresource
    UNION ALL SELECT nid FROM f_spacevminfo
    UNION ALL SELECT nid FROM f_spacerelatedstorageinfo
    UNION ALL SELECT nid FROM f_bkappspacerecord
) AS n;
SELECT 'N ' || nid FROM nodes ORDER BY nid COLLATE "C";
SELECT 'L ' || entity || ' ' || k FROM layer
 WHERE entity IN (SELECT split_part(nid, ':', 1) FROM nodes)
 ORDER BY (entity || ' ' || k) COLLATE "C";

-- ---------------------------------------------------------------------
-- Edges: every relation, whatever the layers, between fetched rows.
-- ---------------------------------------------------------------------
SELECT 'E ' || e FROM (
    -- main
              SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_kafkatopicinfo r ON :r01
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_datasourceoption r ON :r02
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_datasourceresulttable r ON :r03
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_datasourceresulttable l JOIN f_resulttable r ON :r04
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_resulttableoption r ON :r05
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_resulttablefield r ON :r06
    UNION ALL SELECT l.nid || ' table_id+field_name ' || r.nid FROM f_resulttablefield l JOIN f_resulttablefieldoption r ON :r07
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_timeseriesgroup r ON :r08
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_eventgroup r ON :r09
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_loggroup r ON :r10
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_timeseriesgroup r ON :r11
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_eventgroup r ON :r12
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_loggroup r ON :r13
    UNION ALL SELECT l.nid || ' group_id ' || r.nid FROM f_timeseriesgroup l JOIN f_timeseriesmetric r ON :r14
    UNION ALL SELECT l.nid || ' event_group_id ' || r.nid FROM f_eventgroup l JOIN f_event r ON :r15
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_datasource l JOIN f_spacedatasource r ON :r16
    UNION ALL SELECT l.nid || ' space_type_id+space_id ' || r.nid FROM f_space l JOIN f_spacedatasource r ON :r17
    -- datalink
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_dataidconfig r ON :r18
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_resulttableconfig r ON :r19
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_databusconfig r ON :r20
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_vmstoragebindingconfig r ON :r21
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_esstoragebindingconfig r ON :r22
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_dorisstoragebindingconfig r ON :r23
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_datalink l JOIN f_conditionalsinkconfig r ON :r24
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_dataidconfig l JOIN f_datasource r ON :r25
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_databusconfig l JOIN f_datasource r ON :r26
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttableconfig l JOIN f_resulttable r ON :r27
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_vmstoragebindingconfig l JOIN f_resulttable r ON :r28
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_esstoragebindingconfig l JOIN f_resulttable r ON :r29
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_dorisstoragebindingconfig l JOIN f_resulttable r ON :r30
    UNION ALL SELECT l.nid || ' data_link_name ' || r.nid FROM f_bkbaseresulttable l JOIN f_datalink r ON :r31
    UNION ALL SELECT l.nid || ' monitor_table_id ' || r.nid FROM f_bkbaseresulttable l JOIN f_resulttable r ON :r32
    UNION ALL SELECT l.nid || ' storage_cluster_id ' || r.nid FROM f_bkbaseresulttable l JOIN f_clusterinfo r ON :r33
    UNION ALL SELECT l.nid || ' table_ids ' || r.nid FROM f_datalink l JOIN f_resulttable r ON :rlink
    UNION ALL SELECT l.nid || ' kind+name ' || r.nid FROM f_clusterconfig l JOIN f_clusterinfo r ON :r34
    -- storage
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_esstorage r ON :r35
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_kafkastorage r ON :r36
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_dorisstorage r ON :r37
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_resulttable l JOIN f_storageclusterrecord r ON :r38
    UNION ALL SELECT l.nid || ' storage_cluster_id ' || r.nid FROM f_esstorage l JOIN f_clusterinfo r ON :r39
    UNION ALL SELECT l.nid || ' storage_cluster_id ' || r.nid FROM f_kafkastorage l JOIN f_clusterinfo r ON :r40
    UNION ALL SELECT l.nid || ' storage_cluster_id ' || r.nid FROM f_dorisstorage l JOIN f_clusterinfo r ON :r41
    UNION ALL SELECT l.nid || ' cluster_id ' || r.nid FROM f_storageclusterrecord l JOIN f_clusterinfo r ON :r42
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_essnapshot l JOIN f_esstorage r ON :r43
    UNION ALL SELECT l.nid || ' repository_name ' || r.nid FROM f_essnapshotrepository l JOIN f_essnapshot r ON :r44
    UNION ALL SELECT l.nid || ' table_id+snapshot_name ' || r.nid FROM f_essnapshot l JOIN f_essnapshotindice r ON :r45
    UNION ALL SELECT l.nid || ' repository_name ' || r.nid FROM f_essnapshotrepository l JOIN f_essnapshotindice r ON :r46
    UNION ALL SELECT l.nid || ' cluster_id ' || r.nid FROM f_essnapshotrepository l JOIN f_clusterinfo r ON :r47
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_essnapshotindice l JOIN f_esstorage r ON :r48
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_essnapshotrestore l JOIN f_esstorage r ON :r49
    UNION ALL SELECT l.nid || ' table_id ' || r.nid FROM f_esstorage l JOIN f_esfieldqueryaliasoption r ON :r50
    -- bcs
    UNION ALL SELECT l.nid || ' cluster_id ' || r.nid FROM f_bcsclusterinfo l JOIN f_podmonitorinfo r ON :r51
    UNION ALL SELECT l.nid || ' cluster_id ' || r.nid FROM f_bcsclusterinfo l JOIN f_servicemonitorinfo r ON :r52
    UNION ALL SELECT l.nid || ' cluster_id ' || r.nid FROM f_bcsclusterinfo l JOIN f_logcollectorinfo r ON :r53
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_podmonitorinfo l JOIN f_datasource r ON :r54
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_servicemonitorinfo l JOIN f_datasource r ON :r55
    UNION ALL SELECT l.nid || ' bk_data_id ' || r.nid FROM f_logcollectorinfo l JOIN f_datasource r ON :r56
    UNION ALL SELECT l.nid || ' K8sMetricDataID/CustomMetricDataID/K8sEventDataID/CustomEventDataID ' || r.nid FROM f_bcsclusterinfo l JOIN f_datasource r ON :r57
    UNION ALL SELECT l.nid || ' host_cluster_id/sub_cluster_id/fed_cluster_id ' || r.nid FROM f_bcsfederalclusterinfo l JOIN f_bcsclusterinfo r ON :r58
    -- space
    UNION ALL SELECT l.nid || ' space_type_id ' || r.nid FROM f_spacetype l JOIN f_space r ON :r59
    UNION ALL SELECT l.nid || ' space_type_id+space_id ' || r.nid FROM f_space l JOIN f_spaceresource r ON :r60
    UNION ALL SELECT l.nid || ' space_type_id+space_id ' || r.nid FROM f_space l JOIN f_spacevminfo r ON :r62
    UNION ALL SELECT l.nid || ' space_type_id+space_id ' || r.nid FROM f_space l JOIN f_spacerelatedstorageinfo r ON :r63
    UNION ALL SELECT l.nid || ' cluster_id ' || r.nid FROM f_spacerelatedstorageinfo l JOIN f_clusterinfo r ON :r64
    UNION ALL SELECT l.nid || ' vm_cluster_id ' || r.nid FROM f_spacevminfo l JOIN f_clusterinfo r ON :r65
    UNION ALL SELECT l.nid || ' space_uid ' || r.nid FROM f_bkappspacerecord l JOIN f_space r ON :r66
) AS x(e)
ORDER BY e COLLATE "C";
