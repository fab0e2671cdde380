#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the tests and the benchmark, and prints
# its URL. Usage: scripts/pg-start.sh [dir] [port] [durable]; stop it with scripts/pg-stop.sh [dir].
# Without "durable" it runs with fsync off (a test server keeps nothing worth keeping); with it,
# with PostgreSQL's default durability, as a benchmark against production settings needs.
# Runs as the postgres user when started by root (the server refuses to run as root).
set -euo pipefail
dir="${1:-/tmp/convoca-pg}"
port="${2:-55432}"
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${3:-}" = "durable" ] && durability=""
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "PostgreSQL no está instalado (apt-get install postgresql)." >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$dir"
  as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-h 127.0.0.1 -p $port -k $dir $durability -c max_connections=300" \
    start >/dev/null
fi
as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname = 'convoca'" | grep -q 1 \
  || as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database convoca"
echo "postgres://postgres@127.0.0.1:$port/convoca"
