#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL for the tests.
#   scripts/postgres.sh start DIR   → prints the DATABASE_URL of a fresh database
#   scripts/postgres.sh stop DIR
# PostgreSQL refuses to run as root, so as root the server runs as `postgres`.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

if [ "$cmd" = stop ]; then
  bin=$(pg_bin) || exit 0
  [ -f "$dir/data/postmaster.pid" ] && as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

if ! bin=$(pg_bin); then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing PostgreSQL (Debian package postgresql)…" >&2
    (apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }) >&2
    bin=$(pg_bin)
  else
    echo "PostgreSQL server binaries not found. Install them: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
fi

# initdb runs as `postgres` and writes to /dev/null: a /dev/null that lost its
# world-write bit (seen once on a shared machine) fails it with "cannot create
# /dev/null". As root, repair it rather than fail obscurely.
if [ "$(id -u)" = 0 ] && [ "$(stat -c %a /dev/null)" != 666 ]; then
  echo "/dev/null was mode $(stat -c %a /dev/null); restoring 666 (initdb needs it writable by postgres)" >&2
  chmod 666 /dev/null
fi

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
  chown postgres "$dir"; chmod 700 "$dir"
fi
as_owner "'$bin/initdb' -D '$dir/data' -U postgres -A trust --no-sync -E UTF8 --locale=C" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "postgresql://postgres@127.0.0.1:$port/postgres"
