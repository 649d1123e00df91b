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

# lock_fields DB [SECONDS]: hold an exclusive lock on the fields for
# SECONDS (60) from a background session ($locker), so that mdgraph's
# sampling waits on it; returns once the lock is held.
lock_fields() {
	pg_psql -d "$1" -c "BEGIN; LOCK TABLE metadata_resulttablefield IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${2:-60})" \
	    >/dev/null 2>&1 &
	locker=$!
	# Return only once the lock is held: a run started before would not wait.
	i=0
	while [ "$i" -lt 100 ]; do
		n=$(pg_psql -d "$1" -At -c "SELECT count(*) FROM pg_locks
		    WHERE relation = 'metadata_resulttablefield'::regclass
		      AND mode = 'AccessExclusiveLock' AND granted")
		[ "$n" -gt 0 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# lock_fields: the lock on $1 was not taken in 10 s" >&2
}

# conn DB: a libpq connection string for the throwaway server.
conn() { echo "host=$PGHOST port=$PGPORT user=postgres dbname=$1"; }
