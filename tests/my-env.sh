# my-env.sh -- throwaway MariaDB (or MySQL) server for mdgraph's live tests.
#
# POSIX sh library, the MariaDB twin of pg-env.sh; source it from a test
# script (which may use `set -eu`):
#
#     . "${srcdir:-.}/my-env.sh"
#     my_start                      # install a datadir + start; exports MY_ENV_*
#     my_createdb mdg schema.sql    # CREATE DATABASE mdg; load files into it
#     my_sql mdg -e 'SELECT 1'      # mariadb --no-defaults ... --batch ARGS
#     ./mdgraph "$(my_conninfo mdg)" ...
#     # nothing else to do: the server is killed and the directory removed
#     # when the script exits (EXIT trap) or is killed by INT/TERM/HUP.
#
# Functions
#   my_start            Create a private dir under ${MY_ENV_TMPDIR:-/tmp}
#                       (mktemp -d), mariadb-install-db into it (root@localhost
#                       without a password: --auth-root-authentication-method=
#                       normal), start mariadbd on a unix socket in that dir
#                       only (skip-networking), wait until it answers.  Runs
#                       the server as the "mysql" OS user when we are root.
#                       Exports MY_ENV_DIR, MY_ENV_DATA, MY_ENV_SOCKET,
#                       MY_ENV_LOG (error log), MY_ENV_GENERAL_LOG (the general
#                       query log if the server has it on, else empty),
#                       MY_ENV_PORT (TCP port, or empty), MY_ENV_BINDIR.
#                       If no server is installed: prints one line to stderr
#                       and returns 1 (never 77: a missing server is a failure).
#   my_stop             Kill the server and remove the dir (unless
#                       MY_ENV_KEEP=1).  Idempotent; always returns 0.
#   my_sql ARGS...      The mariadb client as root over the socket:
#                       --no-defaults (no ~/.my.cnf), --batch, utf8mb4.
#   my_createdb NAME [SQLFILE...]
#                       CREATE DATABASE NAME (utf8mb4, utf8mb4_general_ci)
#                       and load each SQLFILE into it (--show-warnings: the
#                       server's warnings are printed on stdout).
#   my_conninfo [DB]    Print "mysql://root@localhost/DB?socket=SOCKET" (DB
#                       defaults to mysql; both percent-encoded as needed).
#   my_kill_server SIG  Send SIG (TERM, KILL, QUIT...) to the server and wait
#                       until it is gone (HUP, USR1, USR2: no wait), keeping
#                       the data dir (for fault tests).
#   my_start_again      Start the server again on the same data dir and wait.
#   my_is_running       True if the server process is alive.
#   my_pid_alive PID    True if PID exists and is not a zombie.
#   my_server_pid       Print the server's PID.
#   my_as_server_user CMD [ARGS...]
#                       Run CMD as the "mysql" OS user when we are root
#                       (setpriv, else runuser, else su), or directly otherwise.
#
# Traps: exactly as pg-env.sh.  my_start installs handlers for EXIT, INT,
# TERM and HUP; traps the caller set BEFORE my_start (pg-env.sh's included)
# are kept and chained: on exit my_stop runs first, then the caller's EXIT
# action; on a signal the caller's action for that signal runs, then the
# script exits with 128+signo (running the EXIT chain).  If you set your own
# trap AFTER my_start, call my_stop from it yourself.  MY_ENV_TRAP=0: no traps.
#
# Safety net: unless MY_ENV_WATCHDOG=0, a tiny background process (in its own
# session when setsid exists, so that a kill of the whole process group does
# not take it along) polls the test script's PID ($$, or MY_ENV_WATCH_PID)
# once a second and kills the server and removes the dir if the script died
# without running its traps (e.g. SIGKILL).
#
# Knobs (environment, read by my_start): MY_BINDIR (directory holding
# mariadbd or mysqld and mariadb-install-db; default: PATH, /usr/sbin,
# /usr/bin), MY_ENV_TMPDIR (default /tmp; NOT $TMPDIR, which may be
# unreadable for the mysql user or too long for a socket path), MY_ENV_TCP=1
# (also listen on 127.0.0.1 on a free port, exported as MY_ENV_PORT; root may
# log in from 127.0.0.1 without a password too), MY_ENV_CONF (extra server
# option lines for the [mariadbd] section, e.g. "general_log=1"),
# MY_ENV_START_TIMEOUT (seconds, default 60), MY_ENV_KEEP=1 (keep the dir for
# post-mortem; the server then gets a SIGTERM, not a SIGKILL),
# MY_ENV_LOG_ON_FAIL=0 (do not dump the error log tail to stderr when the
# script exits non-zero).
#
# The server is tuned for tests, not for data: no doublewrite buffer, the redo
# log written but not flushed at commit (innodb_flush_log_at_trx_commit=2: a
# killed server keeps its commits, a crashed machine would not), a 16 MB
# buffer pool, UTC, utf8mb4 / utf8mb4_general_ci, skip-name-resolve.

_my_env_dir=
_my_env_uid=

_my_env_err() {
    printf 'my-env: %s\n' "$*" >&2
}

# Find the server, the installer and the client: sets MY_ENV_BINDIR,
# _my_env_server, _my_env_install, _my_env_client.
_my_env_find() {
    _my_env_path=${MY_BINDIR:-$PATH:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin}
    _my_env_server='' _my_env_install='' _my_env_client=''
    _my_env_oldifs=$IFS
    IFS=:
    for _my_env_d in $_my_env_path; do
        [ -n "$_my_env_d" ] || continue
        if [ -z "$_my_env_server" ]; then
            for _my_env_b in mariadbd mysqld; do
                if [ -x "$_my_env_d/$_my_env_b" ] && [ ! -d "$_my_env_d/$_my_env_b" ]; then
                    _my_env_server=$_my_env_d/$_my_env_b
                    MY_ENV_BINDIR=$_my_env_d
                    break
                fi
            done
        fi
        if [ -z "$_my_env_install" ]; then
            for _my_env_b in mariadb-install-db mysql_install_db; do
                if [ -x "$_my_env_d/$_my_env_b" ]; then
                    _my_env_install=$_my_env_d/$_my_env_b
                    break
                fi
            done
        fi
    done
    IFS=$_my_env_oldifs
    # The client may live elsewhere than the server (/usr/bin vs /usr/sbin).
    for _my_env_d in ${MY_BINDIR:+"$MY_BINDIR"} /usr/bin /usr/local/bin; do
        for _my_env_b in mariadb mysql; do
            if [ -z "$_my_env_client" ] && [ -x "$_my_env_d/$_my_env_b" ]; then
                _my_env_client=$_my_env_d/$_my_env_b
            fi
        done
    done
    if [ -z "$_my_env_client" ]; then
        _my_env_client=$(command -v mariadb 2>/dev/null || command -v mysql 2>/dev/null) || :
    fi
    [ -n "$_my_env_server" ] && [ -n "$_my_env_install" ]
}

# Run a command as the server's OS user, from a directory it can enter.
my_as_server_user() {
    if [ "${_my_env_uid:=$(id -u)}" -ne 0 ]; then
        "$@"
        return
    fi
    # setpriv execs the server itself; runuser and su stay as its parent and
    # stop themselves when it is stopped (kill -STOP), which a test's
    # kill -CONT to the server would never undo.
    if command -v setpriv >/dev/null 2>&1; then
        (cd "${_my_env_dir:-/}" &&
         exec setpriv --reuid=mysql --regid=mysql --init-groups -- "$@")
    elif command -v runuser >/dev/null 2>&1; then
        (cd "${_my_env_dir:-/}" && exec runuser -u mysql -- "$@")
    else
        # shellcheck disable=SC2016
        (cd "${_my_env_dir:-/}" &&
         exec su -s /bin/sh mysql -c 'exec "$0" "$@"' -- "$@")
    fi
}

# True if process PID exists and is not a zombie.
my_pid_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    case $(cat "/proc/$1/stat" 2>/dev/null) in
    *") Z "*) return 1 ;;
    esac
    return 0
}

# The server's PID: from its pid file, checked against /proc when there is one
# (a stale pid file may name a recycled PID).
my_server_pid() {
    [ -n "${_my_env_dir:-}" ] && [ -f "$_my_env_dir/mariadbd.pid" ] || return 1
    read -r _my_env_pid <"$_my_env_dir/mariadbd.pid" 2>/dev/null || return 1
    case $_my_env_pid in ''|*[!0-9]*) return 1 ;; esac
    if [ -r "/proc/$_my_env_pid/comm" ]; then
        case $(cat "/proc/$_my_env_pid/comm" 2>/dev/null) in
        mariadbd|mysqld|mariadbd*|mysqld*) ;;
        *) return 1 ;;
        esac
    fi
    printf '%s\n' "$_my_env_pid"
}

my_is_running() {
    _my_env_pid=$(my_server_pid) || return 1
    my_pid_alive "$_my_env_pid"
}

_my_env_show_log() {
    [ -f "${MY_ENV_LOG:-}" ] || return 0
    printf '# my-env: last lines of %s:\n' "$MY_ENV_LOG" >&2
    tail -n "${1:-20}" "$MY_ENV_LOG" 2>/dev/null | sed 's/^/# /' >&2 || :
}

_my_env_ping() {
    "$_my_env_client" --no-defaults --protocol=socket --socket="$MY_ENV_SOCKET" \
        --user=root --connect-timeout=2 --batch --skip-column-names \
        -e 'SELECT 1' </dev/null >/dev/null 2>&1
}

# Set MY_ENV_PORT to a free-looking TCP port on 127.0.0.1 (the server retries
# if it was taken).  Not in a subshell: each call must see the last one's count.
_my_env_pick_port() {
    _my_env_used=$( (ss -Htln 2>/dev/null || netstat -tln 2>/dev/null) |
        awk '{ for (i = 1; i <= NF; i++) if ($i ~ /:[0-9]+$/) { sub(/.*:/, "", $i); print $i } }' | tr '\n' ' ')
    _my_env_i=0
    while [ "$_my_env_i" -lt 50 ]; do
        # a new candidate on each call, even within one second
        _my_env_picks=$((${_my_env_picks:-0} + 1))
        _my_env_p=$(awk -v s="$$" -v i="$_my_env_picks" 'BEGIN { srand(); print 20000 + int(rand() * 40000 + s * 7919 + i * 104729) % 40000 }')
        case " $_my_env_used " in
        *" $_my_env_p "*) ;;
        *) MY_ENV_PORT=$_my_env_p; return 0 ;;
        esac
        _my_env_i=$((_my_env_i + 1))
    done
    return 1
}

_my_env_write_cnf() {
    {
        printf '# written by my-env.sh\n[mariadbd]\n'
        printf 'datadir=%s\n' "$MY_ENV_DATA"
        printf 'socket=%s\n' "$MY_ENV_SOCKET"
        printf 'tmpdir=%s\n' "$_my_env_dir/tmp"
        printf 'pid-file=%s\n' "$_my_env_dir/mariadbd.pid"
        printf 'log-error=%s\n' "$MY_ENV_LOG"
        printf 'general-log-file=%s\n' "$_my_env_dir/general.log"
        printf 'log-output=FILE\n'
        if [ -n "$MY_ENV_PORT" ]; then
            printf 'bind-address=127.0.0.1\nport=%s\n' "$MY_ENV_PORT"
        else
            printf 'skip-networking\n'
        fi
        printf 'character-set-server=utf8mb4\ncollation-server=utf8mb4_general_ci\n'
        printf "default-time-zone='+00:00'\n"
        printf 'skip-name-resolve\n'
        printf 'innodb-buffer-pool-size=16M\ninnodb-log-file-size=8M\n'
        printf 'innodb-flush-log-at-trx-commit=2\ninnodb-doublewrite=0\n'
        printf 'max-connections=50\n'
        [ -z "${MY_ENV_CONF:-}" ] || printf '%s\n' "$MY_ENV_CONF"
    } >"$_my_env_dir/my.cnf"
}

# Start mariadbd on the existing datadir and wait until it answers.
_my_env_launch() {
    _my_env_tries=0
    while :; do
        rm -f "$_my_env_dir/mariadbd.pid" "$_my_env_dir/.launcher" 2>/dev/null || :
        # Double fork: the server is no child of the test script (a bare
        # `wait` must not wait for it) but stays in its process group.
        (
            trap - EXIT INT TERM HUP
            my_as_server_user "$_my_env_server" --defaults-file="$_my_env_dir/my.cnf" \
                </dev/null >>"$_my_env_dir/mariadbd.out" 2>&1 &
            echo $! >"$_my_env_dir/.launcher"
        )
        read -r _my_env_lpid <"$_my_env_dir/.launcher" || _my_env_lpid=
        _my_env_deadline=$(( $(date +%s) + ${MY_ENV_START_TIMEOUT:-60} ))
        _my_env_up=
        while :; do
            if _my_env_ping; then
                _my_env_up=1
                break
            fi
            if [ -n "$_my_env_lpid" ] && ! my_pid_alive "$_my_env_lpid" && ! my_is_running; then
                break
            fi
            if [ "$(date +%s)" -ge "$_my_env_deadline" ]; then
                _my_env_err "server did not answer within ${MY_ENV_START_TIMEOUT:-60} s; see $MY_ENV_LOG"
                _my_env_show_log 30
                _my_env_kill KILL
                return 1
            fi
            sleep 0.05 2>/dev/null || sleep 1
        done
        [ -z "$_my_env_up" ] || return 0
        # The port was taken between our pick and the server's bind: retry.
        if [ -n "$MY_ENV_PORT" ] && [ "$_my_env_tries" -lt 5 ] &&
           grep -q 'Address already in use\|Do you already have another' "$MY_ENV_LOG" 2>/dev/null; then
            _my_env_tries=$((_my_env_tries + 1))
            _my_env_pick_port || break
            export MY_ENV_PORT
            _my_env_write_cnf
            continue
        fi
        _my_env_err "server did not start; see $MY_ENV_LOG"
        _my_env_show_log 30
        return 1
    done
    _my_env_err "server did not start: no free TCP port"
    return 1
}

# Send SIGNAL to the server and wait (up to 30 s) for it to be gone.
_my_env_kill() {
    _my_env_pid=$(my_server_pid) || return 0
    kill -"$1" "$_my_env_pid" 2>/dev/null || return 0
    _my_env_i=0
    while my_pid_alive "$_my_env_pid"; do
        _my_env_i=$((_my_env_i + 1))
        if [ "$_my_env_i" -ge 600 ]; then
            kill -KILL "$_my_env_pid" 2>/dev/null || :
            [ "$_my_env_i" -lt 700 ] || return 1
        fi
        sleep 0.05 2>/dev/null || sleep 1
    done
    return 0
}

# Record the traps already set (called with the words of `trap` output), so
# that ours can chain to them.  (The same logic as pg-env.sh's _pg_env_cap.)
_my_env_cap() {
    [ "$1" = -- ] && shift
    _my_env_a=$1
    shift
    for _my_env_s in "$@"; do
        _my_env_s=${_my_env_s#SIG}
        case $_my_env_s in
        0) _my_env_s=EXIT ;; 1) _my_env_s=HUP ;;
        2) _my_env_s=INT ;; 15) _my_env_s=TERM ;;
        esac
        case $_my_env_s in
        EXIT|INT|TERM|HUP) ;;
        *) continue ;;
        esac
        case $_my_env_a in
        _my_env_on_*)
            eval "_my_env_prev_$_my_env_s=\${_my_env_old_$_my_env_s:-}"
            eval "_my_env_set_$_my_env_s=\${_my_env_oldset_$_my_env_s:-}"
            ;;
        *)
            eval "_my_env_prev_$_my_env_s=\$_my_env_a"
            eval "_my_env_set_$_my_env_s=1"
            ;;
        esac
    done
}

_my_env_on_exit() {
    _my_env_rc=$?
    set +e
    if [ "$_my_env_rc" -ne 0 ] && [ "${MY_ENV_LOG_ON_FAIL:-1}" != 0 ] &&
       [ -n "${_my_env_dir:-}" ]; then
        _my_env_show_log 20
    fi
    my_stop
    if [ -n "${_my_env_prev_EXIT:-}" ]; then
        (exit "$_my_env_rc")
        eval "$_my_env_prev_EXIT"
    fi
}

_my_env_on_signal() {  # SIGNAME EXITCODE
    set +e
    eval "_my_env_a=\${_my_env_prev_$1:-}"
    if [ -n "$_my_env_a" ]; then
        eval "$_my_env_a"
    fi
    exit "$2"
}

_my_env_install_traps() {
    for _my_env_s in EXIT INT TERM HUP; do
        eval "_my_env_old_$_my_env_s=\${_my_env_prev_$_my_env_s:-}"
        eval "_my_env_oldset_$_my_env_s=\${_my_env_set_$_my_env_s:-}"
        eval "_my_env_prev_$_my_env_s= _my_env_set_$_my_env_s="
    done
    # `$(trap)` is empty in dash, so go through a file.  bash lists the
    # parent's traps inside a subshell although they are not active there:
    # do not chain to those.
    # shellcheck disable=SC3028
    if [ -n "${BASH_VERSION:-}" ] && [ "${BASHPID:-$$}" != "$$" ]; then
        :
    elif trap >"$MY_ENV_DIR/.traps" 2>/dev/null; then
        eval "$(sed 's/^trap /_my_env_cap /' "$MY_ENV_DIR/.traps")" || :
    fi
    rm -f "$MY_ENV_DIR/.traps"
    trap '_my_env_on_exit' EXIT
    # A signal explicitly ignored by the caller (trap '' SIG) stays ignored.
    for _my_env_s in INT:130 TERM:143 HUP:129; do
        eval "_my_env_a=\${_my_env_set_${_my_env_s%:*}:-}:\${_my_env_prev_${_my_env_s%:*}:-}"
        [ "$_my_env_a" != "1:" ] || continue
        # shellcheck disable=SC2064
        trap "_my_env_on_signal ${_my_env_s%:*} ${_my_env_s#*:}" "${_my_env_s%:*}"
    done
}

# The watchdog is a separate sh (so that it can run in its own session): it
# gets what it needs as arguments.
# shellcheck disable=SC2016
_my_env_watchdog_script='
dir=$1 watch=$2 keep=$3
trap "" INT HUP
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    case $(cat "/proc/$1/stat" 2>/dev/null) in *") Z "*) return 1 ;; esac
}
while [ -f "$dir/.watchdog" ]; do
    if ! alive "$watch"; then
        pid=
        [ -f "$dir/mariadbd.pid" ] && read -r pid <"$dir/mariadbd.pid"
        case $pid in
        ""|*[!0-9]*) ;;
        *)  if [ "$keep" = 1 ]; then kill -TERM "$pid"; else kill -KILL "$pid"; fi 2>/dev/null
            i=0
            while alive "$pid" && [ "$i" -lt 600 ]; do sleep 0.1; i=$((i + 1)); done ;;
        esac
        [ "$keep" = 1 ] || rm -rf "$dir"
        exit 0
    fi
    sleep 1
done
'

_my_env_start_watchdog() {
    [ "${MY_ENV_WATCHDOG:-1}" != 0 ] || return 0
    : >"$_my_env_dir/.watchdog" || return 0
    _my_env_setsid=
    command -v setsid >/dev/null 2>&1 && _my_env_setsid=setsid
    (
        trap - EXIT INT TERM HUP
        exec $_my_env_setsid sh -c "$_my_env_watchdog_script" my-env-watchdog \
            "$_my_env_dir" "${MY_ENV_WATCH_PID:-$$}" "${MY_ENV_KEEP:-0}"
    ) </dev/null >/dev/null 2>&1 &
}

my_start() {
    if [ -n "${_my_env_dir:-}" ]; then
        _my_env_err "my_start: a server is already running in $_my_env_dir"
        return 1
    fi
    if ! _my_env_find; then
        _my_env_err "MariaDB server not found${MY_BINDIR:+ in $MY_BINDIR}: install the Debian package mariadb-server"
        return 1
    fi
    if [ -z "$_my_env_client" ]; then
        _my_env_err "mariadb client not found: install the Debian package mariadb-client"
        return 1
    fi
    if [ "${_my_env_uid:=$(id -u)}" -eq 0 ] && ! id -u mysql >/dev/null 2>&1; then
        _my_env_err "running as root but there is no 'mysql' OS user to run the server"
        return 1
    fi

    _my_env_base=${MY_ENV_TMPDIR:-/tmp}
    # sun_path is 108 bytes: "<base>/myenv.XXXXXXXX/mysqld.sock" + NUL.
    if [ $((${#_my_env_base} + 28)) -gt 107 ]; then
        _my_env_err "MY_ENV_TMPDIR=$_my_env_base is too long for a unix socket path"
        return 1
    fi
    if ! _my_env_d=$(mktemp -d "$_my_env_base/myenv.XXXXXXXX"); then
        _my_env_err "cannot create a temporary directory in $_my_env_base"
        return 1
    fi
    _my_env_dir=$_my_env_d
    MY_ENV_DIR=$_my_env_d
    MY_ENV_DATA=$_my_env_d/data
    MY_ENV_SOCKET=$_my_env_d/mysqld.sock
    MY_ENV_LOG=$_my_env_d/error.log
    MY_ENV_GENERAL_LOG=
    MY_ENV_PORT=
    export MY_ENV_DIR MY_ENV_DATA MY_ENV_SOCKET MY_ENV_LOG MY_ENV_GENERAL_LOG \
        MY_ENV_PORT MY_ENV_BINDIR

    # Traps first, so that a failure or signal below still cleans up.
    [ "${MY_ENV_TRAP:-1}" = 0 ] || _my_env_install_traps

    # A private tmpdir: a server starting up deletes the #sql temporary
    # files it finds in its tmpdir, other servers' included (a shared /tmp
    # crashed a neighbour's running server, or its install, under make -j).
    if ! mkdir "$_my_env_dir/tmp" ||
       { [ "$_my_env_uid" -eq 0 ] && ! chown mysql "$_my_env_dir" "$_my_env_dir/tmp"; }; then
        _my_env_err "cannot prepare $_my_env_dir for the mysql user"
        my_stop
        return 1
    fi
    if [ "${MY_ENV_TCP:-0}" = 1 ] && ! _my_env_pick_port; then
        _my_env_err "no free TCP port found"
        my_stop
        return 1
    fi
    export MY_ENV_PORT
    if ! _my_env_write_cnf || ! chmod 644 "$_my_env_dir/my.cnf"; then
        _my_env_err "cannot write $_my_env_dir/my.cnf"
        my_stop
        return 1
    fi

    # --no-defaults: no /etc/mysql or ~/.my.cnf; TZ=UTC spares a zoneinfo scan.
    if ! my_as_server_user env TZ=UTC "$_my_env_install" --no-defaults \
            --datadir="$MY_ENV_DATA" --tmpdir="$_my_env_dir/tmp" \
            --auth-root-authentication-method=normal \
            --skip-test-db --skip-name-resolve \
            --innodb-buffer-pool-size=16M --innodb-log-file-size=8M \
            </dev/null >"$_my_env_dir/install.log" 2>&1; then
        _my_env_err "mariadb-install-db failed: $(grep -i -m1 'error' "$_my_env_dir/install.log" || tail -n 1 "$_my_env_dir/install.log")"
        sed 's/^/# /' "$_my_env_dir/install.log" >&2 2>/dev/null || :
        my_stop
        return 1
    fi

    _my_env_launch || { my_stop; return 1; }
    _my_env_after_start || { my_stop; return 1; }
    _my_env_start_watchdog
    return 0
}

# Once up: root may come in over TCP too; note where the general log goes.
_my_env_after_start() {
    if [ -n "$MY_ENV_PORT" ]; then
        my_sql -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION" || {
            _my_env_err "cannot let root in from 127.0.0.1"
            return 1
        }
    fi
    if [ "$(my_sql --skip-column-names -e 'SELECT @@general_log' 2>/dev/null)" = 1 ]; then
        MY_ENV_GENERAL_LOG=$_my_env_dir/general.log
    else
        MY_ENV_GENERAL_LOG=
    fi
    export MY_ENV_GENERAL_LOG
}

my_stop() {
    [ -n "${_my_env_dir:-}" ] || return 0
    rm -f "$_my_env_dir/.watchdog" 2>/dev/null || :
    if [ "${MY_ENV_KEEP:-0}" = 1 ]; then
        _my_env_kill TERM || :
        _my_env_err "keeping $_my_env_dir"
    else
        _my_env_kill KILL || :
        rm -rf "$_my_env_dir" 2>/dev/null || :
    fi
    _my_env_dir=
    return 0
}

my_sql() {
    if [ -z "${_my_env_dir:-}" ]; then
        _my_env_err "my_sql: call my_start first"
        return 1
    fi
    (
        unset MYSQL_PWD MYSQL_HOST MYSQL_TCP_PORT MYSQL_UNIX_PORT MYSQL_HISTFILE 2>/dev/null || :
        exec "$_my_env_client" --no-defaults --protocol=socket \
            --socket="$MY_ENV_SOCKET" --user=root --default-character-set=utf8mb4 \
            --batch "$@"
    )
}

# Percent-encode a URI component (keeping "/" when $2 is "path").
_my_env_pct() {
    printf '%s' "$1" | od -An -v -tx1 | tr -s ' \n' '  ' | awk -v keep="${2:-}" '
        BEGIN { ok = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~" }
        { for (i = 1; i <= NF; i++) {
            v = 0
            for (j = 1; j <= 2; j++) v = v * 16 + index("0123456789abcdef", substr($i, j, 1)) - 1
            c = sprintf("%c", v)
            if (index(ok, c) || (keep == "path" && c == "/")) printf "%s", c
            else printf "%%%s", toupper($i)
        } }'
}

my_conninfo() {
    printf 'mysql://root@localhost/%s?socket=%s\n' \
        "$(_my_env_pct "${1:-mysql}")" "$(_my_env_pct "$MY_ENV_SOCKET" path)"
}

my_createdb() {
    if [ $# -lt 1 ] || [ -z "$1" ]; then
        _my_env_err "usage: my_createdb NAME [SQLFILE...]"
        return 1
    fi
    _my_env_db=$1
    shift
    # shellcheck disable=SC2016
    _my_env_q=$(printf '%s' "$_my_env_db" | sed 's/`/``/g')
    my_sql -e "CREATE DATABASE \`$_my_env_q\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci" || return
    for _my_env_f in "$@"; do
        my_sql --show-warnings --database="$_my_env_db" <"$_my_env_f" || return
    done
}

my_kill_server() {
    case ${1:-} in
    '') _my_env_err "usage: my_kill_server SIGNAL"; return 1 ;;
    esac
    if [ -z "${_my_env_dir:-}" ]; then
        _my_env_err "my_kill_server: call my_start first"
        return 1
    fi
    _my_env_sig=${1#SIG}
    case $_my_env_sig in
    HUP|USR1|USR2|1|10|12)
        _my_env_pid=$(my_server_pid) || { _my_env_err "my_kill_server: no server"; return 1; }
        kill -"$_my_env_sig" "$_my_env_pid" ;;
    *)
        my_is_running || { _my_env_err "my_kill_server: the server is not running"; return 1; }
        _my_env_kill "$_my_env_sig" || { _my_env_err "my_kill_server: the server survived SIG$_my_env_sig"; return 1; } ;;
    esac
}

my_start_again() {
    if [ -z "${_my_env_dir:-}" ]; then
        _my_env_err "my_start_again: call my_start first"
        return 1
    fi
    if my_is_running; then
        return 0
    fi
    _my_env_launch && _my_env_after_start
}
