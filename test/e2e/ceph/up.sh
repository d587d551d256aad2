#!/bin/bash
# A single-node Ceph for the end-to-end tier, from Debian's own packages (no cephadm, no systemd): one monitor, one
# manager and one BlueStore OSD on a sparse file, loopback only, with the pools OpenStack's services use by role
# (volumes, vms, images, backups) and a read-only client.stacksweep. A running cluster is reused, a stopped one is
# restarted from its state, otherwise one is bootstrapped. State in $STACKSWEEP_CEPH_STATE (default
# /var/lib/stacksweep-ceph); ports 3310 (msgr v2), 6799 (v1) and 6850-6899, so it never meets another Ceph here.
#   STACKSWEEP_CEPH_RESET=1 up.sh   stops the cluster, wipes its state and bootstraps it again.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
STATE=${STACKSWEEP_CEPH_STATE:-/var/lib/stacksweep-ceph}
CONF=$STATE/ceph.conf
POOLS="volumes vms images backups"
MON_ADDR='[v2:127.0.0.1:3310,v1:127.0.0.1:6799]'
# Sparse: the file takes only what is written (a few MB after bootstrap).
OSD_SIZE=$((10 * 1024 * 1024 * 1024))

T0=$(date +%s%N)
say() { printf '[ceph +%ss] %s\n' "$(( ($(date +%s%N) - T0) / 1000000000 ))" "$*"; }
die() { say "ERROR: $*"; exit 1; }
# Every CLI call names the conf and bounds its wait: a dead monitor must not hang the script.
ceph() { timeout 60 /usr/bin/ceph --conf "$CONF" --connect-timeout 15 "$@"; }

[ "$(id -u)" = 0 ] || die "run as root (the daemons keep their state in $STATE)"
for b in ceph-mon ceph-mgr ceph-osd ceph-authtool monmaptool uuidgen rbd; do
  command -v "$b" >/dev/null || die "$b is missing: install .ci/debian-packages/ceph.txt (.ci/install-debian-packages.sh)"
done

# The PID of a daemon of this cluster when it runs and really is that daemon (a stale pid file is ignored).
daemon_pid() { # mon.a | mgr.x | osd.0
  local file=$STATE/run/ceph-$1.pid pid
  [ -s "$file" ] || return 1
  pid=$(cat "$file")
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "ceph-${1%%.*} .*--conf $CONF .*-i ${1#*.}" || return 1
  echo "$pid"
}

# Each daemon forks itself; its parent returns once the child runs and the child writes its own pid file.
start_daemon() { # mon|mgr|osd id
  local pid
  if pid=$(daemon_pid "$1.$2"); then say "$1.$2 running (pid $pid)"; return 0; fi
  rm -f "$STATE/run/ceph-$1.$2.pid"
  "ceph-$1" --conf "$CONF" -i "$2"
  for _ in $(seq 1 100); do
    pid=$(daemon_pid "$1.$2") && { say "started $1.$2 (pid $pid)"; return 0; }
    sleep 0.1
  done
  die "$1.$2 did not start; see $STATE/log/ceph-$1.$2.log"
}

wait_for() { # seconds description command...
  local end=$(($(date +%s) + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$end" ] || { say "timed out waiting for $what"; return 1; }
    sleep 0.3
  done
}

if [ "${STACKSWEEP_CEPH_RESET:-0}" = 1 ]; then
  STACKSWEEP_CEPH_STATE=$STATE bash "$HERE/down.sh"
  for name in osd.0 mgr.x mon.a; do daemon_pid "$name" >/dev/null && die "$name still runs; not wiping $STATE"; done
  rm -rf "$STATE"
fi

if [ ! -f "$STATE/mon/ceph-a/kv_backend" ]; then
  for port in 3310 6799; do
    ss -Hltn "sport = :$port" | grep -q . && die "port $port is taken: another Ceph monitor?"
  done
  rm -rf "$STATE"
  mkdir -p "$STATE"/{run,log,tmp,mon/ceph-a,mgr/ceph-x,osd}
  chmod 0750 "$STATE"
  FSID=$(uuidgen)
  say "bootstrapping cluster $FSID in $STATE"
  cat >"$CONF" <<CONF
# Written by test/e2e/ceph/up.sh: a one-node cluster on loopback for stacksweep's end-to-end tier.
[global]
fsid = $FSID
mon_host = $MON_ADDR
public_network = 127.0.0.0/8
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_ipv6 = false
ms_bind_port_min = 6850
ms_bind_port_max = 6899
auth_cluster_required = cephx
auth_service_required = cephx
auth_client_required = cephx
run_dir = $STATE/run
pid_file = \$run_dir/\$cluster-\$name.pid
# One OSD: one replica, few placement groups, no autoscaler.
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_warn_on_pool_no_redundancy = false
# Every client is of the same release, so the compatibility mode (and its health warning) is not needed.
auth_allow_insecure_global_id_reclaim = false
# The host's disk may well be under the 30 % free a production monitor warns at.
mon_data_avail_warn = 5
mon_data_avail_crit = 2

[mon]
mon_data = $STATE/mon/\$cluster-\$id
keyring = \$mon_data/keyring
log_file = $STATE/log/\$cluster-\$name.log
mon_cluster_log_file = $STATE/log/\$cluster.log
mon_allow_pool_delete = true
# One monitor has no peer to batch map changes for: commit them at once (default: one per second).
paxos_propose_interval = 0.1

[mgr]
mgr_data = $STATE/mgr/\$cluster-\$id
keyring = \$mgr_data/keyring
log_file = $STATE/log/\$cluster-\$name.log

[osd]
osd_data = $STATE/osd/\$cluster-\$id
keyring = \$osd_data/keyring
log_file = $STATE/log/\$cluster-\$name.log
osd_objectstore = bluestore
# BlueStore makes \$osd_data/block a symlink to this path, so it must lie beside the data dir, not be that link.
bluestore_block_path = $STATE/osd/\$cluster-\$id.block
bluestore_block_create = true
bluestore_block_size = $OSD_SIZE
bluestore_block_db_create = false
bluestore_block_wal_create = false
osd_memory_target = 1073741824

[client]
keyring = $STATE/\$cluster.\$name.keyring
# Clients log nowhere: the CLI run by the tests must not write files beside the daemons'.
log_file = /dev/null
CONF
  ceph-authtool --create-keyring "$STATE/tmp/mon.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$STATE/ceph.client.admin.keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
  chmod 0600 "$STATE/ceph.client.admin.keyring"
  ceph-authtool "$STATE/tmp/mon.keyring" --import-keyring "$STATE/ceph.client.admin.keyring" >/dev/null
  monmaptool --create --fsid "$FSID" --addv a "$MON_ADDR" --enable-all-features --set-min-mon-release pacific \
    "$STATE/tmp/monmap" >/dev/null
  ceph-mon --conf "$CONF" --mkfs -i a --monmap "$STATE/tmp/monmap" --keyring "$STATE/tmp/mon.keyring"
else
  say "reusing the cluster in $STATE"
fi

start_daemon mon a
wait_for 60 "the monitor's quorum" ceph quorum_status || die "no quorum; see $STATE/log/ceph-mon.a.log"

if [ ! -s "$STATE/mgr/ceph-x/keyring" ]; then
  ceph auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' -o "$STATE/mgr/ceph-x/keyring"
fi
start_daemon mgr x

if [ ! -f "$STATE/osd/ceph-0/ready" ]; then
  uuid=$(uuidgen)
  key=$(ceph-authtool --gen-print-key)
  printf '{"cephx_secret": "%s"}\n' "$key" >"$STATE/tmp/osd-new.json"
  id=$(ceph osd new "$uuid" -i "$STATE/tmp/osd-new.json")
  rm -f "$STATE/tmp/osd-new.json"
  [ "$id" = 0 ] || die "expected osd id 0, got '$id'"
  mkdir -p "$STATE/osd/ceph-0"
  ceph-authtool --create-keyring "$STATE/osd/ceph-0/keyring" --name osd.0 --add-key "$key" >/dev/null
  # mkfs prints harmless "_read_bdev_label failed" lines on a new file: shown only when it fails.
  if ! ceph-osd --conf "$CONF" -i 0 --mkfs --osd-uuid "$uuid" >"$STATE/log/osd.0-mkfs.out" 2>&1 ||
    [ ! -f "$STATE/osd/ceph-0/ready" ]; then
    cat "$STATE/log/osd.0-mkfs.out"
    die "ceph-osd --mkfs failed; see $STATE/log/ceph-osd.0.log"
  fi
fi
start_daemon osd 0
osd_up() { ceph osd stat | grep -Eq '^1 osds: 1 up.*1 in'; }
wait_for 120 "osd.0 up and in" osd_up || die "osd.0 is not up; see $STATE/log/ceph-osd.0.log"

# All pools first, so their placement groups peer together; `rbd pool init` on a pool still peering blocks.
existing=" $(ceph osd pool ls | tr '\n' ' ') "
for pool in $POOLS; do
  case "$existing" in *" $pool "*) continue ;; esac
  ceph osd pool create "$pool" 8 8 replicated >/dev/null 2>&1 || die "could not create pool $pool"
done
all_clean() { ceph pg stat | grep -Eq '^([0-9]+) pgs: \1 active\+clean;'; }
wait_for 120 "placement groups active+clean" all_clean || die "placement groups not clean: $(ceph pg stat)"
# Each `rbd pool init` waits for two map changes: run them side by side.
detail=$(ceph osd pool ls detail)
inits=()
for pool in $POOLS; do
  grep -q "^pool [0-9]* '$pool' .*application rbd" <<<"$detail" && continue
  timeout 120 rbd --conf "$CONF" pool init "$pool" &
  inits+=($!)
done
for pid in "${inits[@]}"; do wait "$pid" || die "rbd pool init failed"; done

# What stacksweep runs as: may read every pool, may write none (its writes are refused by the OSDs).
if [ ! -s "$STATE/ceph.client.stacksweep.keyring" ]; then
  ceph auth get-or-create client.stacksweep mon 'profile rbd' osd 'profile rbd-read-only' \
    -o "$STATE/ceph.client.stacksweep.keyring"
fi
chmod 0644 "$STATE/ceph.client.stacksweep.keyring" "$CONF"

health_ok() { ceph health | grep -q '^HEALTH_OK'; }
wait_for 60 "HEALTH_OK" health_ok || { ceph health detail; die "the cluster is not healthy"; }
say "ready: pools $POOLS; CEPH_CONF=$CONF"
