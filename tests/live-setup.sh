# live-setup.sh -- sourced by the live tests after setup.sh: a throwaway
# PostgreSQL with the fixtures loaded.  A server that cannot start is a
# failure, never a skip.
#
#   fx   schema.sql + data.sql + unclassified.sql (today's deployment)
#   old  schema-old.sql + data-old.sql (no DataLink tables, no tenants)
. "$top_srcdir/tests/pg-env.sh"

fixtures=$top_srcdir/tests/fixtures
PG_ENV_TMPDIR=${PG_ENV_TMPDIR:-/tmp}
if ! pg_start >"$work/pg-start.log" 2>&1; then
	echo "Bail out! $(grep -m1 . "$work/pg-start.log" || echo 'PostgreSQL did not start')"
	exit 1
fi
cleanup_hooks="${cleanup_hooks:-} pg_stop"
# The server is named explicitly (conn); a run without --db is offline.
unset PGDATABASE

# live_db NAME FILE...: a database with FILEs loaded and analyzed.
live_db() {
	name=$1
	shift
	pg_createdb "$name" "$@" >"$work/createdb.log" 2>&1 || {
		echo "Bail out! loading $*: $(head -3 "$work/createdb.log")"
		exit 1
	}
	pg_psql -d "$name" -c ANALYZE
}

# conn DB: a libpq connection string for the throwaway server.
conn() { echo "host=$PGHOST port=$PGPORT user=postgres dbname=$1"; }
