#!/usr/bin/env bash
# A throwaway PostgreSQL for the store tests: its own data folder and port, started only if not running.
# Prints nothing on success; the tests read STACKSWEEP_TEST_PG_URL or default to this port.
set -euo pipefail
PGDIR=${STACKSWEEP_PG_DIR:-/tmp/stacksweep-pg}
PORT=${STACKSWEEP_PG_PORT:-55432}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$BIN" ] || { echo "postgres-up: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
if [ ! -f "$PGDIR/PG_VERSION" ]; then
  mkdir -p "$PGDIR"; chown postgres:postgres "$PGDIR"
  su postgres -s /bin/sh -c "$BIN/initdb -D $PGDIR -A trust -U postgres" >/dev/null
fi
if ! su postgres -s /bin/sh -c "$BIN/pg_ctl -D $PGDIR status" >/dev/null 2>&1; then
  su postgres -s /bin/sh -c "$BIN/pg_ctl -D $PGDIR -l $PGDIR/server.log -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' -w start" >/dev/null
fi
su postgres -s /bin/sh -c "psql -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='stacksweep_test'\"" | grep -q 1 ||
  su postgres -s /bin/sh -c "createdb -h 127.0.0.1 -p $PORT -U postgres stacksweep_test"
