# shellcheck shell=bash
# Throwaway PostgreSQL for tests. Usage (from bash):
#   source .ci/pg.sh
#   pg_up      # starts (or reuses) a cluster; exports DATABASE_URL, PGHOST, PGPORT, PGUSER
#   ...        # migrate, pytest
#   pg_down    # fast shutdown and delete the data dir (pg_up also sets it as the EXIT trap)
# Works as root (the server runs as the `postgres` OS user via runuser) and as a normal user.

pg__bin() {
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    # Only when missing: on these machines `apt-get install postgresql` would upgrade packages.
    echo "pg.sh: installing postgresql from apt" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null || return 1
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$d"
}

pg__as() {  # run as the cluster owner, from a cwd it can read
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg__free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_up() {
  # Reuse a cluster started by an earlier pg_up in this shell.
  if [ -n "${PG_ROOT:-}" ] && [ -f "$PG_ROOT/data/postmaster.pid" ] \
     && pg__as "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" status >/dev/null 2>&1; then
    return 0
  fi
  PG_BIN=$(pg__bin) || return 1
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  # Not $TMPDIR: the `postgres` user must be able to traverse the parent (/tmp yes, a home no).
  PG_ROOT=$(mktemp -d "${PG_TMPDIR:-/tmp}/ci-pg.XXXXXX")
  export PG_ROOT PG_BIN
  trap pg_down EXIT  # replaces any EXIT trap the caller had
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_ROOT"; fi
  PGPORT=${PG_PORT:-$(pg__free_port)}
  pg__as "$PG_BIN/initdb" -D "$PG_ROOT/data" -U postgres --auth=trust \
      -E UTF8 --locale=C.UTF-8 >"$PG_ROOT/initdb.log" 2>&1 \
    || { cat "$PG_ROOT/initdb.log" >&2; return 1; }
  # Durability off: the data is thrown away, and tests run much faster.
  pg__as "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -l "$PG_ROOT/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PG_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null \
    || { cat "$PG_ROOT/server.log" >&2; return 1; }
  # CREATEDB because pytest-django creates and drops test_app.
  pg__as "$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE ROLE app LOGIN CREATEDB PASSWORD 'app'" -c "CREATE DATABASE app OWNER app" \
    || return 1
  export PGPORT PGHOST=127.0.0.1 PGUSER=app PGPASSWORD=app PGDATABASE=app
  export DATABASE_URL="postgres://app:app@127.0.0.1:$PGPORT/app"
}

pg_down() {
  [ -n "${PG_ROOT:-}" ] && [ -d "$PG_ROOT" ] || return 0
  pg__as "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_ROOT"
  unset PG_ROOT
}
