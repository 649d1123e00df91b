#!/bin/sh
# Self-test of tests/pg-env.sh, and an example of its use.  Prints TAP.
set -eu

# Automake sets $srcdir to the directory of the Makefile listing this test
# (here the top directory); AM_TESTS_ENVIRONMENT also exports $top_srcdir.
for _d in "${top_srcdir:-${srcdir:-.}}/tests" "${srcdir:-.}" "$(dirname "$0")"; do
    if [ -f "$_d/pg-env.sh" ]; then
        . "$_d/pg-env.sh"
        break
    fi
done
command -v pg_start >/dev/null 2>&1 || {
    echo "Bail out! pg-env.sh not found (srcdir=${srcdir:-unset})"
    exit 1
}

echo 1..9
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check() { # DESCRIPTION COMMAND...
    _desc=$1; shift
    if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}

# The server lives in a subshell so that we can check, afterwards, that its
# EXIT trap stopped it and removed its directory.  The subshell reports the
# data it needs to the parent through a file.
info=$(mktemp)
trap 'rm -f "$info"' EXIT

set +e
(
    set -e
    if ! pg_start; then
        echo "not ok 1 - pg_start"
        echo "Bail out! cannot start PostgreSQL"
        exit 1
    fi
    ok "pg_start (socket in $PGHOST)"
    echo "dir=$PG_ENV_DIR pid=$(head -n 1 "$PG_ENV_DATA/postmaster.pid")" >"$info"

    printf 'CREATE TABLE t (x int);\nINSERT INTO t VALUES (41), (1);\n' \
        >"$PG_ENV_DIR/selftest.sql"
    check "pg_createdb with an SQL file" \
        pg_createdb "selftest db" "$PG_ENV_DIR/selftest.sql"

    r=$(pg_psql -At -c 'SELECT 1') || r=
    check "SELECT 1 returns 1 (got '$r')" test "$r" = 1

    r=$(pg_psql -At -d "selftest db" -c 'SELECT sum(x) FROM t') || r=
    check "SQL file loaded (sum=$r)" test "$r" = 42

    r=$(pg_psql -At -c "SHOW listen_addresses") || r=x
    check "no TCP listener" test -z "$r"

    r=$(pg_psql -At -c "SELECT 'ok'" "$(pg_conninfo "selftest db")") || r=
    check "pg_conninfo connection string works" test "$r" = ok

    pg_restart_stop immediate
    if pg_psql -c 'SELECT 1' >/dev/null 2>&1; then up=1; else up=0; fi
    pg_start_again
    r=$(pg_psql -At -d "selftest db" -c 'SELECT sum(x) FROM t') || r=
    check "immediate stop refuses connections, restart recovers data" \
        test "$up:$r" = 0:42
    exit "$failed"
)
rc=$?
set -e
n=7   # tests run in the subshell
if [ ! -s "$info" ]; then
    exit 1   # pg_start failed and said why; the subshell bailed out
fi
if [ "$rc" -ne 0 ]; then
    echo "# server subshell exited with status $rc"
    failed=1
fi

dir='' pid=''
eval "$(cat "$info")"
if [ -n "$pid" ] && ! pg_pid_alive "$pid"; then
    ok "server stopped after exit (postmaster $pid gone)"
else
    not_ok "server stopped after exit (postmaster '${pid}')"
fi
if [ -n "$dir" ] && [ ! -e "$dir" ]; then
    ok "temporary directory $dir removed"
else
    not_ok "temporary directory '$dir' removed"
fi

exit "$failed"
