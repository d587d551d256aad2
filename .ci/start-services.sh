#!/usr/bin/env bash
# Starts the services the unit/integration tier cannot start itself. PostgreSQL is not one of them: the tier's
# globalSetup (test/support/services/postgres.ts) starts a throwaway server for each run, from Debian's binaries that
# install-debian-packages.sh installs (STACKSWEEP_TEST_PG_URL points the tests at another one instead). The
# real-OpenStack tier starts its own.
set -euo pipefail
