#!/bin/bash
# Puts the devcloud's Cinder and Glance on this Ceph, beside the backends every other suite uses, so the Ceph suite's
# volumes, snapshots and images are RBD objects made by the real services:
#   - Cinder: a second backend `rbd` (cinder.volume.drivers.rbd.RBDDriver, pool `volumes`) in its own availability
#     zone `ceph`: a volume asked for without that zone never lands there, so the `fake` backend still takes them all.
#   - Glance: a second store `rbd` (pool `images`); `file` stays the default, so only an upload that asks for the
#     store (`X-Image-Meta-Store: rbd`) goes to Ceph.
# Run by test/e2e/run.sh once both the devcloud and this Ceph are up (it runs after them, so neither waits for the
# other, and a run without Ceph never gets here). Idempotent: when the devcloud's configs already name the backends and
# cinder-volume and glance-api were restarted with them, it does nothing; otherwise it restarts only those two.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DEVCLOUD=$HERE/../devcloud
source "$DEVCLOUD/lib/common.sh"
source "$DEVCLOUD/lib/process.sh"
CEPH_STATE=${STACKSWEEP_CEPH_STATE:-/var/lib/stacksweep-ceph}
CEPH_CONF=$CEPH_STATE/ceph.conf
CINDER_CONF=$STATE/etc/cinder/cinder.conf
GLANCE_CONF=$STATE/etc/glance/glance-api.conf
# The pids of cinder-volume and glance-api as they were restarted with the Ceph backends.
MARKER=$STATE/run/ceph-backends

[ -f "$CEPH_CONF" ] || die "no Ceph ($CEPH_CONF is missing): run test/e2e/ceph/up.sh first"
[ -f "$CINDER_CONF" ] && [ -f "$GLANCE_CONF" ] || die "no devcloud in $STATE: run test/e2e/devcloud/up.sh first"

running_pids() { echo "$(cat "$STATE/pids/cinder-volume.pid" 2>/dev/null) $(cat "$STATE/pids/glance-api.pid" 2>/dev/null)"; }
if grep -q '^\[rbd\]' "$CINDER_CONF" && grep -q '^\[rbd\]' "$GLANCE_CONF" && is_running cinder-volume &&
  is_running glance-api && [ "$(cat "$MARKER" 2>/dev/null)" = "$(running_pids)" ]; then
  say "cinder and glance already on Ceph"
  exit 0
fi

# What the services write as: RBD's own profile on the four pools (Cinder, Glance and Nova's caps in a real cloud).
KEYRING=$CEPH_STATE/ceph.client.openstack.keyring
if [ ! -s "$KEYRING" ]; then
  timeout 60 ceph --conf "$CEPH_CONF" --connect-timeout 15 auth get-or-create client.openstack mon 'profile rbd' \
    osd 'profile rbd pool=volumes, profile rbd pool=vms, profile rbd pool=images, profile rbd pool=backups' \
    mgr 'profile rbd pool=volumes, profile rbd pool=images' -o "$KEYRING"
fi

# The configs were written by the devcloud's up.sh (which rewrites them when it restarts the core): add the second
# backend and store to them.
if ! grep -q '^\[rbd\]' "$CINDER_CONF"; then
  sed -i 's/^enabled_backends = fake$/enabled_backends = fake,rbd/' "$CINDER_CONF"
  cat >> "$CINDER_CONF" <<EOF
[rbd]
volume_driver = cinder.volume.drivers.rbd.RBDDriver
volume_backend_name = rbd
backend_availability_zone = ceph
rbd_pool = volumes
rbd_ceph_conf = $CEPH_CONF
rbd_user = openstack
rbd_flatten_volume_from_snapshot = false
EOF
fi
grep -q '^enabled_backends = fake,rbd$' "$CINDER_CONF" || die "$CINDER_CONF: enabled_backends is not 'fake,rbd'"
if ! grep -q '^\[rbd\]' "$GLANCE_CONF"; then
  sed -i 's/^enabled_backends = file:file$/enabled_backends = file:file,rbd:rbd/' "$GLANCE_CONF"
  cat >> "$GLANCE_CONF" <<EOF
[rbd]
rbd_store_pool = images
rbd_store_user = openstack
rbd_store_ceph_conf = $CEPH_CONF
EOF
fi
grep -q '^enabled_backends = file:file,rbd:rbd$' "$GLANCE_CONF" || die "$GLANCE_CONF: enabled_backends is not 'file:file,rbd:rbd'"

# Restart only these two (up.sh's command lines); cinder-api and the scheduler learn the new backend from
# cinder-volume's capability reports.
export PYTHONPATH="$STATE/pylib"
rbd_backend_up() {
  SQL -N -e "select count(*) from cinder.services where deleted=0 and host='devcloud@rbd' and disabled=0
    and updated_at > now() - interval 60 second" | grep -qv '^0$'
}
stop_service cinder-volume
stop_service glance-api
start_service glance-api "$STATE/bin/glance-api" --config-file "$GLANCE_CONF"
ensure_service cinder-volume 180 rbd_backend_up -- "$STATE/bin/cinder-volume" --config-file "$CINDER_CONF"
ensure_service glance-api 180 http_answers http://127.0.0.1:9292/ -- "$STATE/bin/glance-api" --config-file "$GLANCE_CONF"
running_pids > "$MARKER"
say "cinder (backend rbd, zone ceph) and glance (store rbd) on Ceph"
