# pg-env.sh -- throwaway PostgreSQL server for mdgraph's live tests.
#
# POSIX sh library; source it from a test script (which may use `set -eu`):
#
#     . "${srcdir:-.}/pg-env.sh"
#     pg_start                      # initdb + start; exports PG* and PG_CONNINFO
#     pg_createdb mdg schema.sql    # CREATE DATABASE mdg; load files into it
#     pg_psql -d mdg -c 'SELECT 1'  # psql -X -q -v ON_ERROR_STOP=1 ...
#     ./mdgraph "$(pg_conninfo mdg)" ...
#     # nothing else to do: the server is stopped and the directory removed
#     # when the script exits (EXIT trap) or is killed by INT/TERM/HUP.
#
# Functions
#   pg_start            Create a private dir under /tmp (mktemp -d), initdb
#                       (trust auth, UTF8, C.UTF-8 or C locale, superuser
#                       "postgres", --no-sync), start the server listening ONLY
#                       on a unix socket in that dir, wait until it is ready.
#                       Exports PGHOST PGPORT PGUSER=postgres
#                       PGDATABASE=postgres PG_CONNINFO, and PG_ENV_DIR,
#                       PG_ENV_DATA, PG_ENV_LOG (server log), PG_ENV_BINDIR.
#                       If no server is installed: prints one line to stderr
#                       and returns 1 (never 77: a missing server is a failure).
#   pg_stop             Stop the server (pg_ctl -m immediate) and remove the
#                       dir. Idempotent; always returns 0.
#   pg_createdb NAME [SQLFILE...]
#                       Create database NAME and load each SQLFILE into it.
#   pg_psql ARGS...     psql -X -q -v ON_ERROR_STOP=1 ARGS (env already set).
#   pg_conninfo [DB]    Print "host=... port=... user=postgres dbname=DB".
#   pg_restart_stop MODE  Stop the server with pg_ctl -m MODE (fast|immediate|
#                       smart), keeping the data dir (for fault tests).
#   pg_start_again      Start the server again on the same data dir and wait.
#   pg_is_running       True if the postmaster is alive.
#   pg_pid_alive PID    True if PID exists and is not a zombie.
#   pg_as_server_user CMD [ARGS...]
#                       Run CMD as the "postgres" OS user when we are root
#                       (runuser, else su), or directly otherwise.
#
# Traps.  pg_start installs handlers for EXIT, INT, TERM and HUP.  Traps the
# caller set BEFORE pg_start are kept and chained: on exit pg_stop runs first,
# then the caller's EXIT action; on a signal the caller's action for that
# signal runs, then the script exits with 128+signo (running the EXIT chain).
# If you set your own trap AFTER pg_start, call pg_stop from it yourself, e.g.
#     trap 'pg_stop; rm -f "$tmpfile"' EXIT
#     trap 'exit 143' TERM; trap 'exit 130' INT
# Set PG_ENV_TRAP=0 before pg_start to install no traps at all.
#
# Safety net: unless PG_ENV_WATCHDOG=0, a tiny background process polls the
# test script's PID ($$, or PG_ENV_WATCH_PID) once a second and stops the
# server if the script died without running its traps (e.g. SIGKILL).
#
# Knobs (environment, read by pg_start): PG_BINDIR (server binaries),
# PG_ENV_TMPDIR (default /tmp; NOT $TMPDIR, which may be unreadable for the
# postgres user or too long for a socket path), PG_ENV_PORT (default 5432; the
# socket is private so parallel servers do not collide), PG_ENV_CONF (extra
# postgresql.conf lines), PG_ENV_START_TIMEOUT (seconds, default 60),
# PG_ENV_KEEP=1 (keep the dir for post-mortem), PG_ENV_LOG_ON_FAIL=0 (do not
# dump the server log tail to stderr when the script exits non-zero).
#
# Note: the shell runs traps only after the current foreground command ends;
# a script blocked in `sleep 600` reacts to SIGTERM late.  Use
# `sleep 600 & wait $!` in tests that wait long.

_pg_env_dir=
_pg_env_uid=

_pg_env_err() {
    printf 'pg-env: %s\n' "$*" >&2
}

# Print the directory holding initdb, pg_ctl and postgres, or fail.
_pg_env_find_bindir() {
    _pg_env_cands=
    if [ -n "${PG_BINDIR:-}" ]; then
        _pg_env_cands=$PG_BINDIR
    else
        if command -v pg_config >/dev/null 2>&1; then
            _pg_env_cands=$(pg_config --bindir 2>/dev/null) || _pg_env_cands=
        fi
        # Highest major version first (9.6 < 15 numerically).
        _pg_env_cands="$_pg_env_cands
$(for _pg_env_d in /usr/lib/postgresql/*/bin; do
            [ -d "$_pg_env_d" ] || continue
            _pg_env_v=${_pg_env_d#/usr/lib/postgresql/}
            printf '%s %s\n' "${_pg_env_v%/bin}" "$_pg_env_d"
        done | sort -k1,1nr | sed 's/^[^ ]* //')"
        if _pg_env_d=$(command -v initdb 2>/dev/null); then
            _pg_env_cands="$_pg_env_cands
${_pg_env_d%/*}"
        fi
    fi
    _pg_env_oldifs=$IFS
    IFS='
'
    for _pg_env_d in $_pg_env_cands; do
        if [ -x "$_pg_env_d/initdb" ] && [ -x "$_pg_env_d/pg_ctl" ] &&
           [ -x "$_pg_env_d/postgres" ]; then
            IFS=$_pg_env_oldifs
            printf '%s\n' "$_pg_env_d"
            return 0
        fi
    done
    IFS=$_pg_env_oldifs
    return 1
}

# Run a command as the server's OS user, from a directory it can enter.
pg_as_server_user() {
    if [ "${_pg_env_uid:=$(id -u)}" -ne 0 ]; then
        "$@"
        return
    fi
    if command -v runuser >/dev/null 2>&1; then
        (cd "${_pg_env_dir:-/}" && exec runuser -u postgres -- "$@")
    else
        # util-linux su passes the extra arguments on to the shell.
        # shellcheck disable=SC2016
        (cd "${_pg_env_dir:-/}" &&
         exec su -s /bin/sh postgres -c 'exec "$0" "$@"' -- "$@")
    fi
}

_pg_env_ctl() {
    pg_as_server_user "$PG_ENV_BINDIR/pg_ctl" -D "$PG_ENV_DATA" "$@"
}

_pg_env_postmaster_pid() {
    [ -f "$PG_ENV_DATA/postmaster.pid" ] || return 1
    read -r _pg_env_pid <"$PG_ENV_DATA/postmaster.pid" || return 1
    case $_pg_env_pid in ''|*[!0-9]*) return 1 ;; esac
    printf '%s\n' "$_pg_env_pid"
}

# True if process PID exists and is not a zombie (an orphaned postmaster may
# stay a zombie for a while, or forever under a PID 1 that does not reap).
pg_pid_alive() {
    kill -0 "$1" 2>/dev/null || return 1
    case $(cat "/proc/$1/stat" 2>/dev/null) in
    *") Z "*) return 1 ;;
    esac
    return 0
}

pg_is_running() {
    [ -n "${_pg_env_dir:-}" ] || return 1
    _pg_env_pid=$(_pg_env_postmaster_pid) || return 1
    pg_pid_alive "$_pg_env_pid"
}

_pg_env_show_log() {
    [ -f "${PG_ENV_LOG:-}" ] || return 0
    printf '# pg-env: last lines of %s:\n' "$PG_ENV_LOG" >&2
    tail -n "${1:-20}" "$PG_ENV_LOG" 2>/dev/null | sed 's/^/# /' >&2 || :
}

# Start the postmaster on the existing data dir and wait until it accepts
# connections.
_pg_env_launch() {
    if ! _pg_env_ctl -l "$PG_ENV_LOG" -w -t "${PG_ENV_START_TIMEOUT:-60}" \
            start </dev/null >>"$PG_ENV_DIR/pg_ctl.out" 2>&1; then
        _pg_env_err "server did not start; see $PG_ENV_LOG"
        _pg_env_show_log 30
        return 1
    fi
    # pg_ctl -w already waited for "ready"; double-check the socket works.
    _pg_env_i=0
    until "$PG_ENV_BINDIR/pg_isready" -q -h "$PGHOST" -p "$PGPORT" \
            -U postgres -d postgres 2>/dev/null; do
        _pg_env_i=$((_pg_env_i + 1))
        if [ "$_pg_env_i" -ge 100 ]; then
            _pg_env_err "server started but does not accept connections"
            _pg_env_show_log 30
            return 1
        fi
        sleep 0.1 2>/dev/null || sleep 1
    done
}

# Record the traps already set (called with the words of `trap` output), so
# that ours can chain to them.
_pg_env_cap() {
    [ "$1" = -- ] && shift
    _pg_env_a=$1
    shift
    for _pg_env_s in "$@"; do
        _pg_env_s=${_pg_env_s#SIG}
        case $_pg_env_s in
        0) _pg_env_s=EXIT ;; 1) _pg_env_s=HUP ;;
        2) _pg_env_s=INT ;; 15) _pg_env_s=TERM ;;
        esac
        case $_pg_env_s in
        EXIT|INT|TERM|HUP) ;;
        *) continue ;;
        esac
        case $_pg_env_a in
        _pg_env_on_*)
            # Ours, from an earlier pg_start in this shell: keep what it
            # chained to.
            eval "_pg_env_prev_$_pg_env_s=\${_pg_env_old_$_pg_env_s:-}"
            eval "_pg_env_set_$_pg_env_s=\${_pg_env_oldset_$_pg_env_s:-}"
            ;;
        *)
            eval "_pg_env_prev_$_pg_env_s=\$_pg_env_a"
            eval "_pg_env_set_$_pg_env_s=1"
            ;;
        esac
    done
}

_pg_env_on_exit() {
    _pg_env_rc=$?
    set +e
    if [ "$_pg_env_rc" -ne 0 ] && [ "${PG_ENV_LOG_ON_FAIL:-1}" != 0 ] &&
       [ -n "${_pg_env_dir:-}" ]; then
        _pg_env_show_log 20
    fi
    pg_stop
    if [ -n "${_pg_env_prev_EXIT:-}" ]; then
        (exit "$_pg_env_rc")
        eval "$_pg_env_prev_EXIT"
    fi
}

_pg_env_on_signal() {  # SIGNAME EXITCODE
    set +e
    eval "_pg_env_a=\${_pg_env_prev_$1:-}"
    if [ -n "$_pg_env_a" ]; then
        eval "$_pg_env_a"
    fi
    exit "$2"
}

_pg_env_install_traps() {
    for _pg_env_s in EXIT INT TERM HUP; do
        eval "_pg_env_old_$_pg_env_s=\${_pg_env_prev_$_pg_env_s:-}"
        eval "_pg_env_oldset_$_pg_env_s=\${_pg_env_set_$_pg_env_s:-}"
        eval "_pg_env_prev_$_pg_env_s= _pg_env_set_$_pg_env_s="
    done
    # `$(trap)` is empty in dash, so go through a file.  bash lists the
    # parent's traps inside a subshell although they are not active there:
    # do not chain to those.
    # shellcheck disable=SC3028
    if [ -n "${BASH_VERSION:-}" ] && [ "${BASHPID:-$$}" != "$$" ]; then
        :
    elif trap >"$PG_ENV_DIR/.traps" 2>/dev/null; then
        eval "$(sed 's/^trap /_pg_env_cap /' "$PG_ENV_DIR/.traps")" || :
    fi
    rm -f "$PG_ENV_DIR/.traps"
    trap '_pg_env_on_exit' EXIT
    # A signal explicitly ignored by the caller (trap '' SIG) stays ignored.
    for _pg_env_s in INT:130 TERM:143 HUP:129; do
        eval "_pg_env_a=\${_pg_env_set_${_pg_env_s%:*}:-}:\${_pg_env_prev_${_pg_env_s%:*}:-}"
        [ "$_pg_env_a" != "1:" ] || continue
        # shellcheck disable=SC2064
        trap "_pg_env_on_signal ${_pg_env_s%:*} ${_pg_env_s#*:}" "${_pg_env_s%:*}"
    done
}

_pg_env_start_watchdog() {
    [ "${PG_ENV_WATCHDOG:-1}" != 0 ] || return 0
    _pg_env_w=${PG_ENV_WATCH_PID:-$$}
    : >"$_pg_env_dir/.watchdog" || return 0
    (
        trap - EXIT INT TERM HUP
        # pg_stop removes .watchdog to dismiss us (no kill: bash would
        # print "wait_for: No record of process" warnings).
        while [ -f "$_pg_env_dir/.watchdog" ]; do
            if ! pg_pid_alive "$_pg_env_w"; then
                pg_stop
                break
            fi
            sleep 1
        done
    ) </dev/null >/dev/null 2>&1 &
}

pg_start() {
    if [ -n "${_pg_env_dir:-}" ]; then
        _pg_env_err "pg_start: a server is already running in $_pg_env_dir"
        return 1
    fi
    if ! PG_ENV_BINDIR=$(_pg_env_find_bindir); then
        _pg_env_err "PostgreSQL server not found: install the Debian package postgresql"
        return 1
    fi
    if [ "${_pg_env_uid:=$(id -u)}" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
        _pg_env_err "running as root but there is no 'postgres' OS user to run the server"
        return 1
    fi
    if [ -x "$PG_ENV_BINDIR/psql" ]; then
        PG_ENV_PSQL=$PG_ENV_BINDIR/psql
    elif ! PG_ENV_PSQL=$(command -v psql 2>/dev/null); then
        _pg_env_err "psql not found: install the Debian package postgresql-client"
        return 1
    fi

    _pg_env_port=${PG_ENV_PORT:-5432}
    _pg_env_base=${PG_ENV_TMPDIR:-/tmp}
    # sun_path is 108 bytes: "<dir>/.s.PGSQL.<port>" + NUL must fit.
    if [ $((${#_pg_env_base} + 30 + ${#_pg_env_port})) -gt 107 ]; then
        _pg_env_err "PG_ENV_TMPDIR=$_pg_env_base is too long for a unix socket path"
        return 1
    fi
    if ! _pg_env_d=$(mktemp -d "$_pg_env_base/pgenv.XXXXXXXX"); then
        _pg_env_err "cannot create a temporary directory in $_pg_env_base"
        return 1
    fi
    _pg_env_dir=$_pg_env_d
    PG_ENV_DIR=$_pg_env_d
    PG_ENV_DATA=$_pg_env_d/data
    PG_ENV_LOG=$_pg_env_d/server.log
    export PG_ENV_DIR PG_ENV_DATA PG_ENV_LOG PG_ENV_BINDIR

    # Traps first, so that a failure or signal below still cleans up.
    [ "${PG_ENV_TRAP:-1}" = 0 ] || _pg_env_install_traps

    if [ "${_pg_env_uid:=$(id -u)}" -eq 0 ]; then
        if ! chown postgres "$_pg_env_dir"; then
            _pg_env_err "cannot chown $_pg_env_dir to postgres"
            pg_stop
            return 1
        fi
    fi

    # TZ=UTC spares initdb a scan of /usr/share/zoneinfo.
    _pg_env_ok=
    for _pg_env_loc in C.UTF-8 C; do
        if pg_as_server_user env LC_ALL=C TZ=UTC "$PG_ENV_BINDIR/initdb" \
                -D "$PG_ENV_DATA" -U postgres -A trust -E UTF8 \
                --locale="$_pg_env_loc" --no-sync \
                </dev/null >"$_pg_env_dir/initdb.log" 2>&1; then
            _pg_env_ok=1
            break
        fi
        pg_as_server_user rm -rf "$PG_ENV_DATA" || :
    done
    if [ -z "$_pg_env_ok" ]; then
        _pg_env_err "initdb failed: $(tail -n 1 "$_pg_env_dir/initdb.log" 2>/dev/null)"
        sed 's/^/# /' "$_pg_env_dir/initdb.log" >&2 2>/dev/null || :
        pg_stop
        return 1
    fi

    if ! {
        printf '\n# added by pg-env.sh\n'
        printf "listen_addresses = ''\n"
        printf "unix_socket_directories = '%s'\n" "$_pg_env_dir"
        printf 'port = %s\n' "$_pg_env_port"
        # Not synchronous_commit=off: commits would be lost by immediate stops.
        printf 'fsync = off\nfull_page_writes = off\n'
        printf 'shared_buffers = 16MB\nmax_connections = 50\n'
        printf "timezone = 'UTC'\nlog_timezone = 'UTC'\n"
        [ -z "${PG_ENV_CONF:-}" ] || printf '%s\n' "$PG_ENV_CONF"
    } >>"$PG_ENV_DATA/postgresql.conf"; then
        _pg_env_err "cannot write $PG_ENV_DATA/postgresql.conf"
        pg_stop
        return 1
    fi

    PGHOST=$_pg_env_dir
    PGPORT=$_pg_env_port
    PGUSER=postgres
    PGDATABASE=postgres
    PG_CONNINFO=$(pg_conninfo postgres)
    export PGHOST PGPORT PGUSER PGDATABASE PG_CONNINFO
    # These would override or confuse the settings above.
    unset PGHOSTADDR PGSERVICE PGSERVICEFILE PGCLUSTER PGDATA PGPASSWORD \
        PGREQUIRESSL PGSSLMODE PGTARGETSESSIONATTRS 2>/dev/null || :

    _pg_env_launch || { pg_stop; return 1; }
    _pg_env_start_watchdog
    return 0
}

pg_stop() {
    [ -n "${_pg_env_dir:-}" ] || return 0
    rm -f "$_pg_env_dir/.watchdog" 2>/dev/null || :
    if [ -f "$_pg_env_dir/data/postmaster.pid" ]; then
        if ! _pg_env_ctl -m immediate -w -t 30 stop \
                </dev/null >/dev/null 2>&1; then
            if _pg_env_pid=$(_pg_env_postmaster_pid); then
                kill -KILL "$_pg_env_pid" 2>/dev/null || :
            fi
        fi
    fi
    if [ "${PG_ENV_KEEP:-0}" = 1 ]; then
        _pg_env_err "keeping $_pg_env_dir"
    else
        rm -rf "$_pg_env_dir" 2>/dev/null || :
    fi
    _pg_env_dir=
    return 0
}

pg_psql() {
    if [ -z "${_pg_env_dir:-}" ]; then
        _pg_env_err "pg_psql: call pg_start first"
        return 1
    fi
    "$PG_ENV_PSQL" -X -q -v ON_ERROR_STOP=1 "$@"
}

# Quote a libpq connection-string value if needed.
_pg_env_cq() {
    case $1 in
    ''|*[!A-Za-z0-9_./-]*)
        printf "'%s'" "$(printf '%s' "$1" | sed "s/[\\\\']/\\\\&/g")" ;;
    *) printf '%s' "$1" ;;
    esac
}

pg_conninfo() {
    printf 'host=%s port=%s user=postgres dbname=%s\n' \
        "$(_pg_env_cq "$PGHOST")" "$PGPORT" "$(_pg_env_cq "${1:-postgres}")"
}

pg_createdb() {
    if [ $# -lt 1 ] || [ -z "$1" ]; then
        _pg_env_err "usage: pg_createdb NAME [SQLFILE...]"
        return 1
    fi
    _pg_env_db=$1
    shift
    # psql variables are not expanded in -c, hence stdin.
    printf 'CREATE DATABASE :"db";\n' |
        pg_psql -d postgres -v db="$_pg_env_db" -f - || return
    for _pg_env_f in "$@"; do
        pg_psql -d "$_pg_env_db" -f "$_pg_env_f" || return
    done
}

pg_restart_stop() {
    case ${1:-} in
    fast|immediate|smart) ;;
    *) _pg_env_err "usage: pg_restart_stop fast|immediate|smart"; return 1 ;;
    esac
    if [ -z "${_pg_env_dir:-}" ]; then
        _pg_env_err "pg_restart_stop: call pg_start first"
        return 1
    fi
    _pg_env_ctl -m "$1" -w -t "${PG_ENV_START_TIMEOUT:-60}" stop \
        </dev/null >>"$PG_ENV_DIR/pg_ctl.out" 2>&1 || {
        _pg_env_err "pg_ctl -m $1 stop failed"
        return 1
    }
}

pg_start_again() {
    if [ -z "${_pg_env_dir:-}" ]; then
        _pg_env_err "pg_start_again: call pg_start first"
        return 1
    fi
    if pg_is_running; then
        return 0
    fi
    _pg_env_launch
}
