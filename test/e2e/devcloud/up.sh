#!/bin/bash
# Brings up the devcloud: a small, real OpenStack Zed (Debian 12's packages) on 127.0.0.1 with fake/noop drivers
# (keystone, placement, nova, cinder, neutron, glance, octavia on MariaDB, RabbitMQ and memcached), no systemd.
# Idempotent: a running devcloud is reused; a half-started one is completed. Run as root.
#
#   STACKSWEEP_DEVCLOUD_STATE     state folder: configs, databases, logs, PIDs (default /var/lib/stacksweep-devcloud)
#   STACKSWEEP_DEVCLOUD_PASSWORD  password of admin and the service users (default devcloud)
#   STACKSWEEP_DEVCLOUD_RESET=1   stop the devcloud and wipe its state folder first
#   STACKSWEEP_DEVCLOUD_NO_OCTAVIA=1  without octavia
#
# On success: $STATE/clouds.yaml (clouds "devcloud" and "devcloud-system"), $STATE/timings.txt.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib/common.sh"
source "$HERE/lib/configs.sh"
source "$HERE/lib/process.sh"

NO_OCTAVIA=${STACKSWEEP_DEVCLOUD_NO_OCTAVIA:-0}
[ "$(id -u)" = 0 ] || die "run as root (it installs packages and runs MariaDB and RabbitMQ as their users)"

if [ "${STACKSWEEP_DEVCLOUD_RESET:-0}" = 1 ] && [ -d "$STATE" ]; then
  say "reset: stopping the devcloud and removing $STATE"
  bash "$HERE/down.sh"
  rm -rf "$STATE"
fi
mkdir -p "$STATE"/{etc,log,pids,data,bin,wsgi,pylib,run}

SERVICES_API=(keystone placement glance-api neutron-server nova-api cinder-api)
SERVICES_WORKERS=(nova-conductor nova-scheduler nova-compute cinder-scheduler cinder-volume)
if [ "$NO_OCTAVIA" != 1 ]; then
  SERVICES_API+=(octavia-api)
  SERVICES_WORKERS+=(octavia-worker octavia-health-manager octavia-housekeeping)
fi
ALL_SERVICES=(mariadb memcached epmd rabbitmq "${SERVICES_API[@]}" "${SERVICES_WORKERS[@]}")

identity() { DEVCLOUD_PASSWORD=$PASS DEVCLOUD_NO_OCTAVIA=$NO_OCTAVIA "$PY" "$HERE/lib/identity.py" "$@"; }

# Services beyond the core (object storage, DNS, orchestration, ...): each test/e2e/devcloud/services/<name>.sh
# brings one up on this devcloud, reusing it when it already runs, and can be run alone against a running devcloud.
# They are not part of SCRIPTS_SUM: a changed one restarts only its own service.
optional_services() {
  local extra t
  for extra in "$HERE"/services/*.sh; do
    [ -e "$extra" ] || continue
    t=$(date +%s)
    bash "$extra" || die "$(basename "$extra" .sh) did not come up (its script: $extra)"
    timing "$(basename "$extra" .sh)_s" $(($(date +%s) - t))
  done
}

# ------------------------------------------------------------------ reuse a running devcloud
all_running() {
  local name
  for name in "${ALL_SERVICES[@]}"; do is_running "$name" || return 1; done
}
# The running services were configured by these scripts as they were then: a changed script restarts them.
SCRIPTS_SUM=$(cat "$HERE/up.sh" "$HERE"/lib/* | sha256sum | cut -d' ' -f1)
if all_running && [ -f "$STATE/clouds.yaml" ] && identity ready > /dev/null 2>&1; then
  if [ "$(cat "$STATE/run/scripts.sha256" 2>/dev/null)" = "$SCRIPTS_SUM" ]; then
    say "devcloud already up, reused (state: $STATE)"
    optional_services
    exit 0
  fi
  say "the devcloud scripts changed since its services started: restarting them"
  bash "$HERE/down.sh"
fi
: > "$STATE/timings.txt"

# ------------------------------------------------------------------ 1. packages and files
t=$(date +%s)
bash "$HERE/install-packages.sh"
timing packages_s $(($(date +%s) - t))
t=$(date +%s)
extract_common_packages
write_launchers
write_mariadb_config
write_rabbitmq_config
write_keystone_config
write_placement_config
write_nova_config
write_cinder_config
write_neutron_config
write_glance_config
[ "$NO_OCTAVIA" = 1 ] || write_octavia_config
timing configs_s $(($(date +%s) - t))
say "packages and configs ready"

# ------------------------------------------------------------------ 2. MariaDB, memcached, RabbitMQ
t=$(date +%s)
if [ ! -d "$STATE/mysql/mysql" ]; then
  mariadb-install-db --defaults-file="$STATE/etc/my.cnf" --skip-test-db --auth-root-authentication-method=socket \
    > "$STATE/log/mariadb-install.log" 2>&1 || { show_log mariadb-install; die "mariadb-install-db failed"; }
fi
ensure_service mariadb 60 SQL -e 'select 1' -- /usr/sbin/mariadbd --defaults-file="$STATE/etc/my.cnf"
{
  for db in keystone placement nova_api nova nova_cell0 cinder neutron glance octavia; do
    echo "CREATE DATABASE IF NOT EXISTS $db;"
  done
  echo "CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';"
  echo "CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';"
  echo "GRANT ALL ON *.* TO '$DB_USER'@'127.0.0.1'; GRANT ALL ON *.* TO '$DB_USER'@'localhost'; FLUSH PRIVILEGES;"
} | SQL
ensure_service memcached 20 bash -c 'exec 3<>/dev/tcp/127.0.0.1/11211' -- \
  /usr/bin/memcached -l 127.0.0.1 -p 11211 -U 0 -m 64 -u memcache
RABBIT_ENV=(env HOME="$STATE/rabbitmq" RABBITMQ_NODENAME=devcloud@localhost RABBITMQ_USE_LONGNAME=false
  RABBITMQ_CONFIG_FILE="$STATE/etc/rabbitmq/rabbitmq.conf" RABBITMQ_CONF_ENV_FILE=/dev/null
  RABBITMQ_MNESIA_BASE="$STATE/rabbitmq/mnesia" RABBITMQ_LOG_BASE="$STATE/log"
  RABBITMQ_ENABLED_PLUGINS_FILE="$STATE/etc/rabbitmq/enabled_plugins"
  RABBITMQ_DIST_PORT=25672 ERL_EPMD_ADDRESS=127.0.0.1)
# epmd in the foreground, started by us: otherwise erl daemonizes its own and down.sh could not stop it by PID.
ensure_service epmd 20 bash -c 'exec 3<>/dev/tcp/127.0.0.1/4369' -- env ERL_EPMD_ADDRESS=127.0.0.1 /usr/bin/epmd
# RabbitMQ boots for ~10 s; it is waited for after the database migrations, which do not need it.
start_service rabbitmq "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
timing infrastructure_s $(($(date +%s) - t))
say "mariadb and memcached up, rabbitmq starting"

# ------------------------------------------------------------------ 3. database migrations (4 chains in parallel)
t=$(date +%s)
NOVA_CONF=(--config-file "$STATE/etc/nova/nova.conf" --config-file "$STATE/etc/nova/nova-db.conf")
# db_sync NAME COMMAND...: runs once per state folder (a marker records success); the log names the failure.
db_sync() {
  local name=$1 t1
  shift
  [ -f "$STATE/data/dbsync-$name.done" ] && return 0
  t1=$(date +%s)
  if "$@" > "$STATE/log/dbsync-$name.log" 2>&1; then
    touch "$STATE/data/dbsync-$name.done"
    timing "dbsync_${name}_s" $(($(date +%s) - t1))
  else
    echo "[devcloud] database migration $name failed:" >&2
    tail -n 20 "$STATE/log/dbsync-$name.log" >&2
    return 1
  fi
}
nova_cells() {
  "$STATE/bin/nova-manage" "${NOVA_CONF[@]}" cell_v2 map_cell0 &&
    { "$STATE/bin/nova-manage" "${NOVA_CONF[@]}" cell_v2 list_cells | grep -q ' cell1 ' ||
      "$STATE/bin/nova-manage" "${NOVA_CONF[@]}" cell_v2 create_cell --name cell1; }
}
chains=()
(db_sync keystone "$STATE/bin/keystone-manage" --config-file "$STATE/etc/keystone/keystone.conf" db_sync) &
chains+=($!)
(db_sync neutron "$STATE/bin/neutron-db-manage" --config-file "$STATE/etc/neutron/neutron.conf" upgrade heads) &
chains+=($!)
(db_sync nova_api "$STATE/bin/nova-manage" "${NOVA_CONF[@]}" api_db sync &&
  db_sync nova_cells nova_cells &&
  db_sync nova "$STATE/bin/nova-manage" "${NOVA_CONF[@]}" db sync) &
chains+=($!)
(db_sync placement "$STATE/bin/placement-manage" --config-file "$STATE/etc/placement/placement.conf" db sync &&
  db_sync glance "$STATE/bin/glance-manage" --config-file "$STATE/etc/glance/glance-api.conf" db_sync &&
  db_sync cinder "$STATE/bin/cinder-manage" --config-file "$STATE/etc/cinder/cinder.conf" db sync &&
  { [ "$NO_OCTAVIA" = 1 ] ||
    db_sync octavia "$STATE/bin/octavia-db-manage" --config-file "$STATE/etc/octavia/octavia.conf" upgrade head; }) &
chains+=($!)
failed=0
for pid in "${chains[@]}"; do wait "$pid" || failed=1; done
[ "$failed" = 0 ] || die "database migrations failed (logs: $STATE/log/dbsync-*.log)"
timing dbsync_total_s $(($(date +%s) - t))
say "databases migrated"

# RabbitMQ before keystone: keystone notifies on it (project deletions, for stacksweep watch) inside its requests,
# and waits for the bus while it is down.
RABBITMQCTL=("${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -q status)
if ! wait_until rabbitmq 120 "${RABBITMQCTL[@]}"; then
  show_log rabbitmq 40
  stop_service rabbitmq
  say "retrying rabbitmq once"
  start_service rabbitmq "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server
  wait_until rabbitmq 120 "${RABBITMQCTL[@]}" || { show_log rabbitmq 40; die "rabbitmq did not start"; }
fi
# oslo.messaging's own notifications.info queue has no reader here (stacksweep binds its own): capped, not unbounded.
"${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -q set_policy --apply-to queues notifications-cap \
  '^notifications\.' '{"max-length":10000,"overflow":"drop-head"}' > /dev/null

# ------------------------------------------------------------------ 4. keystone
t=$(date +%s)
KEYSTONE_MANAGE=("$STATE/bin/keystone-manage" --config-file "$STATE/etc/keystone/keystone.conf")
[ -d "$STATE/data/keystone/fernet-keys" ] ||
  "${KEYSTONE_MANAGE[@]}" fernet_setup --keystone-user root --keystone-group root >> "$STATE/log/keystone-manage.log" 2>&1
[ -d "$STATE/data/keystone/credential-keys" ] ||
  "${KEYSTONE_MANAGE[@]}" credential_setup --keystone-user root --keystone-group root >> "$STATE/log/keystone-manage.log" 2>&1
if [ ! -f "$STATE/data/keystone-bootstrap.done" ]; then
  "${KEYSTONE_MANAGE[@]}" bootstrap --bootstrap-password "$PASS" --bootstrap-username admin \
    --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
    --bootstrap-region-id RegionOne --bootstrap-admin-url "$KEYSTONE_URL/v3/" \
    --bootstrap-internal-url "$KEYSTONE_URL/v3/" --bootstrap-public-url "$KEYSTONE_URL/v3/" \
    > "$STATE/log/keystone-bootstrap.log" 2>&1 || { show_log keystone-bootstrap; die "keystone bootstrap failed"; }
  touch "$STATE/data/keystone-bootstrap.done"
fi
PLACEMENT_API=("${UWSGI[@]}" --threads 2 --processes 1 --http-socket 127.0.0.1:8778
  --wsgi-file "$STATE/wsgi/placement.py" --procname-prefix devcloud-placement-)
# octavia-api: one thread per process. Its RPC and database code waits through eventlet, whose locks and events
# only wake green threads of the hub that owns them: two request threads of one process were seen each parked in
# its own hub, the process answering nothing until uwsgi's harakiri killed it (a POST /loadbalancers timed out).
OCTAVIA_API=("${UWSGI[@]}" --threads 1 --processes 4 --http-socket 127.0.0.1:9876 --wsgi-file "$STATE/wsgi/octavia.py"
  --procname-prefix devcloud-octavia-)
ensure_service keystone 90 http_answers "$KEYSTONE_URL/v3" -- \
  "${UWSGI[@]}" --threads 2 --processes 2 --http-socket 127.0.0.1:5000 --wsgi-file "$STATE/wsgi/keystone.py" \
  --procname-prefix devcloud-keystone-
identity bootstrap > "$STATE/log/identity-bootstrap.log" 2>&1 ||
  { show_log identity-bootstrap; die "creating service users and the catalog failed"; }
timing keystone_s $(($(date +%s) - t))
say "keystone up, catalog written"

# ------------------------------------------------------------------ 5. OpenStack services
t=$(date +%s)
export PYTHONPATH="$STATE/pylib"
# Start every service first (they boot in parallel on both cores), then wait for each with its own deadline.
start_service placement "${PLACEMENT_API[@]}"
start_service glance-api "$STATE/bin/glance-api" --config-file "$STATE/etc/glance/glance-api.conf"
start_service neutron-server "$STATE/bin/neutron-server" --config-file "$STATE/etc/neutron/neutron.conf"
start_service nova-api "$STATE/bin/nova-api" "${NOVA_CONF[@]}"
start_service cinder-api "$STATE/bin/cinder-api" --config-file "$STATE/etc/cinder/cinder.conf"
if [ "$NO_OCTAVIA" != 1 ]; then
  start_service octavia-api "${OCTAVIA_API[@]}"
fi
ensure_service placement 120 http_answers http://127.0.0.1:8778/ -- "${PLACEMENT_API[@]}"
ensure_service glance-api 180 http_answers http://127.0.0.1:9292/ -- \
  "$STATE/bin/glance-api" --config-file "$STATE/etc/glance/glance-api.conf"
ensure_service neutron-server 180 http_answers http://127.0.0.1:9696/ -- \
  "$STATE/bin/neutron-server" --config-file "$STATE/etc/neutron/neutron.conf"
ensure_service nova-api 180 http_answers http://127.0.0.1:8774/ -- "$STATE/bin/nova-api" "${NOVA_CONF[@]}"
ensure_service cinder-api 180 http_answers http://127.0.0.1:8776/ -- \
  "$STATE/bin/cinder-api" --config-file "$STATE/etc/cinder/cinder.conf"
if [ "$NO_OCTAVIA" != 1 ]; then
  ensure_service octavia-api 180 http_answers http://127.0.0.1:9876/ -- "${OCTAVIA_API[@]}"
fi
timing apis_s $(($(date +%s) - t))
say "every API answers"

# Workers: started once the APIs they call answer. Their readiness is what the scheduler needs of them.
t=$(date +%s)
nova_compute_registered() { SQL -N -e "select count(*) from nova.compute_nodes where deleted=0" | grep -qv '^0$'; }
cinder_volume_up() {
  SQL -N -e "select count(*) from cinder.services where deleted=0 and topic='cinder-volume' and disabled=0
    and updated_at > now() - interval 60 second" | grep -qv '^0$'
}
alive_for_5s() { local deadline=$(($(date +%s) + 5)); while [ "$(date +%s)" -lt "$deadline" ]; do is_running "$1" || return 1; sleep 0.5; done; }
start_service nova-conductor "$STATE/bin/nova-conductor" "${NOVA_CONF[@]}"
start_service nova-scheduler "$STATE/bin/nova-scheduler" "${NOVA_CONF[@]}"
start_service cinder-scheduler "$STATE/bin/cinder-scheduler" --config-file "$STATE/etc/cinder/cinder.conf"
ensure_service nova-compute 180 nova_compute_registered -- "$STATE/bin/nova-compute" --config-file "$STATE/etc/nova/nova.conf"
ensure_service cinder-volume 180 cinder_volume_up -- "$STATE/bin/cinder-volume" --config-file "$STATE/etc/cinder/cinder.conf"
if [ "$NO_OCTAVIA" != 1 ]; then
  for worker in octavia-worker octavia-health-manager octavia-housekeeping; do
    start_service "$worker" "$STATE/bin/$worker" --config-file "$STATE/etc/octavia/octavia.conf"
  done
fi
ensure_service nova-conductor 30 alive_for_5s nova-conductor -- "$STATE/bin/nova-conductor" "${NOVA_CONF[@]}"
ensure_service nova-scheduler 30 alive_for_5s nova-scheduler -- "$STATE/bin/nova-scheduler" "${NOVA_CONF[@]}"
ensure_service cinder-scheduler 30 alive_for_5s cinder-scheduler -- \
  "$STATE/bin/cinder-scheduler" --config-file "$STATE/etc/cinder/cinder.conf"
if [ "$NO_OCTAVIA" != 1 ]; then
  for worker in octavia-worker octavia-health-manager octavia-housekeeping; do
    ensure_service "$worker" 30 alive_for_5s "$worker" -- "$STATE/bin/$worker" --config-file "$STATE/etc/octavia/octavia.conf"
  done
fi
unset PYTHONPATH
"$STATE/bin/nova-manage" "${NOVA_CONF[@]}" cell_v2 discover_hosts > "$STATE/log/nova-discover-hosts.log" 2>&1 ||
  { show_log nova-discover-hosts; die "nova-manage cell_v2 discover_hosts failed"; }
timing workers_s $(($(date +%s) - t))

# ------------------------------------------------------------------ 6. clouds.yaml, base resources, final check
cat > "$STATE/clouds.yaml" <<EOF
# Written by stacksweep's test/e2e/devcloud/up.sh: admin of the devcloud.
clouds:
  devcloud:
    auth:
      auth_url: $KEYSTONE_URL/v3
      username: admin
      password: $PASS
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  devcloud-system:
    auth:
      auth_url: $KEYSTONE_URL/v3
      username: admin
      password: $PASS
      system_scope: all
      user_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
EOF
chmod 600 "$STATE/clouds.yaml"
t=$(date +%s)
OPENSTACK=(openstack --os-cloud devcloud)
export OS_CLIENT_CONFIG_FILE="$STATE/clouds.yaml"
# The smallest flavor, and an external flat network for routers' gateways and floating IPs (no traffic anywhere).
if ! SQL -N -e "select count(*) from nova_api.flavors where name='m1.tiny'" | grep -q '^1$'; then
  "${OPENSTACK[@]}" flavor create --id 1 --ram 512 --disk 1 --vcpus 1 m1.tiny > /dev/null
fi
if ! SQL -N -e "select count(*) from neutron.networks where name='public'" | grep -q '^1$'; then
  "${OPENSTACK[@]}" network create public --external --share --provider-network-type flat \
    --provider-physical-network public > /dev/null
  "${OPENSTACK[@]}" subnet create public-subnet --network public --subnet-range 203.0.113.0/24 --no-dhcp \
    --gateway 203.0.113.1 > /dev/null
fi
timing base_resources_s $(($(date +%s) - t))
deadline=$(($(date +%s) + 60))
until identity ready > "$STATE/log/ready.log" 2>&1; do
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$STATE/log/ready.log" >&2; die "the APIs did not all answer a list call"; }
  sleep 1
done
# ------------------------------------------------------------------ 7. optional services, one script each
optional_services
echo "$SCRIPTS_SUM" > "$STATE/run/scripts.sha256"
timing total_up_s $(($(date +%s) - DEVCLOUD_T0))
say "devcloud is up: OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml OS_CLOUD=devcloud"
