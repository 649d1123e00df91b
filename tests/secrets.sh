#!/bin/sh
# No message, hint, --stats line or report holds a password, whatever the
# connection syntax: conninfo password= (plain or quoted), a URI's
# user:password@ (plain or percent-encoded), a URI's ?password=, for
# PostgreSQL and MySQL/MariaDB.  Passwords are shown as password=*** or
# user:***@.  The roles log in with a password (scram-sha-256, MariaDB's
# native password), so each syntax really reaches the server.
. "$top_srcdir/tests/setup.sh"
. "$top_srcdir/tests/live-setup.sh"
. "$top_srcdir/tests/my-live-setup.sh"
cd "$work"

live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
my_live_db fx "$fixtures/schema.sql" "$fixtures/data.sql"
# Every password here holds "Zq7": no output may.
pg_psql -c "CREATE ROLE pwplain LOGIN PASSWORD 'Zq7Kxw9'; CREATE ROLE pwuser LOGIN PASSWORD 'Zq7 Kx''w@9:'; CREATE ROLE pwshort LOGIN PASSWORD 'Zq7'"
pg_psql -d fx -c "GRANT SELECT ON ALL TABLES IN SCHEMA public TO pwplain, pwuser, pwshort"
pg_as_server_user sh -c "{ echo 'local all pwplain scram-sha-256'; echo 'local all pwuser scram-sha-256'; echo 'local all pwshort scram-sha-256'; cat '$PG_ENV_DATA/pg_hba.conf'; } >'$PG_ENV_DATA/hba.new' && mv '$PG_ENV_DATA/hba.new' '$PG_ENV_DATA/pg_hba.conf'"
pg_psql -c "SELECT pg_reload_conf()" >/dev/null
my_sql -e "CREATE USER 'pw'@'localhost' IDENTIFIED BY 'Zq7 Kx@9:'; GRANT SELECT ON fx.* TO 'pw'@'localhost'"
SOCK=$(printf '%s' "$MY_ENV_SOCKET" | sed 's|/|%2F|g')
Q="host=$PGHOST&port=$PGPORT"

# no_secret DESC FILE...: no file holds any piece of a password.
no_secret() {
	ns_desc=$1
	shift
	check "$ns_desc: no password in it" sh -c '! grep -q -e Zq7 -e Kx -e "w@9" -e "%20Kx" "$@"' sh "$@"
}

# stale DESC DB MASKED: a stale document's hint: exit 1, one line, the
# password masked as MASKED, none of it shown.
stale() {
	desc=$1 db=$2 masked=$3
	run_status "$MDGRAPH" doc --db "$db" -o d.md
	is "$desc: the document is written" "0|" "$status|$(cat "$work/stderr")"
	echo stale >>d.md
	run_status "$MDGRAPH" doc --db "$db" -o d.md --check
	is "$desc: stale document: exit 1, one line" "1 1" \
	    "$status $(wc -l <"$work/stderr")"
	check "$desc: the hint masks the password as $masked" \
	    grep -qF -- "$masked" "$work/stderr"
	no_secret "$desc: the hint" "$work/stderr"
}

stale "conninfo" "host=$PGHOST port=$PGPORT user=pwplain password=Zq7Kxw9 dbname=fx" \
    "password=*** dbname=fx"
stale "conninfo, quoted password" \
    "host=$PGHOST port=$PGPORT user=pwuser password='Zq7 Kx\\'w@9:' dbname=fx" \
    "password=*** dbname=fx"
stale "conninfo, spaces around =" \
    "host=$PGHOST port=$PGPORT user=pwplain password = Zq7Kxw9 dbname=fx" \
    "password = *** dbname=fx"
stale "postgresql:// URI" "postgresql://pwplain:Zq7Kxw9@/fx?$Q" \
    "postgresql://pwplain:***@/fx"
# Too short to be masked wherever it occurs: the URI's shape masks it.
stale "postgresql:// URI, a 3-character password" "postgresql://pwshort:Zq7@/fx?$Q" \
    "postgresql://pwshort:***@/fx"
stale "postgresql:// URI, percent-encoded password" \
    "postgresql://pwuser:Zq7%20Kx%27w%409%3A@/fx?$Q" "postgresql://pwuser:***@/fx"
stale "postgresql:// URI, ?password=" "postgresql:///fx?$Q&user=pwplain&password=Zq7Kxw9" \
    "&password=***"
stale "mysql:// URI" "mysql://pw:Zq7%20Kx%409%3A@localhost/fx?socket=$SOCK" \
    "mysql://pw:***@localhost/fx"

# --db=VALUE in one argument.
run_status "$MDGRAPH" doc "--db=host=$PGHOST port=$PGPORT user=pwplain password=Zq7Kxw9 dbname=fx" -o d.md --check
is "--db=VALUE: stale document: exit 1" 1 "$status"
check "--db=VALUE: the hint masks the password" grep -qF -- "password=***" "$work/stderr"
no_secret "--db=VALUE: the hint" "$work/stderr"

# Errors: a wrong password, a URI libpq cannot decode (its message quotes
# the password), a mysql:// URI mdgraph cannot split.
for db in "host=$PGHOST port=$PGPORT user=pwplain password=Zq7Wrong dbname=fx" \
    "postgresql://pwplain:Zq7Wrong@/fx?$Q" \
    "postgresql://pwplain:Zq7%zzKx@/fx?$Q" \
    "mysql://pw:Zq7Wrong@localhost/fx?socket=$SOCK" \
    "mysql://pw:Zq7%zzKx@localhost/fx?socket=$SOCK" \
    "mysql://pw:Zq7Kx@localhost/fx?socket=$SOCK&nosuch=1"; do
	n=$((${n:-0} + 1))
	run_status "$MDGRAPH" --db "$db" --chain main -o out.svg
	is "connection error $n (${db%%[:=]*}): exit 2, one line" "2 1" \
	    "$status $(wc -l <"$work/stderr")"
	no_secret "connection error $n (${db%%[:=]*})" "$work/stderr"
done

# What a successful run prints: --stats, check's report, JSON, an instance.
for db in "host=$PGHOST port=$PGPORT user=pwuser password='Zq7 Kx\\'w@9:' dbname=fx" \
    "mysql://pw:Zq7%20Kx%409%3A@localhost/fx?socket=$SOCK"; do
	case $db in mysql:*) server=MySQL ;; *) server=PostgreSQL ;; esac
	run_status "$MDGRAPH" --db "$db" --chain main --stats -T json
	is "$server, a chain with --stats: exit 0, the stats line printed" "0 1" \
	    "$status $(grep -c '^mdgraph: stats: ' "$work/stderr")"
	no_secret "$server, --stats and JSON" "$work/stdout" "$work/stderr"
	run_status "$MDGRAPH" check --db "$db" --stats
	no_secret "$server, check's report" "$work/stdout" "$work/stderr"
	run_status "$MDGRAPH" --db "$db" --data-id 1500001 --stats -T json
	is "$server, an instance diagram: exit 0" 0 "$status"
	no_secret "$server, an instance diagram" "$work/stdout" "$work/stderr"
done

done_testing
