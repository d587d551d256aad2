#!/bin/bash
# Heat (orchestration) on the running devcloud: heat-api on 127.0.0.1:8004 and one heat-engine, on the devcloud's
# MariaDB (database heat) and RabbitMQ, with the stack domain "heat" that Heat keeps its stacks' users in.
# Idempotent; runnable alone: bash test/e2e/devcloud/services/heat.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/support/debian-service.sh"

HEAT_URL=http://127.0.0.1:8004
HEAT_CONF=(--config-file "$STATE/etc/heat/heat.conf")
heat_answers() { http_answers "$HEAT_URL/"; }
if is_running heat-api && is_running heat-engine && [ -f "$STATE/run/heat.done" ] && heat_answers; then
  say "heat already up"
  exit 0
fi
[ -f "$STATE/clouds.yaml" ] || die "the devcloud is not up (no $STATE/clouds.yaml): run test/e2e/devcloud/up.sh first"
t=$(date +%s)

extract_debian_package heat-common
write_launcher heat-manage heat.cmd.manage
write_launcher heat-api heat.cmd.api
write_launcher heat-engine heat.cmd.engine
mkdir -p "$STATE/etc/heat/environment.d" "$STATE/data/heat/locks"
cp "$STATE/debs/heat-common/etc/heat/api-paste.ini" "$STATE/etc/heat/api-paste.ini"
cp "$STATE/debs/heat-common/etc/heat/environment.d/default.yaml" "$STATE/etc/heat/environment.d/default.yaml"
{
  cat <<CONF
[DEFAULT]
transport_url = $RABBIT_URL
host = devcloud
use_stderr = true
num_engine_workers = 1
region_name_for_services = RegionOne
environment_dir = $STATE/etc/heat/environment.d
# No heat-api-cfn runs: nothing in the devcloud boots servers that would call back (wait conditions, metadata).
heat_metadata_server_url = http://127.0.0.1:8000
heat_waitcondition_server_url = http://127.0.0.1:8000/v1/waitcondition
# Heat creates a user per stack in this domain (for software deployments and signals), as heat-keystone-setup-domain
# configures a real deployment.
stack_user_domain_name = heat
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = $PASS
# A stack whose creation runs longer than this fails: short, so a stuck test stack cannot hold the engine.
stack_action_timeout = 600
[database]
connection = $DB_URL/heat
[heat_api]
bind_host = 127.0.0.1
bind_port = 8004
workers = 1
[paste_deploy]
api_paste_config = $STATE/etc/heat/api-paste.ini
[oslo_concurrency]
lock_path = $STATE/data/heat/locks
[oslo_messaging_notifications]
driver = noop
[clients_keystone]
auth_uri = $KEYSTONE_URL
[ec2authtoken]
auth_uri = $KEYSTONE_URL/v3
CONF
  authtoken_section heat
  # The engine acts for a stack's owner later (deletes, updates) through a Keystone trust to the heat user.
  service_auth_section trustee heat
} > "$STATE/etc/heat/heat.conf"

SQL -e "CREATE DATABASE IF NOT EXISTS heat"
if [ ! -f "$STATE/data/dbsync-heat.done" ]; then
  "$STATE/bin/heat-manage" "${HEAT_CONF[@]}" db_sync > "$STATE/log/dbsync-heat.log" 2>&1 ||
    { show_log dbsync-heat 20; die "heat-manage db_sync failed"; }
  touch "$STATE/data/dbsync-heat.done"
fi

if [ ! -f "$STATE/run/heat-identity.done" ]; then
  register_service heat orchestration "$HEAT_URL/v1/%(tenant_id)s"
  # heat_stack_owner: the role Heat's policy names for stack owners; heat_stack_user: the role of the users Heat
  # creates in its domain, which the policy denies everything but signals.
  for role in heat_stack_owner heat_stack_user; do
    "${OPENSTACK_ADMIN[@]}" role show "$role" > /dev/null 2>&1 || "${OPENSTACK_ADMIN[@]}" role create "$role" > /dev/null
  done
  "${OPENSTACK_ADMIN[@]}" domain show heat > /dev/null 2>&1 ||
    "${OPENSTACK_ADMIN[@]}" domain create heat --description "Heat's stack users and projects" > /dev/null
  "${OPENSTACK_ADMIN[@]}" user show heat_domain_admin --domain heat > /dev/null 2>&1 ||
    "${OPENSTACK_ADMIN[@]}" user create heat_domain_admin --domain heat --password "$PASS" > /dev/null
  "${OPENSTACK_ADMIN[@]}" role add --user heat_domain_admin --user-domain heat --domain heat admin
  # admin owns stacks in the e2e suites (Heat's policy: admin may do anything, but the trust needs a role to delegate)
  "${OPENSTACK_ADMIN[@]}" role add --user admin --user-domain Default --project admin --project-domain Default \
    heat_stack_owner
  touch "$STATE/run/heat-identity.done"
fi

start_service heat-engine "$STATE/bin/heat-engine" "${HEAT_CONF[@]}"
ensure_service heat-api 90 heat_answers -- "$STATE/bin/heat-api" "${HEAT_CONF[@]}"
# A stack listing passes through Keystone, heat-api, RabbitMQ and heat-engine: the whole path answers.
stacks_listed() { "${OPENSTACK_ADMIN[@]}" stack list --limit 1 > /dev/null; }
ensure_service heat-engine 120 stacks_listed -- "$STATE/bin/heat-engine" "${HEAT_CONF[@]}"
touch "$STATE/run/heat.done"
timing heat_start_s $(($(date +%s) - t))
say "heat up in $(($(date +%s) - t))s: $HEAT_URL"
