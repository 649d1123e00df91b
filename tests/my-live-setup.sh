# my-live-setup.sh -- sourced by the MariaDB live tests after setup.sh: a
# throwaway MariaDB, and the PostgreSQL fixtures loaded into it through
# tests/fixtures/to-mysql.  A server that cannot start is a failure, never a
# skip.  (The twin of live-setup.sh; a script may source both.)
#
#   my_live_db NAME PGFILE...  convert each PostgreSQL fixture file, load them
#                              into a new database NAME (any warning of the
#                              server is a failure), ANALYZE TABLE every table
#   my_conn DB                 the mysql:// URI mdgraph takes for DB
. "$top_srcdir/tests/my-env.sh"

fixtures=$top_srcdir/tests/fixtures
to_mysql=$fixtures/to-mysql
MY_ENV_TMPDIR=${MY_ENV_TMPDIR:-/tmp}
if ! my_start >"$work/my-start.log" 2>&1; then
	echo "Bail out! $(grep -m1 . "$work/my-start.log" || echo 'MariaDB did not start')"
	exit 1
fi
cleanup_hooks="${cleanup_hooks:-} my_stop"

my_live_db() {
	_mld_name=$1
	shift
	_mld_files=
	_mld_i=0
	for _mld_f in "$@"; do
		_mld_i=$((_mld_i + 1))
		_mld_out=$work/my-$_mld_name.$_mld_i.$(basename "$_mld_f")
		sh "$to_mysql" "$_mld_f" >"$_mld_out" 2>"$work/to-mysql.log" || {
			echo "Bail out! to-mysql $_mld_f: $(head -3 "$work/to-mysql.log")"
			exit 1
		}
		_mld_files="$_mld_files $_mld_out"
	done
	# shellcheck disable=SC2086
	my_createdb "$_mld_name" $_mld_files >"$work/my-createdb.log" 2>&1 || {
		echo "Bail out! loading $* into MariaDB: $(grep -m3 . "$work/my-createdb.log")"
		exit 1
	}
	if grep -q '^\(Warning\|Note\|Error\) (Code' "$work/my-createdb.log"; then
		echo "Bail out! loading $* into MariaDB: $(grep -m3 '(Code' "$work/my-createdb.log")"
		exit 1
	fi
	# ANALYZE TABLE every table (names may hold any character but NUL).
	my_sql --raw --skip-column-names --database="$_mld_name" -e "
	    SELECT IFNULL(CONCAT('ANALYZE TABLE ', GROUP_CONCAT(CONCAT('\`', REPLACE(table_name, '\`', '\`\`'), '\`')
	                  ORDER BY table_name SEPARATOR ', '), ';'), 'DO 0;')
	      FROM information_schema.tables
	     WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'" |
	    my_sql --database="$_mld_name" >"$work/my-analyze.log" 2>&1 || {
		echo "Bail out! ANALYZE TABLE in $_mld_name: $(grep -m1 . "$work/my-analyze.log")"
		exit 1
	}
}

my_conn() { my_conninfo "$1"; }
