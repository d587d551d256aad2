#!/bin/bash
# Manila (shared-file-system) on the running devcloud: manila-api on 127.0.0.1:8786, manila-scheduler and one
# manila-share serving two backends of Manila's own dummy driver (manila.tests.share.drivers.dummy, shipped in
# python3-manila): shares, snapshots, share networks and readable replicas without any storage. On the devcloud's
# MariaDB (database manila) and RabbitMQ. Idempotent; runnable alone: bash test/e2e/devcloud/services/manila.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/support/debian-service.sh"

MANILA_URL=http://127.0.0.1:8786
MANILA_CONF=(--config-file "$STATE/etc/manila/manila.conf")
manila_answers() { http_answers "$MANILA_URL/"; }
if is_running manila-api && is_running manila-scheduler && is_running manila-share && [ -f "$STATE/run/manila.done" ] &&
  [ -f "$STATE/run/manila-witness.done" ] &&
  manila_answers; then
  say "manila already up"
  exit 0
fi
[ -f "$STATE/clouds.yaml" ] || die "the devcloud is not up (no $STATE/clouds.yaml): run test/e2e/devcloud/up.sh first"
t=$(date +%s)

extract_debian_package manila-common
write_launcher manila-manage manila.cmd.manage
write_launcher manila-api manila.cmd.api
write_launcher manila-scheduler manila.cmd.scheduler
write_launcher manila-share manila.cmd.share
mkdir -p "$STATE/etc/manila" "$STATE/data/manila/locks"
cp "$STATE/debs/manila-common/usr/share/manila-common/api-paste.ini" "$STATE/etc/manila/api-paste.ini"
{
  cat <<CONF
[DEFAULT]
transport_url = $RABBIT_URL
auth_strategy = keystone
api_paste_config = $STATE/etc/manila/api-paste.ini
osapi_share_listen = 127.0.0.1
osapi_share_listen_port = 8786
osapi_share_workers = 1
host = devcloud
my_ip = 127.0.0.1
state_path = $STATE/data/manila
use_stderr = true
enabled_share_protocols = NFS,CIFS
default_share_type = default
# Two backends of one replication domain: a replica lives on another backend than its share's.
enabled_share_backends = alpha,beta
# The e2e suites read a share's state as soon as the API answers; the dummy driver answers at once.
periodic_interval = 10
replica_state_update_interval = 30
CONF
  for backend in alpha beta; do
    cat <<CONF
[$backend]
share_driver = manila.tests.share.drivers.dummy.DummyDriver
share_backend_name = $backend
driver_handles_share_servers = false
replication_domain = devcloud
# The dummy driver sleeps seconds in each call to look like storage; nothing here needs that.
dummy_driver_default_driver_method_delay = 0
dummy_driver_driver_methods_delays =
CONF
  done
  cat <<CONF
[database]
connection = $DB_URL/manila
[oslo_concurrency]
lock_path = $STATE/data/manila/locks
[oslo_messaging_notifications]
driver = noop
CONF
  authtoken_section manila
  # Share networks name Neutron networks: manila-api asks Neutron about them as the manila user.
  service_auth_section neutron manila
  service_auth_section nova manila
  service_auth_section cinder manila
} > "$STATE/etc/manila/manila.conf"

SQL -e "CREATE DATABASE IF NOT EXISTS manila"
if [ ! -f "$STATE/data/dbsync-manila.done" ]; then
  "$STATE/bin/manila-manage" "${MANILA_CONF[@]}" db sync > "$STATE/log/dbsync-manila.log" 2>&1 ||
    { show_log dbsync-manila 20; die "manila-manage db sync failed"; }
  touch "$STATE/data/dbsync-manila.done"
fi

if [ ! -f "$STATE/run/manila-identity.done" ]; then
  register_service manila shared-file-system "$MANILA_URL/v2"
  # python-manilaclient and openstacksdk look the service up as sharev2 too, as devstack registers it.
  "${OPENSTACK_ADMIN[@]}" service show sharev2 > /dev/null 2>&1 ||
    "${OPENSTACK_ADMIN[@]}" service create --name manilav2 sharev2 > /dev/null
  for interface in public internal admin; do
    [ -n "$("${OPENSTACK_ADMIN[@]}" endpoint list --service sharev2 --interface "$interface" -f value -c ID)" ] ||
      "${OPENSTACK_ADMIN[@]}" endpoint create --region RegionOne sharev2 "$interface" "$MANILA_URL/v2" > /dev/null
  done
  touch "$STATE/run/manila-identity.done"
fi

start_service manila-scheduler "$STATE/bin/manila-scheduler" "${MANILA_CONF[@]}"
start_service manila-share "$STATE/bin/manila-share" "${MANILA_CONF[@]}"
ensure_service manila-api 120 manila_answers -- "$STATE/bin/manila-api" "${MANILA_CONF[@]}"
# Both backends reported to the scheduler: shares can be placed.
backends_up() {
  SQL -N -e "select count(*) from manila.services where deleted=0 and topic='manila-share' and disabled=0
    and updated_at > now() - interval 60 second" | grep -qx 2
}
ensure_service manila-share 120 backends_up -- "$STATE/bin/manila-share" "${MANILA_CONF[@]}"
alive_for_5s() { local deadline=$(($(date +%s) + 5)); while [ "$(date +%s)" -lt "$deadline" ]; do is_running "$1" || return 1; sleep 0.5; done; }
ensure_service manila-scheduler 30 alive_for_5s manila-scheduler -- "$STATE/bin/manila-scheduler" "${MANILA_CONF[@]}"

# The share types the e2e suites create shares with: "default" (no replication) and "replicated" (readable).
export OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml OS_CLOUD=devcloud
if [ ! -f "$STATE/run/manila-types.done" ]; then
  openstack share type show default > /dev/null 2>&1 ||
    openstack share type create default false --snapshot-support true > /dev/null
  openstack share type show replicated > /dev/null 2>&1 ||
    openstack share type create replicated false --snapshot-support true \
      --extra-specs replication_type=readable > /dev/null
  touch "$STATE/run/manila-types.done"
fi
# A tenant's share network, as every cloud that runs Manila has: a scan trusts an all_tenants listing only once one
# of the service's listings shows another project's record (src/inventory/cross-project.ts), so on a devcloud whose
# Manila is otherwise empty every full scan would end incomplete (exit 4). It is a database row only (no share
# server), made by the manila service user in the service project; no suite plants or removes it.
if [ ! -f "$STATE/run/manila-witness.done" ]; then
  env -u OS_CLIENT_CONFIG_FILE -u OS_CLOUD OS_AUTH_URL="$KEYSTONE_URL" OS_IDENTITY_API_VERSION=3 \
    OS_USERNAME=manila OS_PASSWORD="$PASS" OS_PROJECT_NAME=service OS_USER_DOMAIN_NAME=Default \
    OS_PROJECT_DOMAIN_NAME=Default openstack share network create --name devcloud-tenant > /dev/null ||
    die "could not create the service project's share network"
  touch "$STATE/run/manila-witness.done"
fi
touch "$STATE/run/manila.done"
timing manila_start_s $(($(date +%s) - t))
say "manila up in $(($(date +%s) - t))s: $MANILA_URL"
