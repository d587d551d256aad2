#!/bin/bash
# Designate (DNS) on the running devcloud: designate-api on 127.0.0.1:9001, designate-central, designate-worker and
# designate-producer, on the devcloud's MariaDB (database designate) and RabbitMQ.
#
# DNS backend: Designate's own "fake" backend, which accepts every zone change and serves nothing. A real one
# (BIND 9, PowerDNS) would be one more daemon on a DNS port for no gain here: stacksweep reads Designate's API, never
# a nameserver. The pool's one nameserver is designate-mdns (127.0.0.1:5354), which answers from Designate's own
# database: the worker polls it for a change's serial (central marks a zone ACTIVE only at the serial it asked for)
# and sends it the NOTIFY it sends a backend. mdns still answers for a zone being deleted, which no real nameserver
# would, so the worker's threshold is 0 %: a change counts as done once the backend took it.
# Idempotent; runnable alone: bash test/e2e/devcloud/services/designate.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/support/debian-service.sh"

DESIGNATE_URL=http://127.0.0.1:9001
DESIGNATE_CONF=(--config-file "$STATE/etc/designate/designate.conf")
# Designate's default pool id (designate.conf [service:central] default_pool_id): zones land in it unless asked.
DEFAULT_POOL_ID=794ccc2c-d751-44fe-b57f-8894c9f5c842
DAEMONS=(designate-central designate-mdns designate-worker designate-producer designate-api)
designate_answers() { http_answers "$DESIGNATE_URL/"; }
all_up() { local d; for d in "${DAEMONS[@]}"; do is_running "$d" || return 1; done; }
if all_up && [ -f "$STATE/run/designate.done" ] && designate_answers; then
  say "designate already up"
  exit 0
fi
[ -f "$STATE/clouds.yaml" ] || die "the devcloud is not up (no $STATE/clouds.yaml): run test/e2e/devcloud/up.sh first"
t=$(date +%s)

extract_debian_package designate-common
write_launcher designate-manage designate.cmd.manage
for d in "${DAEMONS[@]}"; do write_launcher "$d" "designate.cmd.${d#designate-}"; done
mkdir -p "$STATE/etc/designate" "$STATE/data/designate/locks"
cp "$STATE/debs/designate-common/usr/share/designate-common/api-paste.ini" "$STATE/etc/designate/api-paste.ini"
{
  cat <<CONF
[DEFAULT]
transport_url = $RABBIT_URL
host = devcloud
use_stderr = true
state_path = $STATE/data/designate
[oslo_concurrency]
lock_path = $STATE/data/designate/locks
[oslo_messaging_notifications]
driver = noop
[storage:sqlalchemy]
connection = $DB_URL/designate
[service:api]
listen = 127.0.0.1:9001
api_base_uri = $DESIGNATE_URL/
api_paste_config = $STATE/etc/designate/api-paste.ini
auth_strategy = keystone
enable_api_v2 = true
enable_api_admin = true
enabled_extensions_admin = quotas
workers = 1
threads = 64
[service:central]
workers = 1
default_pool_id = $DEFAULT_POOL_ID
[service:worker]
workers = 1
# threads: the default 200 green threads. The worker runs a change as tasks nested in one pool (zone, target, NOTIFY,
# poll): with 16, a few changes at once held every thread waiting for their own subtasks, and no zone left PENDING.
threshold_percentage = 0
poll_delay = 0
poll_retry_interval = 1
poll_max_retries = 1
[service:producer]
workers = 1
[service:mdns]
listen = 127.0.0.1:5354
workers = 1
threads = 16
CONF
  authtoken_section designate
} > "$STATE/etc/designate/designate.conf"
cat > "$STATE/etc/designate/pools.yaml" <<'POOLS'
- name: default
  id: 794ccc2c-d751-44fe-b57f-8894c9f5c842
  description: devcloud pool on the no-op fake backend
  attributes: {}
  ns_records:
    - hostname: ns1.devcloud.test.
      priority: 1
  nameservers:
    - host: 127.0.0.1
      port: 5354
  targets:
    - type: fake
      description: no-op backend (serves nothing)
      masters:
        - host: 127.0.0.1
          port: 5354
      # where the worker sends its NOTIFY: designate-mdns, which answers it
      options:
        host: 127.0.0.1
        port: 5354
POOLS

SQL -e "CREATE DATABASE IF NOT EXISTS designate"
if [ ! -f "$STATE/data/dbsync-designate.done" ]; then
  "$STATE/bin/designate-manage" "${DESIGNATE_CONF[@]}" database sync > "$STATE/log/dbsync-designate.log" 2>&1 ||
    { show_log dbsync-designate 20; die "designate-manage database sync failed"; }
  touch "$STATE/data/dbsync-designate.done"
fi

if [ ! -f "$STATE/run/designate-identity.done" ]; then
  register_service designate dns "$DESIGNATE_URL"
  touch "$STATE/run/designate-identity.done"
fi

start_service designate-central "$STATE/bin/designate-central" "${DESIGNATE_CONF[@]}"
start_service designate-api "$STATE/bin/designate-api" "${DESIGNATE_CONF[@]}"
# designate-manage pool update asks central over RabbitMQ: it answers once central is up.
pool_updated() {
  "$STATE/bin/designate-manage" "${DESIGNATE_CONF[@]}" pool update --file "$STATE/etc/designate/pools.yaml" \
    >> "$STATE/log/designate-pool-update.log" 2>&1
}
ensure_service designate-central 120 pool_updated -- "$STATE/bin/designate-central" "${DESIGNATE_CONF[@]}"
# The worker reads the pool's targets once, at start: it starts after the pool is written.
for d in designate-mdns designate-worker designate-producer; do start_service "$d" "$STATE/bin/$d" "${DESIGNATE_CONF[@]}"; done
ensure_service designate-api 90 designate_answers -- "$STATE/bin/designate-api" "${DESIGNATE_CONF[@]}"
alive_for_5s() { local deadline=$(($(date +%s) + 5)); while [ "$(date +%s)" -lt "$deadline" ]; do is_running "$1" || return 1; sleep 0.5; done; }
for d in designate-mdns designate-worker designate-producer; do
  ensure_service "$d" 30 alive_for_5s "$d" -- "$STATE/bin/$d" "${DESIGNATE_CONF[@]}"
done
touch "$STATE/run/designate.done"
timing designate_start_s $(($(date +%s) - t))
say "designate up in $(($(date +%s) - t))s: $DESIGNATE_URL"
