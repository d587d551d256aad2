#!/usr/bin/env bash
# Starts the services the unit/integration tier uses: a throwaway PostgreSQL cluster on 127.0.0.1:55432
# (STACKSWEEP_TEST_PG_URL tells the store tests where it is). The real-OpenStack tier starts its own.
set -euo pipefail
exec bash test/services/postgres-up.sh
