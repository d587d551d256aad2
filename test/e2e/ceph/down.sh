#!/bin/bash
# Stops the Ceph of up.sh: only its own daemons, by the PIDs they recorded, each checked against its command line
# first. State is kept; up.sh starts the cluster again from it. Stop any RBD client first: a librbd client whose
# cluster has gone away hangs in close().
set -uo pipefail
STATE=${STACKSWEEP_CEPH_STATE:-/var/lib/stacksweep-ceph}
CONF=$STATE/ceph.conf
[ -d "$STATE/run" ] || { echo "[ceph] nothing to stop ($STATE/run does not exist)"; exit 0; }

stop() { # pid file
  local name pid
  name=$(basename "$1" .pid)
  name=${name#ceph-}
  pid=$(cat "$1" 2>/dev/null)
  if [ -z "$pid" ] || [ ! -r "/proc/$pid/cmdline" ] ||
    ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "ceph-${name%%.*} .*--conf $CONF .*-i ${name#*.}"; then
    rm -f "$1"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
  [ -d "/proc/$pid" ] && { echo "[ceph] $name ignored TERM for 20 s: KILL"; kill -KILL "$pid"; }
  rm -f "$1"
  echo "[ceph] stopped $name (pid $pid)"
}

# The OSD first, the monitor last (the others report to it on the way down).
for file in "$STATE"/run/ceph-osd.*.pid "$STATE"/run/ceph-mgr.*.pid "$STATE"/run/ceph-mon.*.pid; do
  [ -e "$file" ] && stop "$file"
done
exit 0
