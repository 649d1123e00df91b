#!/bin/sh
# The fixtures in both dialects: every PostgreSQL fixture file, converted by
# tests/fixtures/to-mysql, loads into MariaDB without a warning, and the two
# copies cannot drift: the same tables, columns in the same order, primary and
# unique keys, row counts, rows (NULLs, booleans, JSON spacing, timestamps
# normalised), nullability, defaults and comments.  Also the shapes Django
# 4.2's MySQL backend gives bk-monitor's models.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"
. "$top_srcdir/tests/my-live-setup.sh"

# Timestamps at or after this are the loads' now() defaults.
t0=$(date -u '+%Y-%m-%d %H:%M:%S')

# name: the files (the same on both sides)
set -- fx "schema.sql data.sql unclassified.sql" \
	old "schema-old.sql data-old.sql" \
	hx "schema.sql data.sql unclassified.sql hostile.sql"
while [ $# -gt 0 ]; do
	db=$1 files=
	for f in $2; do files="$files $fixtures/$f"; done
	# shellcheck disable=SC2086
	live_db "$db" $files >/dev/null
	# shellcheck disable=SC2086
	my_live_db "$db" $files
	ok "MariaDB $db ($2): converted and loaded, no warning"
	shift 2
done

# pgq DB SQL / myq DB SQL: one JSON value per line.
pgq() { pg_psql -d "$1" -At -c "$2"; }
pgx() { printf '%s\n\\gexec\n' "$2" | pg_psql -d "$1" -At -f -; }
myq() { my_sql --raw --skip-column-names --database="$1" -e "$2"; }
myx() { myq "$1" "$2" | my_sql --raw --skip-column-names --database="$1"; }
# norm: canonical JSON lines, sorted bytewise.
norm() { jq -c -S . | LC_ALL=C sort; }

PG_TABLES="FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
MY_TABLES="FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"

for db in fx old hx; do
	# --- structure
	pgq $db "SELECT to_json(table_name::text) $PG_TABLES" | norm >"$work/pg.t"
	myq $db "SELECT JSON_QUOTE(table_name) $MY_TABLES" | norm >"$work/my.t"
	same "$db: the same tables ($(wc -l <"$work/pg.t"))" "$work/pg.t" "$work/my.t"

	pgq $db "SELECT json_build_array(table_name, json_agg(column_name::text ORDER BY ordinal_position))
	    FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name" | norm >"$work/pg.c"
	myq $db "SELECT JSON_ARRAY(table_name, JSON_ARRAYAGG(column_name ORDER BY ordinal_position))
	    FROM information_schema.columns WHERE table_schema = DATABASE() GROUP BY table_name" | norm >"$work/my.c"
	same "$db: the same columns, in the same order" "$work/pg.c" "$work/my.c"

	pgq $db "SELECT json_build_array(tc.table_name, tc.constraint_type,
	        json_agg(k.column_name::text ORDER BY k.ordinal_position))
	    FROM information_schema.table_constraints tc
	    JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name, table_name)
	    WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE')
	    GROUP BY tc.table_name, tc.constraint_type, tc.constraint_name" | norm >"$work/pg.k"
	myq $db "SELECT JSON_ARRAY(table_name, IF(index_name = 'PRIMARY', 'PRIMARY KEY', 'UNIQUE'),
	        JSON_ARRAYAGG(column_name ORDER BY seq_in_index))
	    FROM information_schema.statistics WHERE table_schema = DATABASE() AND non_unique = 0
	    GROUP BY table_name, index_name" | norm >"$work/my.k"
	same "$db: the same primary and unique keys ($(wc -l <"$work/pg.k"))" "$work/pg.k" "$work/my.k"

	pgq $db "SELECT json_build_array(c.table_name, c.column_name, c.is_nullable)
	    FROM information_schema.columns c WHERE c.table_schema = 'public'" | norm >"$work/pg.n"
	myq $db "SELECT JSON_ARRAY(table_name, column_name, is_nullable)
	    FROM information_schema.columns WHERE table_schema = DATABASE()" | norm >"$work/my.n"
	same "$db: the same nullability" "$work/pg.n" "$work/my.n"

	# Defaults, as each server reports them, brought to one spelling.
	pgq $db "SELECT json_build_array(table_name, column_name, column_default)
	    FROM information_schema.columns WHERE table_schema = 'public'" |
	    jq -c '.[2] |= (if . == null or test("^nextval\\(") then null
	        else sub("::[a-z ]+(\\[\\])?$"; "") | sub("^now\\(\\)$"; "current_timestamp(6)")
	            | sub("^true$"; "1") | sub("^false$"; "0") | sub("^\u0027(?<n>-?[0-9.]+)\u0027$"; "\(.n)")
	            | sub("^gen_random_uuid\\(\\)$"; "uuid") end)' | norm >"$work/pg.d"
	myq $db "SELECT JSON_ARRAY(table_name, column_name, column_default)
	    FROM information_schema.columns WHERE table_schema = DATABASE()" |
	    jq -c '.[2] |= (if . == null or . == "NULL" then null
	        else sub("^replace\\(uuid\\(\\),\u0027-\u0027,\u0027\u0027\\)$"; "uuid") end)' | norm >"$work/my.d"
	same "$db: the same defaults" "$work/pg.d" "$work/my.d"

	# Comments: MariaDB keeps them in utf8mb3, so to-mysql writes their 4-byte
	# characters as "?"; so does this side.
	pgq $db "SELECT json_build_array(c.relname, NULL, d.description) FROM pg_description d
	    JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
	    WHERE c.relnamespace = 'public'::regnamespace
	    UNION ALL
	    SELECT json_build_array(c.relname, a.attname, d.description) FROM pg_description d
	    JOIN pg_class c ON c.oid = d.objoid AND d.classoid = 'pg_class'::regclass
	    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
	    WHERE c.relnamespace = 'public'::regnamespace AND d.objsubid > 0" | jq -c '.[2] |= gsub("[\\x{10000}-\\x{10FFFF}]"; "?")' | norm >"$work/pg.m"
	myq $db "SELECT JSON_ARRAY(table_name, NULL, table_comment) $MY_TABLES AND table_comment <> ''
	    UNION ALL SELECT JSON_ARRAY(table_name, column_name, column_comment) FROM information_schema.columns
	    WHERE table_schema = DATABASE() AND column_comment <> ''" | norm >"$work/my.m"
	same "$db: the same table and column comments ($(wc -l <"$work/pg.m"))" "$work/pg.m" "$work/my.m"

	# --- data
	pgx $db "SELECT format('SELECT json_build_array(%L::text, count(*)) FROM %I', table_name, table_name) $PG_TABLES" | norm >"$work/pg.r"
	myx $db "SELECT CONCAT('SELECT JSON_ARRAY(', QUOTE(table_name), ', COUNT(*)) FROM \`',
	    REPLACE(table_name, '\`', '\`\`'), '\`;') $MY_TABLES" | norm >"$work/my.r"
	same "$db: the same row counts ($(jq -s 'map(.[1]) | add' "$work/pg.r") rows)" "$work/pg.r" "$work/my.r"

	# Per table: primary key columns, timestamp columns and utf8_bin columns
	# (from PostgreSQL, the source of truth, and to-mysql's one list).
	sh "$to_mysql" --utf8-bin-columns | jq -R . | jq -s . >"$work/bin.json"
	pgq $db "SELECT json_object_agg(t.table_name, json_build_object(
	        'pk', (SELECT json_agg(k.column_name::text ORDER BY k.ordinal_position)
	               FROM information_schema.table_constraints tc
	               JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name, table_name)
	               WHERE tc.table_schema = 'public' AND tc.table_name = t.table_name
	                 AND tc.constraint_type = 'PRIMARY KEY'),
	        'ts', (SELECT json_agg(c.column_name::text) FROM information_schema.columns c
	               WHERE c.table_schema = 'public' AND c.table_name = t.table_name
	                 AND c.data_type LIKE 'timestamp%')))
	    FROM information_schema.tables t WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'" >"$work/types.json"
	# [table, [primary key values], row]: booleans as 0/1, the loads' now()
	# as "<now>", other timestamps as UTC "YYYY-MM-DD HH:MM:SS", 4-byte
	# characters of utf8_bin columns as "?" (what MySQL can store there),
	# PostgreSQL's uuid text without its hyphens (Django's char(32)).
	rows() {
		jq -c -S --slurpfile types "$work/types.json" --slurpfile bin "$work/bin.json" --arg now "$t0" '
		    .[0] as $t | ($types[0][$t] // {}) as $ty | ($ty.ts // []) as $ts |
		    (.[1] | with_entries(.key as $c | .value |=
		        (if type == "boolean" then (if . then 1 else 0 end)
		         elif type == "string" and ($ts | index([$c])) then
		             (.[0:19] | sub("T"; " ") | if . >= $now then "<now>" else . end)
		         elif type == "string" and ($bin[0] | index([$t + "." + $c])) then
		             gsub("[\\x{10000}-\\x{10FFFF}]"; "?")
		         elif type == "string" and test("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$") then
		             gsub("-"; "")
		         else . end))) as $row |
		    [$t, [($ty.pk // [])[] as $k | $row[$k]], $row]' | LC_ALL=C sort
	}
	pgx $db "SELECT format('SELECT json_build_array(%L::text, to_jsonb(t)) FROM %I AS t', table_name, table_name) $PG_TABLES" | rows >"$work/pg.rows"
	myx $db "SELECT CONCAT('SELECT JSON_ARRAY(', QUOTE(c.table_name), ', JSON_OBJECT(',
	        GROUP_CONCAT(CONCAT(QUOTE(c.column_name), ', \`', REPLACE(c.column_name, '\`', '\`\`'), '\`')
	                     ORDER BY c.ordinal_position SEPARATOR ', '),
	        ')) FROM \`', REPLACE(c.table_name, '\`', '\`\`'), '\`;')
	    FROM information_schema.columns c WHERE c.table_schema = DATABASE() GROUP BY c.table_name" | rows >"$work/my.rows"
	same "$db: the same data, row by row" "$work/pg.rows" "$work/my.rows"
done

# The converted files set what they depend on: the same rows under a server
# whose defaults are all different (Oracle mode, ANSI quotes, UTC+8, latin1).
cp "$work/my.rows" "$work/my.rows.hx"
my_sql -e "SET GLOBAL sql_mode = 'ORACLE,ANSI_QUOTES,NO_AUTO_VALUE_ON_ZERO', GLOBAL time_zone = '+08:00',
    GLOBAL character_set_client = latin1, GLOBAL collation_connection = latin1_swedish_ci"
my_live_db hx2 "$fixtures/schema.sql" "$fixtures/data.sql" "$fixtures/unclassified.sql" "$fixtures/hostile.sql"
my_sql -e "SET GLOBAL sql_mode = DEFAULT, GLOBAL time_zone = '+00:00',
    GLOBAL character_set_client = DEFAULT, GLOBAL collation_connection = DEFAULT"
myx hx2 "SELECT CONCAT('SELECT JSON_ARRAY(', QUOTE(c.table_name), ', JSON_OBJECT(',
        GROUP_CONCAT(CONCAT(QUOTE(c.column_name), ', \`', REPLACE(c.column_name, '\`', '\`\`'), '\`')
                     ORDER BY c.ordinal_position SEPARATOR ', '),
        ')) FROM \`', REPLACE(c.table_name, '\`', '\`\`'), '\`;')
    FROM information_schema.columns c WHERE c.table_schema = DATABASE() GROUP BY c.table_name" | rows >"$work/my.rows.hx2"
same "loading does not depend on the server's sql_mode, time zone or client charset" "$work/my.rows.hx" "$work/my.rows.hx2"

# The normalisation above is not vacuous: explicit timestamps are compared.
is "explicit timestamps compared in UTC (StorageClusterRecord enable_time)" \
    '"2024-05-31 16:00:00"' \
    "$(jq -c 'select(.[0] == "metadata_storageclusterrecord" and .[2].cluster_id == 6) | .[2].enable_time' "$work/my.rows")"

# --- the shapes Django 4.2's MySQL backend gives these models
col() { # DB TABLE COLUMN EXPR: a column attribute from MariaDB
	myq "$1" "SELECT $4 FROM information_schema.columns WHERE table_schema = DATABASE()
	    AND table_name = '$2' AND column_name = '$3'"
}
is "AutoField: DataSource.bk_data_id int NOT NULL AUTO_INCREMENT, the primary key" "int(11) NO auto_increment PRI" \
    "$(col fx metadata_datasource bk_data_id "CONCAT_WS(' ', column_type, is_nullable, extra, column_key)")"
is "BigAutoField: ResultTable.id bigint AUTO_INCREMENT" "bigint(20) auto_increment" \
    "$(col fx metadata_resulttable id "CONCAT_WS(' ', column_type, extra)")"
is "TextField: DataSource.data_description longtext" "longtext" \
    "$(col fx metadata_datasource data_description column_type)"
is "JsonField (a TextField): ResultTableOption.value longtext, no JSON check" "longtext 0" \
    "$(col fx metadata_resulttableoption value "CONCAT_WS(' ', column_type, (SELECT COUNT(*) FROM information_schema.check_constraints k
        WHERE k.constraint_schema = DATABASE() AND k.table_name = 'metadata_resulttableoption'))")"
is "JSONField: DataLink.table_ids json (MariaDB: longtext CHECK json_valid)" 'longtext json_valid(`table_ids`)' \
    "$(myq fx "SELECT CONCAT_WS(' ', c.column_type, k.check_clause) FROM information_schema.columns c
        JOIN information_schema.check_constraints k ON k.constraint_schema = c.table_schema
         AND k.table_name = c.table_name AND k.constraint_name = c.column_name
        WHERE c.table_schema = DATABASE() AND c.table_name = 'metadata_datalink' AND c.column_name = 'table_ids'")"
is "BooleanField: bool (tinyint(1)); FloatField: double" "tinyint(1) double" \
    "$(col fx metadata_datasource is_enable column_type) $(col fx metadata_influxdbhostinfo backup_rate_limit column_type)"
is "mixed-case column kept: BCSClusterInfo.K8sMetricDataID" "K8sMetricDataID int(11)" \
    "$(myq fx "SELECT CONCAT_WS(' ', column_name, column_type) FROM information_schema.columns WHERE table_schema = DATABASE()
        AND table_name = 'metadata_bcsclusterinfo' AND BINARY column_name = 'K8sMetricDataID'")"

# Every column's type, PostgreSQL -> MariaDB (varchar lengths compared apart).
pgq hx "SELECT json_build_array(table_name, column_name, data_type || coalesce('(' || character_maximum_length || ')', '')
        || CASE WHEN column_default LIKE 'nextval(%' THEN ' auto' ELSE '' END)
    FROM information_schema.columns WHERE table_schema = 'public'" >"$work/pg.ty"
myq hx "SELECT JSON_ARRAY(c.table_name, c.column_name, CONCAT(IF(k.constraint_name IS NULL, c.column_type, 'json'),
        IF(c.extra = 'auto_increment', ' auto', '')))
    FROM information_schema.columns c LEFT JOIN information_schema.check_constraints k
      ON k.constraint_schema = c.table_schema AND k.table_name = c.table_name
     AND k.constraint_name = c.column_name AND k.check_clause LIKE 'json_valid(%'
    WHERE c.table_schema = DATABASE()" >"$work/my.ty"
jq -s -r 'group_by(.[0:2]) | map(select(length == 2) | "\(.[0][2]) -> \(.[1][2])") | .[]' \
    "$work/pg.ty" "$work/my.ty" >"$work/pairs"
is "every column has a type on both sides" "$(wc -l <"$work/pg.ty")" "$(wc -l <"$work/pairs")"
is "varchar(n) keeps its length n" 0 \
    "$(grep '^character varying' "$work/pairs" | sed 's/^character varying(\([0-9]*\)) -> varchar(\([0-9]*\))$/\1 \2/' | awk '$1 != $2' | wc -l)"
sed 's/^character varying([0-9]*) -> varchar([0-9]*)$/character varying(n) -> varchar(n)/' \
    "$work/pairs" | LC_ALL=C sort -u >"$work/pairs.u"
cat >"$work/pairs.want" <<'EOF'
bigint -> bigint(20)
bigint auto -> bigint(20) auto
boolean -> tinyint(1)
character varying(n) -> varchar(n)
double precision -> double
integer -> int(11)
integer auto -> int(11) auto
jsonb -> json
text -> longtext
timestamp with time zone -> datetime(6)
uuid -> char(32)
EOF
same "the type mapping, PostgreSQL -> MariaDB (Django 4.2 MySQL)" "$work/pairs.want" "$work/pairs.u"

# Collations: utf8mb3_bin exactly on to-mysql's utf8_bin list, utf8mb4_general_ci
# on every other string column and every table.
myq hx "SELECT CONCAT(c.table_name, '.', c.column_name) FROM information_schema.columns c
    WHERE c.table_schema = DATABASE() AND c.collation_name = 'utf8mb3_bin'" | LC_ALL=C sort >"$work/bin.got"
myq hx "SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns
    WHERE table_schema = DATABASE()" | LC_ALL=C sort >"$work/all.cols"
sh "$to_mysql" --utf8-bin-columns | LC_ALL=C sort | LC_ALL=C comm -12 - "$work/all.cols" >"$work/bin.want"
same "utf8mb3_bin exactly on the utf8_bin columns ($(wc -l <"$work/bin.want") of $(sh "$to_mysql" --utf8-bin-columns | wc -l))" \
    "$work/bin.want" "$work/bin.got"
is "Space.space_name: CHARACTER SET utf8mb3 COLLATE utf8mb3_bin" "utf8mb3 utf8mb3_bin" \
    "$(col fx metadata_space space_name "CONCAT_WS(' ', character_set_name, collation_name)")"
is "every other string column utf8mb4_general_ci" "" \
    "$(myq hx "SELECT CONCAT(c.table_name, '.', c.column_name, ' ', c.collation_name) FROM information_schema.columns c
        LEFT JOIN information_schema.check_constraints k ON k.constraint_schema = c.table_schema
         AND k.table_name = c.table_name AND k.constraint_name = c.column_name
        WHERE c.table_schema = DATABASE() AND c.collation_name IS NOT NULL AND k.constraint_name IS NULL
          AND c.collation_name NOT IN ('utf8mb4_general_ci', 'utf8mb3_bin')")"
is "every table InnoDB, utf8mb4_general_ci" "" \
    "$(myq hx "SELECT table_name $MY_TABLES AND (engine <> 'InnoDB' OR table_collation <> 'utf8mb4_general_ci')")"
is "the one unique key past 3072 bytes is MariaDB's long (HASH) unique: ClusterConfig" \
    "metadata_clusterconfig HASH" \
    "$(myq hx "SELECT DISTINCT CONCAT(table_name, ' ', index_type) FROM information_schema.statistics
        WHERE table_schema = DATABASE() AND index_type <> 'BTREE'")"
is "auto-increment counters where PostgreSQL's sequences are (DataSource, ResultTableField)" \
    "1600101 $(( $(pgq hx "SELECT last_value FROM metadata_resulttablefield_id_seq") + 1 ))" \
    "$(myq hx "SELECT GROUP_CONCAT(auto_increment ORDER BY table_name SEPARATOR ' ') $MY_TABLES
        AND table_name IN ('metadata_datasource', 'metadata_resulttablefield')")"

# --- the converter itself
for a in gawk mawk; do
	command -v $a >/dev/null 2>&1 || continue
	mkdir -p "$work/$a"
	ln -sf "$(command -v $a)" "$work/$a/awk"
	for f in schema data hostile; do
		PATH=$work/$a:$PATH sh "$to_mysql" "$fixtures/$f.sql" >"$work/$a.$f.sql"
		sh "$to_mysql" "$fixtures/$f.sql" >"$work/awk.$f.sql"
		cmp -s "$work/awk.$f.sql" "$work/$a.$f.sql" || echo "$f" >>"$work/$a.diff"
	done
	is "to-mysql: the same output under $a" "" "$(cat "$work/$a.diff" 2>/dev/null)"
done
printf 'CREATE INDEX x ON metadata_space (space_id);\n' >"$work/bad.sql"
run_status sh "$to_mysql" "$work/bad.sql"
is "to-mysql refuses what it does not know: exit 1, one line" \
    "1 to-mysql: bad.sql:1: unsupported statement: CREATE INDEX" "$status $(cat "$work/stderr")"
printf 'CREATE TABLE t (a int4range);\n' >"$work/bad.sql"
run_status sh "$to_mysql" "$work/bad.sql"
is "to-mysql refuses an unknown type" "1 to-mysql: bad.sql:1: unsupported type int4range" "$status $(cat "$work/stderr")"
done_testing
