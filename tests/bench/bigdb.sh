# bench/bigdb.sh -- sourced by the benches after tests/pg-env.sh and
# tests/my-env.sh, servers started: the benchmark deployment of bigdb.sql.
#
#   bigdb_pg NAME   create database NAME on the PostgreSQL server, the
#                   fixture schema and bigdb.sql's rows (generate_series)
#   bigdb_my NAME   the same rows into a new MariaDB database NAME: the
#                   schema through tests/fixtures/to-mysql, every table
#                   with rows copied from PostgreSQL's NAME (COPY text out,
#                   LOAD DATA in); call bigdb_pg NAME first
#
# Both take minutes; neither is part of make check.
bigdb_pg() {
	pg_createdb "$1" "$top/tests/fixtures/schema.sql" >/dev/null
	pg_psql -q -d "$1" -f "$top/tests/bench/bigdb.sql" >/dev/null
}

bigdb_my() {
	sh "$top/tests/fixtures/to-mysql" "$top/tests/fixtures/schema.sql" \
	    >"$work/schema.my.sql"
	my_createdb "$1" "$work/schema.my.sql" >/dev/null
	for _bt in $(pg_psql -d "$1" -At -c "SELECT relname FROM pg_stat_user_tables
	    WHERE n_live_tup > 0 ORDER BY relname"); do
		# Booleans as 0/1, times as UTC wall clock: what MySQL reads.
		_bsel=$(pg_psql -d "$1" -At -c "SELECT string_agg(CASE
		    WHEN data_type = 'boolean' THEN quote_ident(column_name) || '::int'
		    WHEN data_type LIKE 'timestamp%' THEN
		        'to_char(' || quote_ident(column_name) || ' AT TIME ZONE ''UTC'', ''YYYY-MM-DD HH24:MI:SS.US'')'
		    ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position),
		    string_agg('\`' || column_name || '\`', ', ' ORDER BY ordinal_position)
		    FROM information_schema.columns
		    WHERE table_schema = 'public' AND table_name = '$_bt'")
		pg_psql -d "$1" -c "COPY (SELECT ${_bsel%|*} FROM $_bt) TO STDOUT" \
		    >"$work/$_bt.tsv"
		chmod a+r "$work" "$work/$_bt.tsv"
		my_sql --local-infile=1 --database="$1" -e "SET NAMES utf8mb4;
		    SET sql_mode = 'STRICT_ALL_TABLES';
		    LOAD DATA LOCAL INFILE '$work/$_bt.tsv' INTO TABLE \`$_bt\`
		    CHARACTER SET utf8mb4 (${_bsel#*|});
		    SHOW WARNINGS" >"$work/load.out" || return 1
		if [ -s "$work/load.out" ]; then
			cat "$work/load.out" >&2
			return 1
		fi
		rm -f "$work/$_bt.tsv"
	done
	my_sql --database="$1" -e "ANALYZE TABLE $(pg_psql -d "$1" -At -c "SELECT
	    string_agg('\`' || relname || '\`', ', ') FROM pg_stat_user_tables")" >/dev/null
}
