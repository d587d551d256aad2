# Shared settings and helpers for the devcloud scripts (sourced, not run).
# Every path the devcloud writes lives under one state folder, so `down.sh` and a reset know exactly what is ours.

# Debian's python3 must run the services: a pyenv or venv python3 earlier on PATH lacks the OpenStack modules.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive
umask 022

STATE=${STACKSWEEP_DEVCLOUD_STATE:-/var/lib/stacksweep-devcloud}
PASS=${STACKSWEEP_DEVCLOUD_PASSWORD:-devcloud}
PY=/usr/bin/python3
KEYSTONE_URL=http://127.0.0.1:5000

DEVCLOUD_T0=${DEVCLOUD_T0:-$(date +%s)}
export DEVCLOUD_T0
say() { echo "[devcloud +$(($(date +%s) - DEVCLOUD_T0))s] $*"; }
die() { echo "[devcloud] ERROR: $*" >&2; exit 1; }
timing() { echo "$1=$2" >> "$STATE/timings.txt"; }

# A service is ours and alive when its recorded PID (a process-group leader, see start_service) answers kill -0.
is_running() { [ -f "$STATE/pids/$1.pid" ] && kill -0 "$(cat "$STATE/pids/$1.pid")" 2>/dev/null; }

# Prints the last lines of a service's log, for a failure message.
show_log() {
  local log="$STATE/log/$1.log"
  echo "---- last ${2:-30} lines of $1's log ($log) ----" >&2
  if [ -f "$log" ]; then tail -n "${2:-30}" "$log" >&2; else echo "(no log)" >&2; fi
  echo "---- end of $1's log ----" >&2
}
