#!/bin/bash
# Stops the devcloud: only the processes up.sh started, by the PIDs it recorded under $STATE/pids.
# Each was started with setsid, so its PID is its process-group id: the group (the service and the workers it
# forked) gets TERM, then KILL after 10 s. State (databases, configs, logs) is kept; up.sh starts it again.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

[ -d "$STATE/pids" ] || { say "nothing to stop ($STATE/pids does not exist)"; exit 0; }

group_alive() { kill -0 -- "-$1" 2>/dev/null; }
stop() {
  local name=$1 file="$STATE/pids/$1.pid" pid i
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if [[ "$pid" =~ ^[0-9]+$ ]] && group_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null
    for i in $(seq 1 40); do group_alive "$pid" || break; sleep 0.25; done
    if group_alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null; say "killed $name (process group $pid)"; else say "stopped $name"; fi
  fi
  rm -f "$file"
}

# The OpenStack services first (newest first), the database, queue and cache they use last.
if [ -f "$STATE/pids/ORDER" ]; then
  tac "$STATE/pids/ORDER" | while read -r name; do
    case "$name" in mariadb | rabbitmq | epmd | memcached) ;; *) stop "$name" ;; esac
  done
fi
for name in rabbitmq epmd memcached mariadb; do stop "$name"; done
# A PID file whose name is not in ORDER (an interrupted up.sh) is ours too.
for file in "$STATE"/pids/*.pid; do
  [ -e "$file" ] && stop "$(basename "$file" .pid)"
done
rm -f "$STATE/pids/ORDER"
exit 0
