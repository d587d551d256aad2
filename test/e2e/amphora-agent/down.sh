#!/bin/bash
# Stops what up.sh started (by recorded pid, after checking each one's command line) and removes the network
# namespace. The agent's tmpfs and mounts die with its mount namespace.
set -uo pipefail
STATE=${STACKSWEEP_AMPHORA_AGENT_STATE:-/var/lib/stacksweep-amphora-agent}
stop() { # pidfile pattern
  [ -f "$1" ] || return 0
  local pid
  pid=$(cat "$1")
  if kill -0 "$pid" 2> /dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -Eq "$2"; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2> /dev/null && kill -KILL "$pid"
  fi
  rm -f "$1"
}
# gunicorn retitles its master "gunicorn: master [gunicorn]"
stop "$STATE/pids/agent.pid" 'amphora-agent|gunicorn: master'
stop "$STATE/pids/syslog-sink.pid" 'syslog-sink.py'
if ip netns list | grep -qw amphora-haproxy; then ip netns del amphora-haproxy; fi
exit 0
