#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the persistence contract tests.
#
#   eng/pg-test-cluster.sh start   create + start a cluster (idempotent), print the export line
#   eng/pg-test-cluster.sh env     print the export line of the running cluster
#   eng/pg-test-cluster.sh stop    stop the cluster and remove its directory (idempotent)
#
# Typical use:  eval "$(eng/pg-test-cluster.sh start)"
#
# The cluster lives in ${JIDO_PG_TEST_DIR:-${TMPDIR:-/tmp}/jido-pg-test}, listens on 127.0.0.1 only
# (a free port picked at start), trusts loopback connections and holds one database, jido_test.
# Quiet on success (only the export line is printed); on failure the server log goes to stderr.
set -euo pipefail

PG_BIN="${JIDO_PG_BIN:-/usr/lib/postgresql/15/bin}"
STATE_DIR="${JIDO_PG_TEST_DIR:-${TMPDIR:-/tmp}/jido-pg-test}"
DATA_DIR="$STATE_DIR/data"
LOG_FILE="$STATE_DIR/server.log"
ENV_FILE="$STATE_DIR/env"
PORT_FILE="$STATE_DIR/port"
DATABASE="jido_test"

die() {
    echo "pg-test-cluster: $*" >&2
    if [[ -f "$LOG_FILE" ]]; then
        echo "---- last lines of $LOG_FILE ----" >&2
        tail -n 40 "$LOG_FILE" >&2 || true
    fi
    exit 1
}

# initdb and postgres refuse to run as root, so as root everything runs as the postgres OS user.
as_pg() {
    if [[ "$(id -u)" -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [[ -f "$DATA_DIR/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1
}

free_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    local port
    for port in $(seq 54320 54420); do
        # A refused connection means nothing listens there.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    return 1
}

connection_string() {
    echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=$DATABASE"
}

write_env() {
    echo "export JIDO_TEST_POSTGRES='$(connection_string "$1")'" >"$ENV_FILE"
}

cmd_env() {
    is_running || die "no cluster is running in $STATE_DIR; run: eng/pg-test-cluster.sh start"
    cat "$ENV_FILE"
}

cmd_stop() {
    if is_running; then
        as_pg "$PG_BIN/pg_ctl" stop -D "$DATA_DIR" -m fast -w >/dev/null 2>&1 || die "pg_ctl stop failed"
    fi
    rm -rf "$STATE_DIR"
}

try_start_on() {
    local port="$1"
    as_pg "$PG_BIN/pg_ctl" start -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$STATE_DIR'" >/dev/null 2>&1
}

cmd_start() {
    [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL binaries not found in $PG_BIN (set JIDO_PG_BIN)"
    if is_running; then
        cat "$ENV_FILE"
        return
    fi
    # Whatever is left from a crashed or half-finished start is useless: begin afresh.
    rm -rf "$STATE_DIR"
    mkdir -p "$STATE_DIR"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres: "$STATE_DIR"
    fi
    chmod 700 "$STATE_DIR"
    as_pg test -w "$STATE_DIR" \
        || die "the postgres OS user cannot reach $STATE_DIR; set JIDO_PG_TEST_DIR (or TMPDIR) to a directory under /tmp"
    touch "$LOG_FILE"
    if [[ "$(id -u)" -eq 0 ]]; then
        chown postgres: "$LOG_FILE"
    fi

    as_pg "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >>"$LOG_FILE" 2>&1 || die "initdb failed"
    # Loopback only: no unix-socket or remote entries beyond what the tests need.
    as_pg bash -c "cat >'$DATA_DIR/pg_hba.conf'" <<'EOF'
local   all   all                 trust
host    all   all   127.0.0.1/32  trust
EOF

    local port="" attempt
    for attempt in 1 2 3 4 5; do
        port="$(free_port)" || die "no free loopback port found"
        if try_start_on "$port"; then
            break
        fi
        port=""
    done
    [[ -n "$port" ]] || die "pg_ctl start failed"

    local waited=0
    until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; do
        waited=$((waited + 1))
        [[ $waited -le 60 ]] || die "server did not become ready on port $port"
        sleep 1
    done

    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DATABASE" >>"$LOG_FILE" 2>&1 \
        || die "createdb $DATABASE failed"
    echo "$port" >"$PORT_FILE"
    write_env "$port"
    cat "$ENV_FILE"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    env) cmd_env ;;
    *)
        echo "usage: $0 start|stop|env" >&2
        exit 2
        ;;
esac
