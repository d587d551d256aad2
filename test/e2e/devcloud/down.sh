#!/bin/bash
# Stops the devcloud: only the processes up.sh started, by the PIDs it recorded under $STATE/pids.
# Each was started with setsid, so its PID is its process-group id: the group (the service and the workers it
# forked) gets TERM, then KILL after 10 s. State (databases, configs, logs) is kept; up.sh starts it again.
set -uo pipefail
source "$(dirname "$0")/lib/common.sh"

[ -d "$STATE/pids" ] || { say "nothing to stop ($STATE/pids does not exist)"; exit 0; }

group_alive() { kill -0 -- "-$1" 2>/dev/null; }
# stop NAME...: TERM to every named group at once, then up to 10 s for all of them together, then KILL the rest.
stop() {
  local name file pid i alive
  local -A pids=()
  for name in "$@"; do
    file="$STATE/pids/$name.pid"
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    if [[ "$pid" =~ ^[0-9]+$ ]] && group_alive "$pid"; then
      kill -TERM -- "-$pid" 2>/dev/null
      pids[$name]=$pid
    else
      rm -f "$file"
    fi
  done
  for i in $(seq 1 40); do
    alive=0
    for name in "${!pids[@]}"; do group_alive "${pids[$name]}" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.25
  done
  for name in "${!pids[@]}"; do
    if group_alive "${pids[$name]}"; then
      kill -KILL -- "-${pids[$name]}" 2>/dev/null
      say "killed $name (process group ${pids[$name]}) after 10 s"
    else
      say "stopped $name"
    fi
    rm -f "$STATE/pids/$name.pid"
  done
}

# The OpenStack services first, then the database, queue and cache they use, each group in parallel.
services=()
for file in "$STATE"/pids/*.pid; do
  [ -e "$file" ] || continue
  name=$(basename "$file" .pid)
  case "$name" in mariadb | rabbitmq | epmd | memcached) ;; *) services+=("$name") ;; esac
done
[ ${#services[@]} -gt 0 ] && stop "${services[@]}"
stop rabbitmq memcached
stop epmd mariadb
rm -f "$STATE/pids/ORDER"
exit 0
