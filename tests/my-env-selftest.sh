#!/bin/sh
# Self-test of tests/my-env.sh, and an example of its use.  Prints TAP.
set -eu

for _d in "${top_srcdir:-${srcdir:-.}}/tests" "${srcdir:-.}" "$(dirname "$0")"; do
    if [ -f "$_d/my-env.sh" ]; then
        lib=$(cd "$_d" && pwd)/my-env.sh
        # shellcheck source=tests/my-env.sh
        . "$lib"
        break
    fi
done
command -v my_start >/dev/null 2>&1 || {
    echo "Bail out! my-env.sh not found (srcdir=${srcdir:-unset})"
    exit 1
}

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
check() { # DESCRIPTION COMMAND...
    _desc=$1; shift
    if "$@"; then ok "$_desc"; else not_ok "$_desc"; fi
}
ms() { echo $(( $(date +%s%N) / 1000000 )); }
# gone PID DIR: the server PID is dead and DIR removed, within 10 s.
gone() {
    _i=0
    while { my_pid_alive "$1" || [ -e "$2" ]; } && [ "$_i" -lt 100 ]; do
        sleep 0.1; _i=$((_i + 1))
    done
    ! my_pid_alive "$1" && [ ! -e "$2" ]
}
# wait_file FILE: until FILE is non-empty (30 s at most).
wait_file() {
    _i=0
    while [ ! -s "$1" ] && [ "$_i" -lt 300 ]; do sleep 0.1; _i=$((_i + 1)); done
    [ -s "$1" ]
}
if [ "$(id -u)" -eq 0 ]; then want_user=mysql; else want_user=$(id -un); fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/my-env-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The first server lives in a subshell so that we can check, afterwards, that
# its EXIT trap stopped it and removed its directory.  The subshell reports
# what it needs to the parent through a file, and counts its tests in $tmp/n.
set +e
(
    set -e
    t=$(ms)
    if ! my_start; then
        echo "not ok 1 - my_start"
        echo "Bail out! cannot start MariaDB"
        exit 1
    fi
    ok "my_start in $(( $(ms) - t )) ms (socket $MY_ENV_SOCKET)"
    pid=$(my_server_pid)
    echo "dir=$MY_ENV_DIR pid=$pid" >"$tmp/info"

    printf 'CREATE TABLE t (x int);\nINSERT INTO t VALUES (41), (1);\n' >"$tmp/selftest.sql"
    check "my_createdb with an SQL file" my_createdb "selftest db" "$tmp/selftest.sql"
    r=$(my_sql -N -e 'SELECT 1') || r=
    check "SELECT 1 over the socket returns 1 (got '$r')" test "$r" = 1
    r=$(my_sql -N --database="selftest db" -e 'SELECT SUM(x) FROM t') || r=
    check "SQL file loaded (sum=$r)" test "$r" = 42
    r=$(my_sql -N -e "SELECT CONCAT_WS(' ', @@character_set_server, @@collation_server, @@time_zone,
        (SELECT default_collation_name FROM information_schema.schemata WHERE schema_name = 'selftest db'))") || r=
    check "utf8mb4, utf8mb4_general_ci, UTC, for the database too ($r)" \
        test "$r" = "utf8mb4 utf8mb4_general_ci +00:00 utf8mb4_general_ci"
    r=$(my_sql -N -e 'SELECT @@skip_networking') || r=
    check "no TCP listener (skip_networking=$r, MY_ENV_PORT='$MY_ENV_PORT')" test "$r:$MY_ENV_PORT" = 1:
    check "no general log unless asked (MY_ENV_GENERAL_LOG='$MY_ENV_GENERAL_LOG')" test -z "$MY_ENV_GENERAL_LOG"
    r=$(my_conninfo "selftest db")
    check "my_conninfo: $r" test "$r" = "mysql://root@localhost/selftest%20db?socket=$MY_ENV_SOCKET"
    r=$(ps -o user= -p "$pid" | tr -d ' ')
    check "the server runs as $want_user (got $r)" test "$r" = "$want_user"
    r=$(my_as_server_user id -un)
    check "my_as_server_user runs as $want_user (got $r)" test "$r" = "$want_user"

    # A second server at the same time, with TCP and a general log, in
    # another shell: its own dir and socket, no collision.
    cat >"$tmp/second.sh" <<EOF
set -eu
. "$lib"
MY_ENV_TCP=1 MY_ENV_CONF='general_log=1' my_start
echo "dir2=\$MY_ENV_DIR pid2=\$(my_server_pid) port=\$MY_ENV_PORT sock2=\$MY_ENV_SOCKET" >"$tmp/info2"
"\$_my_env_client" --no-defaults --protocol=tcp --host=127.0.0.1 --port="\$MY_ENV_PORT" --user=root \
    --batch -N -e "SELECT 'tcp ok'" >"$tmp/tcp"
my_sql -N -e "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'selftest db'" >"$tmp/collide"
grep -c "SELECT 'tcp ok'" "\$MY_ENV_GENERAL_LOG" >"$tmp/glog" || :
my_stop
my_stop && echo idempotent >"$tmp/stop2"
EOF
    r=0
    sh "$tmp/second.sh" >"$tmp/second.out" 2>&1 || r=$?
    dir2='' pid2='' port='' sock2=''
    [ ! -s "$tmp/info2" ] || eval "$(cat "$tmp/info2")"
    check "a second server in parallel: started (status $r), its own dir and socket" \
        test "$r" = 0 -a -n "$dir2" -a "$dir2" != "$MY_ENV_DIR" -a "$sock2" != "$MY_ENV_SOCKET"
    check "MY_ENV_TCP=1: it answers on 127.0.0.1:$port" test "$(cat "$tmp/tcp" 2>/dev/null)" = "tcp ok"
    check "it does not see the first server's database" test "$(cat "$tmp/collide" 2>/dev/null)" = 0
    check "MY_ENV_CONF=general_log=1: MY_ENV_GENERAL_LOG has the query" test "$(cat "$tmp/glog" 2>/dev/null)" = 1
    check "my_stop twice: 0, server and dir gone" \
        sh -c "test -s '$tmp/stop2' && ! kill -0 '${pid2:-0}' 2>/dev/null && test ! -e '${dir2:-/nonexistent}'"
    r=$(my_sql -N --database="selftest db" -e 'SELECT SUM(x) FROM t') || r=
    check "the first server still answers (sum=$r)" test "$r" = 42

    my_kill_server KILL
    if my_sql -e 'SELECT 1' >/dev/null 2>&1; then up=1; else up=0; fi
    running=$(my_is_running && echo 1 || echo 0)
    t=$(ms)
    my_start_again
    r=$(my_sql -N --database="selftest db" -e 'SELECT SUM(x) FROM t') || r=
    check "SIGKILL: connections refused; my_start_again ($(( $(ms) - t )) ms) keeps the data" \
        test "$up:$running:$r" = 0:0:42
    pid=$(my_server_pid)
    my_kill_server TERM
    check "my_kill_server TERM: server $pid stopped" sh -c "! kill -0 $pid 2>/dev/null"
    my_start_again
    r=$(my_sql -N --database="selftest db" -e 'SELECT SUM(x) FROM t') || r=
    check "restarted after SIGTERM (sum=$r)" test "$r" = 42
    echo "$n" >"$tmp/n"
    exit "$failed"
)
rc=$?
set -e
if [ ! -s "$tmp/info" ]; then
    exit 1   # my_start failed and said why; the subshell bailed out
fi
n=$(cat "$tmp/n" 2>/dev/null || echo 0)
if [ "$rc" -ne 0 ]; then
    echo "# server subshell exited with status $rc"
    failed=1
fi
dir='' pid=''
eval "$(cat "$tmp/info")"
check "after exit: server $pid gone and $dir removed" gone "${pid:-0}" "${dir:-/nonexistent}"

# A test script killed by SIGTERM (while waiting) and by SIGKILL.
cat >"$tmp/victim.sh" <<EOF
. "$lib"
out=\$1
trap 'echo caller-exit-trap >"\$out.trap"' EXIT
my_start || exit 1
sleep 60 &
echo \$! >"\$1.sleep"
echo "dir=\$MY_ENV_DIR pid=\$(my_server_pid)" >"\$1.info"
wait \$!
EOF
for sig in TERM KILL; do
    sh "$tmp/victim.sh" "$tmp/$sig" >"$tmp/$sig.out" 2>&1 &
    vpid=$!
    wait_file "$tmp/$sig.info" || :
    dir='' pid=''
    eval "$(cat "$tmp/$sig.info" 2>/dev/null)"
    kill -"$sig" "$vpid" 2>/dev/null || :	# gone already: the checks say so
    st=0
    wait "$vpid" || st=$?
    [ ! -s "$tmp/$sig.sleep" ] || kill "$(cat "$tmp/$sig.sleep")" 2>/dev/null || :
    if [ "$sig" = TERM ]; then
        term_ok() {
            test "$st" = 143 && test -s "$tmp/TERM.trap" && gone "${pid:-0}" "${dir:-/nonexistent}" && return 0
            sed "s/^/# /" "$tmp/TERM.out"
            return 1
        }
        check "SIGTERM of the script: exit 143 (got $st), the caller's EXIT trap ran, server and dir gone" term_ok
    else
        t=$(ms)
        if [ -n "$pid" ] && gone "$pid" "$dir"; then
            ok "SIGKILL of the script: the watchdog stopped the server and removed the dir ($(( $(ms) - t )) ms)"
        else
            not_ok "SIGKILL of the script: the watchdog stopped the server '$pid' and removed '$dir'"
            ps -o pid,user,args -p "${pid:-0}" | sed 's/^/# /'
        fi
    fi
done

# No server installed: one line, status 1 (a failure, never a skip).
st=0
(MY_BINDIR=$tmp/nowhere my_start) >"$tmp/missing.out" 2>&1 || st=$?
check "no server: my_start returns 1 with one line ($(head -1 "$tmp/missing.out"))" \
    test "$st:$(wc -l <"$tmp/missing.out")" = 1:1

echo "1..$n"
exit "$failed"
