-- bench/bigdb.sql -- the benchmark deployment, generated on PostgreSQL
-- (load tests/fixtures/schema.sql first).  Deterministic: the same rows on
-- every run, ids included.  bench/bigdb.sh copies it to MariaDB.
--   20,000 data sources (bk_data_id 9000001..9020000), each with a Kafka
--   topic, an option, a time series group and a space;
--   60,000 result tables: bench.rt_1..5000 belong to the hot data id
--   9000001, the other 55,000 to the other data sources (2-3 each);
--   25 fields (1,500,000 in all) and one option per result table.
SET client_min_messages = warning;
INSERT INTO metadata_datasource (bk_data_id, data_name, bk_tenant_id,
    data_description, mq_cluster_id, mq_config_id, etl_config,
    is_custom_source, creator, last_modify_user, create_time, last_modify_time)
SELECT 9000000 + g, 'bench_' || g, 'system', 'bench', 1, g,
    'bk_standard_v2_time_series', true, 'bench', 'bench',
    '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'
  FROM generate_series(1, 20000) g;
INSERT INTO metadata_kafkatopicinfo (id, bk_data_id, topic, partition)
SELECT g, 9000000 + g, '0bkmonitor_' || (9000000 + g) || '0', 1
  FROM generate_series(1, 20000) g;
INSERT INTO metadata_datasourceoption (id, value_type, value, creator,
    create_time, bk_tenant_id, bk_data_id, name)
SELECT g, 'bool', 'true', 'bench', '2024-01-01 00:00:00+00', 'system',
    9000000 + g, 'allow_metrics_missing'
  FROM generate_series(1, 20000) g;
INSERT INTO metadata_resulttable (id, table_id, table_name_zh, bk_tenant_id,
    is_custom_table, schema_type, default_storage, creator, last_modify_user,
    create_time, last_modify_time)
SELECT g, 'bench.rt_' || g, '表 ' || g, 'system', true, 'free', 'influxdb',
    'bench', 'bench', '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'
  FROM generate_series(1, 60000) g;
INSERT INTO metadata_datasourceresulttable (id, bk_data_id, table_id,
    bk_tenant_id, creator, create_time)
SELECT g, CASE WHEN g <= 5000 THEN 9000001
    ELSE 9000002 + (g - 5001) % 19999 END,
    'bench.rt_' || g, 'system', 'bench', '2024-01-01 00:00:00+00'
  FROM generate_series(1, 60000) g;
INSERT INTO metadata_timeseriesgroup (time_series_group_id, bk_data_id,
    bk_biz_id, bk_tenant_id, table_id, creator, last_modify_user,
    time_series_group_name, create_time, last_modify_time)
SELECT g, 9000000 + g, 2, 'system',
    'bench.rt_' || CASE WHEN g = 1 THEN 1 ELSE 5001 + (g - 2) END,
    'bench', 'bench', 'group_' || g,
    '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'
  FROM generate_series(1, 20000) g;
INSERT INTO metadata_spacetype (id, creator, updater, type_id, type_name,
    create_time, update_time)
VALUES (1, 'bench', 'bench', 'bkcc', 'CMDB', '2024-01-01 00:00:00+00',
    '2024-01-01 00:00:00+00');
INSERT INTO metadata_space (id, creator, updater, space_type_id, space_id,
    bk_tenant_id, space_name, create_time, update_time)
VALUES (1, 'bench', 'bench', 'bkcc', '2', 'system', 'bench',
    '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00');
INSERT INTO metadata_spacedatasource (id, creator, updater, space_type_id,
    space_id, bk_tenant_id, bk_data_id, from_authorization, create_time,
    update_time)
SELECT g, 'bench', 'bench', 'bkcc', '2', 'system', 9000000 + g, false,
    '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'
  FROM generate_series(1, 20000) g;
INSERT INTO metadata_resulttableoption (id, value_type, value, creator,
    create_time, bk_tenant_id, table_id, name)
SELECT g, 'string', 'v', 'bench', '2024-01-01 00:00:00+00', 'system',
    'bench.rt_' || g, 'segmented_query_enable'
  FROM generate_series(1, 60000) g;
INSERT INTO metadata_resulttablefield (id, table_id, field_name, field_type,
    bk_tenant_id, tag, is_config_by_user, creator, last_modify_user,
    create_time, last_modify_time)
SELECT (t - 1) * 25 + f, 'bench.rt_' || t, 'f_' || f,
    CASE WHEN f = 1 THEN 'timestamp' ELSE 'float' END, 'system',
    CASE WHEN f = 1 THEN 'timestamp' ELSE 'metric' END, true, 'bench', 'bench',
    '2024-01-01 00:00:00+00', '2024-01-01 00:00:00+00'
  FROM generate_series(1, 60000) t, generate_series(1, 25) f;
-- Settled, as autovacuum leaves a loaded table a minute later: a vacuum
-- started by the inserts would run during the measurements instead.
VACUUM ANALYZE;
