# Starting, waiting for and stopping the devcloud's processes (sourced by up.sh and services/*.sh, not run).
# Needs lib/common.sh first.

# The devcloud's MariaDB as root, through its socket.
SQL() { mariadb --defaults-file="$STATE/etc/my.cnf" -uroot "$@"; }

# Each service runs in its own session (setsid), so its PID is its process-group id: down.sh and a retry stop
# exactly that group (the service and the workers it forked), nothing else on the machine.
start_service() {
  local name=$1
  shift
  if is_running "$name"; then return 0; fi
  echo "==== $(date -u +%FT%TZ) starting $name" >> "$STATE/log/$name.log"
  setsid "$@" >> "$STATE/log/$name.log" 2>&1 < /dev/null &
  echo $! > "$STATE/pids/$name.pid"
  grep -qx "$name" "$STATE/pids/ORDER" 2>/dev/null || echo "$name" >> "$STATE/pids/ORDER"
}

stop_service() {
  local pid i
  [ -f "$STATE/pids/$1.pid" ] || return 0
  pid=$(cat "$STATE/pids/$1.pid")
  kill -TERM -- "-$pid" 2>/dev/null || true
  for i in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$STATE/pids/$1.pid"
}

# wait_until NAME SECONDS CHECK...: polls CHECK (which must finish quickly on its own) until it succeeds, the
# service dies, or the deadline passes.
wait_until() {
  local name=$1 seconds=$2 deadline
  shift 2
  deadline=$(($(date +%s) + seconds))
  while :; do
    if "$@" > /dev/null 2>&1; then return 0; fi
    if ! is_running "$name"; then echo "[devcloud] $name exited" >&2; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "[devcloud] $name not ready after ${seconds}s" >&2; return 1; fi
    sleep 0.5
  done
}

# An HTTP API answers when its root (version discovery) returns any status below 500 within 5 s.
http_answers() {
  local code
  code=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$1") || return 1
  [ "$code" -ge 200 ] && [ "$code" -lt 500 ]
}

# ensure_service NAME SECONDS CHECK... -- COMMAND...: start the service, wait until CHECK passes; on failure show its
# log, stop it and try exactly once more; a second failure ends up.sh.
declare -A SERVICE_COMMAND
ensure_service() {
  local name=$1 seconds=$2 attempt
  shift 2
  local check=()
  while [ "$1" != "--" ]; do check+=("$1"); shift; done
  shift
  for attempt in 1 2; do
    start_service "$name" "$@"
    if wait_until "$name" "$seconds" "${check[@]}"; then return 0; fi
    show_log "$name" 40
    stop_service "$name"
    [ "$attempt" = 1 ] && say "retrying $name once"
  done
  die "$name did not start (log: $STATE/log/$name.log)"
}

# uwsgi's --http-socket closes the connection after each answer without saying so; clients that reuse it fail with
# "Remote end closed connection without response" (nova-scheduler dies of it at start): say "Connection: close".
# keystone's cache is in memcached, so several processes stay coherent.
UWSGI=(uwsgi --plugin python3 --master --die-on-term --need-app --buffer-size 65535 --enable-threads
  --thunder-lock --disable-logging --vacuum --listen 128 --harakiri 60 --add-header "Connection: close")
