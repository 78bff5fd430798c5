#!/usr/bin/env bash
# Start a throwaway PostgreSQL on loopback for the store tests and print the URL to use as
# WARTA_TEST_POSTGRES. Needs Debian's postgresql package (scripts/system_deps.sh installs it).
set -eu
port=${WARTA_PG_PORT:-54329}
dir=${WARTA_PG_DIR:-/tmp/warta-pg}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "no PostgreSQL server installed" >&2; exit 1; }
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if ! pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  rm -rf "$dir" && mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  run "$bin/initdb -D $dir/data -A trust -U postgres >/dev/null"
  run "$bin/pg_ctl -D $dir/data -l $dir/log -w -o '-c listen_addresses=127.0.0.1 -p $port -k $dir' start >/dev/null"
fi
"$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='warta_test'" | grep -q 1 \
  || "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres warta_test
echo "postgresql://postgres@127.0.0.1:$port/warta_test"
