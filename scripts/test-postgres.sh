#!/usr/bin/env bash
# The whole suite (unit, integration, end-to-end) on PostgreSQL. Uses TEST_DATABASE_URL when it
# names a server; otherwise starts a throwaway one on loopback (scripts/pg-start.sh), and stops
# it at the end. Each test file works in a schema of its own, dropped after.
set -euo pipefail
cd "$(dirname "$0")/.."
started=""
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  dir="$(mktemp -d /tmp/convoca-pg-test.XXXXXX)"
  TEST_DATABASE_URL="$(scripts/pg-start.sh "$dir" "${PG_TEST_PORT:-55433}")"
  started="$dir"
  trap 'scripts/pg-stop.sh "$started" >/dev/null 2>&1 || true; rm -rf "$started"' EXIT
fi
export TEST_DATABASE_URL
echo "== PostgreSQL: $(psql "$TEST_DATABASE_URL" -tAc 'show server_version') at ${TEST_DATABASE_URL%%\?*}"
npx vitest run --project unit
npx remix build >/dev/null
npx vitest run --project e2e
