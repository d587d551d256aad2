# Writes every service's configuration under $STATE (sourced by up.sh after lib/common.sh).
# Fake/noop drivers everywhere: a control plane without a data plane, enough for API-level tests.

DB_USER=devcloud
DB_PASS=devcloud
# PyMySQL for the eventlet services (a C driver would block their event loop); the C driver (mysqldb) for the
# uwsgi-served ones (keystone, placement), where it makes each request several times faster.
DB_URL="mysql+pymysql://$DB_USER:$DB_PASS@127.0.0.1:3306"
DB_URL_C="mysql+mysqldb://$DB_USER:$DB_PASS@127.0.0.1:3306"
RABBIT_URL="rabbit://guest:guest@127.0.0.1:5672/"
MEMCACHED=127.0.0.1:11211

# [keystone_authtoken] of a service whose API validates tokens, as service user $1.
authtoken_section() {
  cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KEYSTONE_URL
auth_url = $KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $PASS
region_name = RegionOne
memcached_servers = $MEMCACHED
service_token_roles_required = true
EOF
}

# A keystoneauth section [$1] for calls from one service to another, as service user $2.
service_auth_section() {
  cat <<EOF
[$1]
auth_url = $KEYSTONE_URL
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $2
password = $PASS
region_name = RegionOne
EOF
}

# paste.ini files and cinder's resource_filters.json ship only in the *-common packages, which are never installed
# (their maintainer scripts configure databases through debconf): download them and extract these files only.
extract_common_packages() {
  local pkg missing=()
  mkdir -p "$STATE/debs"
  for pkg in nova-common cinder-common glance-common neutron-common; do
    [ -d "$STATE/debs/$pkg" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  (cd "$STATE/debs" && apt-get download -q "${missing[@]}" > "$STATE/log/apt-download.log" 2>&1) ||
    { tail -n 20 "$STATE/log/apt-download.log" >&2; die "apt-get download ${missing[*]} failed"; }
  for pkg in "${missing[@]}"; do
    rm -rf "$STATE/debs/$pkg.tmp"
    mkdir -p "$STATE/debs/$pkg.tmp"
    dpkg-deb -x "$STATE/debs/${pkg}"_*.deb "$STATE/debs/$pkg.tmp"
    mv "$STATE/debs/$pkg.tmp" "$STATE/debs/$pkg"
    rm -f "$STATE/debs/${pkg}"_*.deb
  done
}

# The console scripts (nova-api, cinder-manage, ...) ship in the daemon packages that are not installed:
# small launchers that call the same entry points.
write_launchers() {
  local spec name module
  for spec in keystone-manage:keystone.cmd.manage placement-manage:placement.cmd.manage \
    nova-manage:nova.cmd.manage nova-api:nova.cmd.api nova-conductor:nova.cmd.conductor \
    nova-scheduler:nova.cmd.scheduler nova-compute:nova.cmd.compute \
    cinder-manage:cinder.cmd.manage cinder-api:cinder.cmd.api cinder-scheduler:cinder.cmd.scheduler \
    cinder-volume:cinder.cmd.volume neutron-db-manage:neutron.db.migration.cli \
    neutron-server:neutron.cmd.eventlet.server glance-manage:glance.cmd.manage glance-api:glance.cmd.api \
    octavia-db-manage:octavia.db.migration.cli octavia-worker:octavia.cmd.octavia_worker \
    octavia-health-manager:octavia.cmd.health_manager octavia-housekeeping:octavia.cmd.house_keeping; do
    name=${spec%%:*}
    module=${spec#*:}
    printf '#!%s\nimport sys\nsys.argv[0] = "%s"\nfrom %s import main\nsys.exit(main())\n' "$PY" "$name" "$module" \
      > "$STATE/bin/$name"
    chmod +x "$STATE/bin/$name"
  done
}

write_mariadb_config() {
  mkdir -p "$STATE/mysql" "$STATE/run/mysqld"
  chown -R mysql:mysql "$STATE/mysql" "$STATE/run/mysqld"
  # Durability is traded for speed: a test database that a crash may lose (fsync off, no binlog).
  cat > "$STATE/etc/my.cnf" <<EOF
[mysqld]
datadir=$STATE/mysql
socket=$STATE/run/mysqld/mysqld.sock
pid-file=$STATE/run/mysqld/mysqld.pid
port=3306
bind-address=127.0.0.1
user=mysql
skip-name-resolve
skip-log-bin
character-set-server=utf8
collation-server=utf8_general_ci
max_connections=1000
innodb_buffer_pool_size=128M
innodb_log_file_size=64M
innodb_flush_log_at_trx_commit=0
innodb_doublewrite=0
sync_binlog=0
performance_schema=OFF
log-error=$STATE/log/mariadb.log
[client]
socket=$STATE/run/mysqld/mysqld.sock
EOF
}

write_rabbitmq_config() {
  mkdir -p "$STATE/rabbitmq" "$STATE/etc/rabbitmq"
  cat > "$STATE/etc/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:5672
loopback_users.guest = true
vm_memory_high_watermark.absolute = 512MB
disk_free_limit.absolute = 50MB
log.console = true
log.console.level = warning
log.file = false
EOF
  echo '[].' > "$STATE/etc/rabbitmq/enabled_plugins"
}

write_keystone_config() {
  mkdir -p "$STATE/etc/keystone" "$STATE/data/keystone"
  cat > "$STATE/etc/keystone/keystone.conf" <<EOF
[DEFAULT]
use_stderr = true
[database]
connection = $DB_URL_C/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $STATE/data/keystone/fernet-keys
[fernet_receipts]
key_repository = $STATE/data/keystone/fernet-keys
[credential]
key_repository = $STATE/data/keystone/credential-keys
[cache]
# Without a cache a token costs ~170 SQL queries. memcached (not an in-process cache) because keystone runs
# several processes, and a project deleted through one must be gone for all of them at once.
enabled = true
backend = oslo_cache.memcache_pool
memcache_servers = $MEMCACHED
[identity]
# bcrypt cost 4 instead of 12: password auth ~60x cheaper. A throwaway test cloud only.
password_hash_rounds = 4
[oslo_messaging_notifications]
# Keystone announces project deletions (identity.project.deleted, CADF: Zed's default notification_format) on the
# bus, exchange keystone, topic notifications.info: the orphan manager (stacksweep watch) consumes them. Keystone
# publishes inside the request and retries forever while the bus is down, so up.sh waits for RabbitMQ first.
driver = messagingv2
transport_url = $RABBIT_URL
EOF
  cat > "$STATE/wsgi/keystone.py" <<EOF
import os
os.environ['OS_KEYSTONE_CONFIG_DIR'] = '$STATE/etc/keystone'
from keystone.server.wsgi import initialize_public_application
application = initialize_public_application()
EOF
}

write_placement_config() {
  mkdir -p "$STATE/etc/placement"
  {
    cat <<EOF
[DEFAULT]
use_stderr = true
[placement_database]
connection = $DB_URL_C/placement
[api]
auth_strategy = keystone
EOF
    authtoken_section placement
  } > "$STATE/etc/placement/placement.conf"
  cat > "$STATE/wsgi/placement.py" <<EOF
import os
os.environ['OS_PLACEMENT_CONFIG_DIR'] = '$STATE/etc/placement'
from placement.wsgi import init_application
application = init_application()
EOF
}

write_nova_config() {
  mkdir -p "$STATE/etc/nova" "$STATE/data/nova/instances" "$STATE/data/nova/locks"
  cp "$STATE/debs/nova-common/usr/share/nova-common/api-paste.ini" "$STATE/etc/nova/api-paste.ini"
  {
    cat <<EOF
[DEFAULT]
transport_url = $RABBIT_URL
compute_driver = fake.FakeDriver
host = devcloud
my_ip = 127.0.0.1
state_path = $STATE/data/nova
instances_path = $STATE/data/nova/instances
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = 8774
osapi_compute_workers = 1
use_stderr = true
[wsgi]
api_paste_config = $STATE/etc/nova/api-paste.ini
[api]
auth_strategy = keystone
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 10
[oslo_concurrency]
lock_path = $STATE/data/nova/locks
[oslo_messaging_notifications]
driver = noop
[glance]
region_name = RegionOne
[cinder]
os_region_name = RegionOne
[vnc]
enabled = false
EOF
    authtoken_section nova
    # Cinder (since the OSSA-2023-003 fix) lets only Nova delete an attachment Nova made, proven by a service token:
    # without one, deleting a server leaves its volumes "in-use" with a 409 ConflictNovaUsingAttachment in the log.
    service_auth_section service_user nova
    echo "send_service_user_token = true"
    service_auth_section placement nova
    service_auth_section neutron nova
  } > "$STATE/etc/nova/nova.conf"
  # nova-compute refuses to start with database access configured, so the database URLs live in a second file
  # that only the api, conductor, scheduler and nova-manage read.
  cat > "$STATE/etc/nova/nova-db.conf" <<EOF
[api_database]
connection = $DB_URL/nova_api
[database]
connection = $DB_URL/nova
EOF
}

write_cinder_config() {
  mkdir -p "$STATE/etc/cinder" "$STATE/data/cinder/locks"
  cp "$STATE/debs/cinder-common/usr/share/cinder-common/api-paste.ini" "$STATE/etc/cinder/api-paste.ini"
  # Without the filter list every list filter (?name=...) is rejected with 400, and the CLI filters by name.
  cp "$STATE/debs/cinder-common/etc/cinder/resource_filters.json" "$STATE/etc/cinder/resource_filters.json"
  {
    cat <<EOF
[DEFAULT]
transport_url = $RABBIT_URL
auth_strategy = keystone
api_paste_config = $STATE/etc/cinder/api-paste.ini
osapi_volume_listen = 127.0.0.1
osapi_volume_listen_port = 8776
osapi_volume_workers = 1
host = devcloud
my_ip = 127.0.0.1
state_path = $STATE/data/cinder
enabled_backends = fake
glance_api_servers = http://127.0.0.1:9292
resource_query_filters_file = $STATE/etc/cinder/resource_filters.json
use_stderr = true
[fake]
volume_driver = cinder.tests.fake_driver.FakeLoggingVolumeDriver
volume_backend_name = fake
[database]
connection = $DB_URL/cinder
[oslo_concurrency]
lock_path = $STATE/data/cinder/locks
[oslo_messaging_notifications]
driver = noop
EOF
    authtoken_section cinder
    service_auth_section nova cinder
  } > "$STATE/etc/cinder/cinder.conf"
}

write_neutron_config() {
  mkdir -p "$STATE/etc/neutron" "$STATE/data/neutron/locks" \
    "$STATE/pylib/stacksweep_devcloud" "$STATE/pylib/stacksweep_devcloud-0.1.dist-info"
  cp "$STATE/debs/neutron-common/usr/share/neutron-common/api-paste.ini" "$STATE/etc/neutron/api-paste.ini"
  # Without agents no ML2 driver binds a port, and nova then puts every server in ERROR (binding_failed).
  # This driver binds every port on any host as an OVS port; stevedore finds it through the entry point below.
  : > "$STATE/pylib/stacksweep_devcloud/__init__.py"
  cat > "$STATE/pylib/stacksweep_devcloud/bind_all.py" <<'PYTHON'
"""ML2 mechanism driver of the stacksweep devcloud: binds every port, on any host, without an agent."""
from neutron_lib import constants
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api


class BindAllMechanismDriver(api.MechanismDriver):
    def initialize(self):
        pass

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        vif_details = {portbindings.CAP_PORT_FILTER: True, portbindings.OVS_HYBRID_PLUG: False}
        for segment in context.segments_to_bind:
            context.set_binding(segment[api.ID], portbindings.VIF_TYPE_OVS, vif_details,
                                status=constants.PORT_STATUS_ACTIVE)
            return
PYTHON
  printf 'Metadata-Version: 2.1\nName: stacksweep-devcloud\nVersion: 0.1\n' \
    > "$STATE/pylib/stacksweep_devcloud-0.1.dist-info/METADATA"
  printf '[neutron.ml2.mechanism_drivers]\nbind_all = stacksweep_devcloud.bind_all:BindAllMechanismDriver\n' \
    > "$STATE/pylib/stacksweep_devcloud-0.1.dist-info/entry_points.txt"
  {
    cat <<EOF
[DEFAULT]
transport_url = $RABBIT_URL
bind_host = 127.0.0.1
bind_port = 9696
core_plugin = ml2
service_plugins = router
auth_strategy = keystone
api_paste_config = $STATE/etc/neutron/api-paste.ini
# No api_workers: Neutron's default, one API worker per core (capped by memory), as operators run it. With one, a
# client's listings sent at once were answered one after another by a single process on one of the two cores.
rpc_workers = 0
rpc_state_report_workers = 0
state_path = $STATE/data/neutron
allow_overlapping_ips = true
dhcp_agent_notification = false
notify_nova_on_port_status_changes = true
notify_nova_on_port_data_changes = true
use_stderr = true
[database]
connection = $DB_URL/neutron
[oslo_concurrency]
lock_path = $STATE/data/neutron/locks
[oslo_messaging_notifications]
driver = noop
[ml2]
type_drivers = flat,vlan,vxlan
tenant_network_types = vxlan
mechanism_drivers = bind_all
extension_drivers = port_security
[ml2_type_flat]
flat_networks = public
[ml2_type_vlan]
network_vlan_ranges = public
[ml2_type_vxlan]
vni_ranges = 1:10000
[securitygroup]
enable_security_group = true
[agent]
report_interval = 0
EOF
    authtoken_section neutron
    service_auth_section nova neutron
  } > "$STATE/etc/neutron/neutron.conf"
}

write_glance_config() {
  mkdir -p "$STATE/etc/glance" "$STATE/data/glance/images" "$STATE/data/glance/staging" "$STATE/data/glance/tasks"
  cp "$STATE/debs/glance-common/usr/share/glance-common/glance-api-paste.ini" "$STATE/etc/glance/glance-api-paste.ini"
  {
    cat <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
enabled_backends = file:file
use_stderr = true
[glance_store]
default_backend = file
[file]
filesystem_store_datadir = $STATE/data/glance/images
[os_glance_staging_store]
filesystem_store_datadir = $STATE/data/glance/staging
[os_glance_tasks_store]
filesystem_store_datadir = $STATE/data/glance/tasks
[database]
connection = $DB_URL/glance
[paste_deploy]
flavor = keystone
config_file = $STATE/etc/glance/glance-api-paste.ini
[oslo_messaging_notifications]
driver = noop
EOF
    authtoken_section glance
  } > "$STATE/etc/glance/glance-api.conf"
}

write_octavia_config() {
  local certs="$STATE/data/octavia/certs"
  mkdir -p "$STATE/etc/octavia" "$certs"
  # The noop drivers still read a CA (the compute-create task loads client_ca): a throwaway self-signed one.
  if [ ! -f "$certs/ca.key" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=stacksweep-devcloud-octavia-ca" \
      -keyout "$certs/ca.key" -out "$certs/ca.pem" > /dev/null 2>&1 || die "openssl could not create the Octavia CA"
  fi
  {
    cat <<EOF
[DEFAULT]
transport_url = $RABBIT_URL
use_stderr = true
[api_settings]
bind_host = 127.0.0.1
bind_port = 9876
auth_strategy = keystone
api_base_uri = http://127.0.0.1:9876
enabled_provider_drivers = amphora:Amphora provider (noop drivers),octavia:Alias of amphora,noop_driver:Noop provider
default_provider_driver = amphora
[database]
connection = $DB_URL/octavia
[health_manager]
bind_ip = 127.0.0.1
bind_port = 5555
controller_ip_port_list = 127.0.0.1:5555
heartbeat_key = devcloud
health_update_threads = 1
stats_update_threads = 1
# modest polling: the health manager shares 2 cores with every other service
health_check_interval = 10
[controller_worker]
workers = 1
amphora_driver = amphora_noop_driver
compute_driver = compute_noop_driver
network_driver = network_noop_driver
volume_driver = volume_noop_driver
image_driver = image_noop_driver
loadbalancer_topology = SINGLE
amp_image_tag = amphora
amp_flavor_id = 1
amp_boot_network_list = 00000000-0000-0000-0000-000000000001
amp_secgroup_list = 00000000-0000-0000-0000-000000000002
client_ca = $certs/ca.pem
[certificates]
cert_generator = local_cert_generator
ca_certificate = $certs/ca.pem
ca_private_key = $certs/ca.key
server_certs_key_passphrase = insecure-key-do-not-use-this-key
[haproxy_amphora]
client_cert = $certs/ca.pem
server_ca = $certs/ca.pem
[task_flow]
jobboard_enabled = false
[oslo_messaging]
topic = octavia_prov
[oslo_messaging_notifications]
driver = noop
[house_keeping]
spare_check_interval = 300
cleanup_interval = 300
load_balancer_expiry_age = 3600
amphora_expiry_age = 3600
EOF
    authtoken_section octavia
    service_auth_section service_auth octavia
  } > "$STATE/etc/octavia/octavia.conf"
  cat > "$STATE/wsgi/octavia.py" <<EOF
from octavia.api import app
application = app.setup_app(argv=['octavia-api', '--config-file', '$STATE/etc/octavia/octavia.conf'])
EOF
}
