-- bench/floor.sql -- the SQL floor of an uncapped instance diagram of data
-- id 9000001 on bench/bigdb.sql: the lookups mdgraph makes, layer by layer,
-- each joining the layer before it in SQL.  PostgreSQL spelling; instance.sh
-- turns the double quotes into backticks for the mariadb client.
SELECT * FROM metadata_datasource WHERE bk_data_id = 9000001;
SELECT * FROM metadata_kafkatopicinfo WHERE bk_data_id = 9000001;
SELECT * FROM metadata_datasourceoption WHERE bk_data_id = 9000001;
SELECT * FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001;
SELECT * FROM metadata_timeseriesgroup WHERE bk_data_id = 9000001;
SELECT * FROM metadata_eventgroup WHERE bk_data_id = 9000001;
SELECT * FROM metadata_loggroup WHERE bk_data_id = 9000001;
SELECT * FROM metadata_spacedatasource WHERE bk_data_id = 9000001;
SELECT * FROM metadata_dataidconfig WHERE bk_data_id = 9000001;
SELECT * FROM metadata_databusconfig WHERE bk_data_id = 9000001;
SELECT * FROM metadata_podmonitorinfo WHERE bk_data_id = 9000001;
SELECT * FROM metadata_servicemonitorinfo WHERE bk_data_id = 9000001;
SELECT * FROM metadata_logcollectorinfo WHERE bk_data_id = 9000001;
SELECT * FROM metadata_bcsclusterinfo WHERE "K8sMetricDataID" = 9000001
  OR "CustomMetricDataID" = 9000001 OR "K8sEventDataID" = 9000001
  OR "CustomEventDataID" = 9000001;
SELECT * FROM metadata_resulttable WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_timeseriesmetric WHERE group_id IN (SELECT
  time_series_group_id FROM metadata_timeseriesgroup WHERE bk_data_id = 9000001);
SELECT * FROM metadata_space WHERE (space_type_id, space_id) IN (SELECT
  space_type_id, space_id FROM metadata_spacedatasource WHERE bk_data_id = 9000001);
SELECT * FROM metadata_resulttableoption WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_resulttablefield WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_vmresulttableconfig WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_bkbaseresulttable WHERE monitor_table_id IN (SELECT
  table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_esstorage WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_kafkastorage WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_dorisstorage WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_storageclusterrecord WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
SELECT * FROM metadata_spacetype WHERE type_id IN (SELECT space_type_id
  FROM metadata_spacedatasource WHERE bk_data_id = 9000001);
SELECT * FROM metadata_spaceresource WHERE (space_type_id, space_id) IN (SELECT
  space_type_id, space_id FROM metadata_spacedatasource WHERE bk_data_id = 9000001);
SELECT * FROM metadata_spacevminfo WHERE (space_type, space_id) IN (SELECT
  space_type_id, space_id FROM metadata_spacedatasource WHERE bk_data_id = 9000001);
SELECT * FROM metadata_spacerelatedstorageinfo WHERE (space_type_id, space_id) IN
  (SELECT space_type_id, space_id FROM metadata_spacedatasource WHERE bk_data_id = 9000001);
SELECT * FROM metadata_bkappspacerecord WHERE space_uid IN (SELECT
  CONCAT(space_type_id, '__', space_id) FROM metadata_spacedatasource WHERE bk_data_id = 9000001);
SELECT * FROM metadata_resulttablefieldoption WHERE (table_id, field_name) IN
  (SELECT table_id, field_name FROM metadata_resulttablefield WHERE table_id IN
  (SELECT table_id FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001));
SELECT * FROM metadata_timeseriesgroup WHERE table_id IN (SELECT table_id
  FROM metadata_datasourceresulttable WHERE bk_data_id = 9000001);
