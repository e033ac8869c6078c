#!/usr/bin/env bash
# Start the real PostgreSQL and Redis that the service tests use (issue 6), on loopback only.
#
#   eval "$(scripts/ci_services.sh)"     # sets RADPILOT_TEST_PG_URL and RADPILOT_TEST_REDIS_URL
#
# Installs Debian's `postgresql` and `redis-server` packages when they are missing, starts them (no systemd
# needed), creates the test role and database, and prints the `export ...` lines on stdout; everything else
# goes to stderr. Idempotent: a second run finds everything up and prints the same lines.
# Needs root (or sudo) on Debian 12. Ports: RADPILOT_CI_PG_PORT (5432), RADPILOT_CI_REDIS_PORT (6379).
set -euo pipefail

PG_PORT="${RADPILOT_CI_PG_PORT:-5432}"
REDIS_PORT="${RADPILOT_CI_REDIS_PORT:-6379}"
PG_USER="radpilot"
PG_PASSWORD="radpilot"
PG_DB="radpilot_test"

log() { echo "ci_services: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
else
    log "needs root (or sudo) to install and start PostgreSQL and Redis"
    exit 1
fi

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -n -u postgres -- "$@"
    fi
}

# --- install --------------------------------------------------------------------------------------------
missing=()
command -v pg_lsclusters >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq >&2
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# --- PostgreSQL -----------------------------------------------------------------------------------------
PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if [ -z "$PG_VERSION" ]; then
    log "no PostgreSQL server found under /usr/lib/postgresql"
    exit 1
fi
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION main"; then
    log "creating PostgreSQL $PG_VERSION cluster 'main' on port $PG_PORT"
    "${SUDO[@]}" pg_createcluster "$PG_VERSION" main --port "$PG_PORT" >&2
fi
CLUSTER_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')"
if [ "$CLUSTER_PORT" != "$PG_PORT" ]; then
    log "the PostgreSQL $PG_VERSION/main cluster listens on port $CLUSTER_PORT; using that"
    PG_PORT="$CLUSTER_PORT"
fi
STATUS="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $4}')"
if [ "$STATUS" != "online" ]; then
    log "starting PostgreSQL $PG_VERSION/main (loopback only)"
    # listen_addresses=localhost is Debian's default; set it explicitly so the server never listens outside.
    "${SUDO[@]}" pg_conftool "$PG_VERSION" main set listen_addresses localhost >&2
    "${SUDO[@]}" pg_ctlcluster "$PG_VERSION" main start >&2
fi
for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then break; fi
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$PG_PORT" || { log "PostgreSQL did not become ready on port $PG_PORT"; exit 1; }

psql_admin() { as_postgres psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qtAX "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
    log "creating role $PG_USER"
    psql_admin -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD' CREATEDB" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_USER" >&2
fi

# --- Redis ----------------------------------------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "starting redis-server on 127.0.0.1:$REDIS_PORT"
    REDIS_DIR="${TMPDIR:-/tmp}/radpilot-ci-redis"
    mkdir -p "$REDIS_DIR"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --daemonize yes \
        --dir "$REDIS_DIR" --save '' --appendonly no --logfile "$REDIS_DIR/redis.log" >&2
    for _ in $(seq 1 40); do
        if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then break; fi
        sleep 0.25
    done
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 || { log "Redis did not start"; exit 1; }
fi

echo "export RADPILOT_TEST_PG_URL=postgresql+psycopg://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
echo "export RADPILOT_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/15"
