#!/bin/bash
# The end-to-end tier: brings the devcloud up when it is not running (a running one is reused), runs the suites
# (test/e2e/*.e2e.test.ts) with the arguments given (e.g. --reporter=json --outputFile=...), prints each service's
# last log lines when a suite fails, and leaves the devcloud running for the next run unless STACKSWEEP_E2E_DOWN=1.
set -uo pipefail
cd "$(dirname "$0")/../.."
DEVCLOUD=test/e2e/devcloud
export STACKSWEEP_DEVCLOUD_STATE=${STACKSWEEP_DEVCLOUD_STATE:-/var/lib/stacksweep-devcloud}
STATE=$STACKSWEEP_DEVCLOUD_STATE

print_service_logs() {
  local file name
  for file in "$STATE"/log/*.log; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .log)
    [ -f "$STATE/pids/$name.pid" ] || continue
    echo "---- $name: last 15 lines of $file ----"
    tail -n 15 "$file"
  done
}

# Resident memory of everything the devcloud runs (each service is a process group; shared pages count per process,
# so this over-counts forked workers a little).
devcloud_memory_mib() {
  local file total=0 rss
  for file in "$STATE"/pids/*.pid; do
    [ -e "$file" ] || continue
    rss=$(ps -o rss= -g "$(cat "$file")" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
    total=$((total + rss))
  done
  echo $((total / 1024))
}

# Services beside the devcloud (Ceph, amphora agents, ...): every test/e2e/<name>/up.sh other than the devcloud's,
# started side by side with it; each reuses a running instance and leaves it running, as the devcloud does.
beside=()
for up in test/e2e/*/up.sh; do
  [ "$up" = "$DEVCLOUD/up.sh" ] || beside+=("$up")
done
declare -A beside_pid=()
for up in "${beside[@]}"; do
  name=$(basename "$(dirname "$up")")
  mkdir -p test-results
  (
    s=$(date +%s)
    bash "$up" > "test-results/$name-up.log" 2>&1 && echo "::: $name ready in $(($(date +%s) - s)) s"
  ) &
  beside_pid[$name]=$!
done

started=$(date +%s)
if ! bash "$DEVCLOUD/up.sh"; then
  echo "::: the devcloud did not come up; service logs follow"
  print_service_logs
  exit 1
fi
echo "::: devcloud ready in $(($(date +%s) - started)) s, $(devcloud_memory_mib) MiB resident"
for name in "${!beside_pid[@]}"; do
  if ! wait "${beside_pid[$name]}"; then
    echo "::: $name did not come up; its log follows"
    tail -n 40 "test-results/$name-up.log"
    exit 1
  fi
done

# A service beside the devcloud that the devcloud's own services use joins it once both are up: its
# test/e2e/<name>/join-devcloud.sh (Ceph gives Cinder and Glance a second backend), idempotent like the up.sh scripts.
for name in "${!beside_pid[@]}"; do
  join=test/e2e/$name/join-devcloud.sh
  [ -f "$join" ] || continue
  if ! bash "$join" > "test-results/$name-join.log" 2>&1; then
    echo "::: $name did not join the devcloud; its log follows"
    tail -n 40 "test-results/$name-join.log"
    exit 1
  fi
done

npx vitest run --config vitest.e2e.config.ts "$@"
status=$?
if [ "$status" != 0 ]; then
  echo "::: an end-to-end suite failed; the devcloud services' last log lines follow"
  print_service_logs
fi
if [ "${STACKSWEEP_E2E_DOWN:-0}" = 1 ]; then
  bash "$DEVCLOUD/down.sh"
fi
exit "$status"
