#!/usr/bin/env bash
# Stops the server scripts/pg-start.sh started.
set -euo pipefail
dir="${1:-/tmp/convoca-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir" -m fast stop; else "$bin/pg_ctl" -D "$dir" -m fast stop; fi
