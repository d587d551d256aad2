#!/bin/bash
# Object storage for the devcloud: Swift (Debian's python3-swift) as one proxy plus account, container and object
# servers on 127.0.0.1, a one-replica ring on a folder of the state directory, Keystone auth. The admin holds
# ResellerAdmin (keystoneauth's reseller_admin_role), so it reads and empties AUTH_<project> of any project, as
# stacksweep needs. Idempotent; runs alone against a running devcloud: bash test/e2e/devcloud/services/swift.sh
#
# The daemon packages (swift-proxy, swift-account, ...) are not installed: their maintainer scripts create a system
# user and start init jobs. The servers run from python3-swift's own modules, through small launchers that point
# Swift at $STATE/etc/swift (it reads /etc/swift/swift.conf unless told otherwise).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
source "$HERE/lib/common.sh"
source "$HERE/lib/configs.sh"
source "$HERE/lib/process.sh"

SWIFT_DIR=$STATE/etc/swift
DEVICES=$STATE/data/swift/node
PROXY_URL=http://127.0.0.1:8080
# (server, port): Swift's default ports
SERVERS=(account:6202 container:6201 object:6200)

[ -f "$STATE/clouds.yaml" ] || die "the devcloud is not up (no $STATE/clouds.yaml): run test/e2e/devcloud/up.sh"

all_swift_running() {
  local spec
  for spec in "${SERVERS[@]}" proxy:8080 container-updater:0; do is_running "swift-${spec%%:*}" || return 1; done
}
if all_swift_running && [ -f "$STATE/run/swift.done" ] && http_answers "$PROXY_URL/healthcheck"; then
  say "swift already up, reused"
  exit 0
fi
t0=$(date +%s)
mkdir -p "$SWIFT_DIR" "$DEVICES/d1" "$STATE/bin" "$STATE/run/swift"

# ------------------------------------------------------------------ configuration
# The hash suffix salts every object's place on disk: fixed for this state folder, so restarts find the data again.
[ -f "$SWIFT_DIR/hash-suffix" ] || openssl rand -hex 16 > "$SWIFT_DIR/hash-suffix"
cat > "$SWIFT_DIR/swift.conf" <<EOF
[swift-hash]
swift_hash_path_prefix = stacksweep-devcloud
swift_hash_path_suffix = $(cat "$SWIFT_DIR/hash-suffix")

[storage-policy:0]
name = Policy-0
default = yes
EOF

server_conf() {
  local kind=$1 port=$2
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 0
swift_dir = $SWIFT_DIR
devices = $DEVICES
mount_check = false
# As every devcloud service, as root: Swift's daemons otherwise drop to a "swift" user the servers' files do not
# belong to.
user = root
recon_cache_path = $STATE/run/swift
log_name = swift-$kind
log_level = WARNING

[pipeline:main]
pipeline = $kind-server

[app:$kind-server]
use = egg:swift#$kind
EOF
}
# The account listing's per-container object counts and bytes come from the container updater, not from the write
# itself: Swift's default pass is every 300 s; the devcloud's every 5 s, so a test reads them without waiting long.
updater_conf() {
  cat <<EOF

[container-updater]
interval = 5
concurrency = 1
EOF
}
for spec in "${SERVERS[@]}"; do
  server_conf "${spec%%:*}" "${spec#*:}" > "$SWIFT_DIR/${spec%%:*}-server.conf"
done
updater_conf >> "$SWIFT_DIR/container-server.conf"

# bulk: the bulk delete stacksweep empties containers with. keystoneauth: the project's member or admin owns
# AUTH_<project>; ResellerAdmin reaches every account. account_autocreate as in every Keystone deployment: an account
# exists once its project first writes.
cat > "$SWIFT_DIR/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = 8080
workers = 0
swift_dir = $SWIFT_DIR
log_name = swift-proxy
log_level = WARNING

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk authtoken keystoneauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = $MEMCACHED
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo

[filter:keystoneauth]
use = egg:swift#keystoneauth
operator_roles = admin, member
reseller_admin_role = ResellerAdmin

[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
$(authtoken_section swift | tail -n +2)
EOF

# One launcher per server: Swift's own console scripts ship in the daemon packages.
for kind in proxy account container object; do
  printf '#!%s\nimport sys\nsys.argv[0] = "swift-%s-server"\nfrom swift.common import storage_policy, utils\nutils.set_swift_dir("%s")\nstorage_policy.reload_storage_policies()\nfrom swift.common.wsgi import run_wsgi\nsys.exit(run_wsgi("%s/%s-server.conf", "%s-server"))\n' \
    "$PY" "$kind" "$SWIFT_DIR" "$SWIFT_DIR" "$kind" "$kind" > "$STATE/bin/swift-$kind-server"
  chmod +x "$STATE/bin/swift-$kind-server"
done
printf '#!%s\nimport sys\nsys.argv[0] = "swift-container-updater"\nfrom swift.common import storage_policy, utils\nutils.set_swift_dir("%s")\nstorage_policy.reload_storage_policies()\nfrom swift.common.daemon import run_daemon\nfrom swift.container.updater import ContainerUpdater\nrun_daemon(ContainerUpdater, "%s/container-server.conf")\n' \
  "$PY" "$SWIFT_DIR" "$SWIFT_DIR" > "$STATE/bin/swift-container-updater"
chmod +x "$STATE/bin/swift-container-updater"

# ------------------------------------------------------------------ rings: one device, one replica, 2^6 partitions
if [ ! -f "$SWIFT_DIR/object.ring.gz" ]; then
  "$PY" - "$SWIFT_DIR" "${SERVERS[@]}" > "$STATE/log/swift-ring.log" 2>&1 <<'PYTHON' || { show_log swift-ring; die "building the rings failed"; }
import sys
from swift.common.ring import RingBuilder
swift_dir = sys.argv[1]
for spec in sys.argv[2:]:
    kind, port = spec.split(":")
    builder = RingBuilder(6, 1, 1)
    builder.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": int(port), "device": "d1",
                     "weight": 100})
    builder.rebalance()
    builder.save("%s/%s.builder" % (swift_dir, kind))
    builder.get_ring().save("%s/%s.ring.gz" % (swift_dir, kind))
    print("%s ring written" % kind)
PYTHON
fi
timing swift_configs_s $(($(date +%s) - t0))

# ------------------------------------------------------------------ Keystone: service, endpoints, user, ResellerAdmin
# One Python process with keystoneclient instead of a dozen openstack CLI runs (each starts the whole client).
t=$(date +%s)
if [ ! -f "$STATE/run/swift-keystone.done" ]; then
  DEVCLOUD_PASSWORD=$PASS "$PY" - "$PROXY_URL" > "$STATE/log/swift-keystone.log" 2>&1 <<'PYTHON' ||
import os
import sys
from keystoneauth1 import session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client

password = os.environ["DEVCLOUD_PASSWORD"]
auth = v3.Password(auth_url="http://127.0.0.1:5000/v3", username="admin", password=password, project_name="admin",
                   user_domain_id="default", project_domain_id="default")
keystone = client.Client(session=session.Session(auth=auth, timeout=30))
projects = {p.name: p for p in keystone.projects.list(domain="default")}
roles = {r.name: r for r in keystone.roles.list()}
reseller = roles.get("ResellerAdmin") or keystone.roles.create("ResellerAdmin")
users = {u.name: u for u in keystone.users.list(domain="default")}
swift = users.get("swift") or keystone.users.create("swift", domain="default", password=password)
keystone.roles.grant(roles["admin"], user=swift, project=projects["service"])
keystone.roles.grant(reseller, user=users["admin"], project=projects["admin"])
service = next((s for s in keystone.services.list() if s.type == "object-store"), None) or \
    keystone.services.create("swift", type="object-store")
have = {e.interface for e in keystone.endpoints.list(service=service)}
for interface in ("public", "internal", "admin"):
    if interface not in have:
        keystone.endpoints.create(service, sys.argv[1] + "/v1/AUTH_%(project_id)s", interface=interface,
                                  region="RegionOne")
print("object-store registered")
PYTHON
    { show_log swift-keystone; die "registering swift in keystone failed"; }
  touch "$STATE/run/swift-keystone.done"
fi
timing swift_keystone_s $(($(date +%s) - t))

# ------------------------------------------------------------------ servers
t=$(date +%s)
port_open() { bash -c "exec 3<>/dev/tcp/127.0.0.1/$1"; }
for spec in "${SERVERS[@]}"; do
  start_service "swift-${spec%%:*}" "$STATE/bin/swift-${spec%%:*}-server"
done
start_service swift-proxy "$STATE/bin/swift-proxy-server"
for spec in "${SERVERS[@]}"; do
  ensure_service "swift-${spec%%:*}" 60 port_open "${spec#*:}" -- "$STATE/bin/swift-${spec%%:*}-server"
done
ensure_service swift-proxy 60 http_answers "$PROXY_URL/healthcheck" -- "$STATE/bin/swift-proxy-server"
alive_for_3s() { local deadline=$(($(date +%s) + 3)); while [ "$(date +%s)" -lt "$deadline" ]; do is_running "$1" || return 1; sleep 0.5; done; }
ensure_service swift-container-updater 30 alive_for_3s swift-container-updater -- "$STATE/bin/swift-container-updater"
# Ready when the admin's own account answers through Keystone (authtoken and keystoneauth in place).
admin_token() {
  curl -s -o /dev/null -D - --max-time 10 -H 'Content-Type: application/json' "$KEYSTONE_URL/v3/auth/tokens" -d \
    '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"'"$PASS"'"}}},"scope":{"project":{"name":"admin","domain":{"id":"default"}}}}}' |
    tr -d '\r' | sed -n 's/^[Xx]-[Ss]ubject-[Tt]oken: //p'
}
TOKEN=$(admin_token)
[ -n "$TOKEN" ] || die "keystone issued no token for admin"
swift_lists() {
  [ "$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -H "X-Auth-Token: $TOKEN" "$PROXY_URL/v1/AUTH_ready-probe?format=json")" = 200 ]
}
wait_until swift-proxy 60 swift_lists || die "swift does not answer a listing of an account with the admin's token"
timing swift_servers_s $(($(date +%s) - t))
touch "$STATE/run/swift.done"
say "swift up in $(($(date +%s) - t0))s: $PROXY_URL (object-store)"
