#!/bin/bash
# Starts the real Octavia amphora agent (Debian's python3-octavia, unmodified) on loopback for the amphora-agent e2e
# suite, beside the devcloud (test/e2e/run.sh starts it). Reuses a running agent. What it needs from outside, since
# no amphora VM exists here:
#   - haproxy, keepalived, ipvsadm installed (never started): /1.0/details runs dpkg-query for each, 500 if missing;
#   - the `amphora-haproxy` network namespace it reads its interfaces from (created here, or pyroute2 makes one that
#     only its own mount namespace sees);
#   - its own mount namespace (gunicorn's log path /var/log/amphora-agent.log is fixed: a private /var/log), its own
#     hostname namespace (hostname amphora-<id>, as on an amphora), and a chroot into a small tmpfs, so that the
#     `disk` figure (statvfs('/')) is that filesystem's and a test can fill it (fill.sh);
#   - certificates as Octavia's local cert generator makes them: a server CA signing the agent's certificate (CN and
#     SAN = the amphora id), a client CA signing the controller's certificate, and a rogue pair for the negative test.
# Environment: STACKSWEEP_AMPHORA_AGENT_STATE (state dir), STACKSWEEP_AMPHORA_AGENT_ADDRESS / _PORT (listen address).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
STATE=${STACKSWEEP_AMPHORA_AGENT_STATE:-/var/lib/stacksweep-amphora-agent}
ADDRESS=${STACKSWEEP_AMPHORA_AGENT_ADDRESS:-127.0.94.1}
PORT=${STACKSWEEP_AMPHORA_AGENT_PORT:-19443}
DISK_MB=64
NS=amphora-haproxy
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

mkdir -p "$STATE"/{certs,logs,pids,octavia/certs,interfaces,root,run/rsyslog/octavia}
agent_pid=$STATE/pids/agent.pid
sink_pid=$STATE/pids/syslog-sink.pid

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

answers() {
  curl -fsS --max-time 2 --cert "$STATE/certs/client.crt" --key "$STATE/certs/client.key" \
    --cacert "$STATE/certs/server_ca.pem" --resolve "$(cat "$STATE/amphora_id"):$PORT:$ADDRESS" \
    "https://$(cat "$STATE/amphora_id"):$PORT/" > /dev/null 2>&1
}

if alive "$agent_pid" && answers; then
  echo "amphora agent already running: pid $(cat "$agent_pid"), amphora $(cat "$STATE/amphora_id")"
  exit 0
fi
if ss -Hltn "sport = :$PORT" | grep -q "$ADDRESS:$PORT"; then
  echo "$ADDRESS:$PORT is taken by a process this script did not start" >&2
  exit 1
fi

for pkg in python3-octavia haproxy keepalived ipvsadm; do
  dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q "install ok installed" ||
    { echo "$pkg is not installed (.ci/debian-packages/amphora-agent.txt lists it)" >&2; exit 1; }
done

# --- certificates (RSA 2048, sha256, key usages as octavia/certificates/generator/local.py sets them) -------------
[ -s "$STATE/amphora_id" ] || cat /proc/sys/kernel/random/uuid > "$STATE/amphora_id"
AMPHORA_ID=$(cat "$STATE/amphora_id")
(
  cd "$STATE/certs"
  umask 077
  ca() { # name cn
    [ -f "$1.pem" ] && return 0
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout "$1.key" -out "$1.pem" -subj "/CN=$2" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2> /dev/null
  }
  leaf() { # name cn ca
    [ -f "$1.pem" ] && return 0
    openssl genrsa -traditional -out "$1.key" 2048 2> /dev/null
    openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr"
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "subjectAltName=DNS:$2" \
      "keyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment,keyAgreement" \
      "extendedKeyUsage=critical,serverAuth,clientAuth" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 730 -sha256 \
      -extfile "$1.ext" -out "$1.crt" 2> /dev/null
    cat "$1.crt" "$1.key" > "$1.pem" # Octavia's order: certificate, then key
    rm -f "$1.csr" "$1.ext"
  }
  ca server_ca "stacksweep e2e amphora server CA"
  ca client_ca "stacksweep e2e controller client CA"
  ca rogue_ca "stacksweep e2e untrusted CA"
  leaf "amphora" "$AMPHORA_ID" server_ca
  leaf client "octavia-controller" client_ca
  leaf rogue_client "octavia-controller" rogue_ca
  chmod 644 server_ca.pem client_ca.pem
)

# --- the namespace the agent reads its interfaces from ---------------------------------------------------------
if ! ip netns list | grep -qw "$NS"; then
  ip netns add "$NS"
  # only eth* links are reported; this kernel has no dummy module, so a veth pair
  ip netns exec "$NS" ip link add eth1 type veth peer name vpeer1
  ip netns exec "$NS" ip link set eth1 up
  ip netns exec "$NS" ip link set lo up
fi

cat > "$STATE/agent.conf" << CONF
[DEFAULT]
use_syslog = False
log_file = $STATE/logs/agent.log
# rpc.init() builds a transport: never the devcloud's RabbitMQ
transport_url = fake:///
[haproxy_amphora]
base_cert_dir = $STATE/octavia/certs
base_path = $STATE/octavia
bind_host = $ADDRESS
bind_port = $PORT
haproxy_cmd = /usr/sbin/haproxy
use_upstart = False
[health_manager]
# heartbeats to a port nobody listens on (the devcloud's health manager is on 5555)
controller_ip_port_list = 127.0.94.1:19555
heartbeat_interval = 30
heartbeat_key = stacksweep-e2e
[amphora_agent]
agent_server_ca = $STATE/certs/client_ca.pem
agent_server_cert = $STATE/certs/amphora.pem
agent_server_network_dir = $STATE/interfaces
amphora_id = $AMPHORA_ID
amphora_udp_driver = keepalived_lvs
[controller_worker]
loadbalancer_topology = SINGLE
CONF

# gunicorn logs to syslog at a path relative to its cwd; a sink there keeps each request from printing a traceback
if ! alive "$sink_pid"; then
  setsid /usr/bin/python3 "$HERE/syslog-sink.py" "$STATE/run/rsyslog/octavia/log" "$STATE/logs/gunicorn.log" \
    < /dev/null > /dev/null 2>&1 &
  echo $! > "$sink_pid"
fi

# --- the agent, chrooted into a private tmpfs in its own mount and hostname namespaces ---------------------------
R=$STATE/root
AGENT="/usr/bin/amphora-agent --config-file $STATE/agent.conf"
INNER="hostname amphora-$AMPHORA_ID && mount -t tmpfs -o size=${DISK_MB}m amphora-root $R && cd $R \
 && mkdir -p usr etc proc sys dev run tmp var/lib/dpkg var/log .$STATE && chmod 1777 tmp \
 && ln -s ../run var/run && ln -s usr/bin bin && ln -s usr/sbin sbin && ln -s usr/lib lib && ln -s usr/lib64 lib64 \
 && for d in usr etc; do mount --rbind /\$d \$d && mount -o remount,bind,ro \$d; done \
 && mount --rbind /proc proc && mount --rbind /sys sys && mount --rbind /dev dev && mount --rbind /run run \
 && mount --bind /var/lib/dpkg var/lib/dpkg && mount --bind $STATE .$STATE && mount --bind $STATE/logs var/log \
 && exec chroot $R /bin/sh -c 'cd $STATE && exec $AGENT'"
# without --fork, unshare execs in place: the recorded pid is gunicorn's master, whose children die with it
setsid unshare --mount --uts --propagation private /bin/bash -c "$INNER" \
  >> "$STATE/logs/agent-stdout.log" 2>&1 < /dev/null &
echo $! > "$agent_pid"

for _ in $(seq 1 600); do
  if answers; then
    echo "amphora agent up: pid $(cat "$agent_pid"), amphora $AMPHORA_ID, https://$ADDRESS:$PORT"
    exit 0
  fi
  alive "$agent_pid" || { echo "the amphora agent exited; its log follows" >&2; tail -n 30 "$STATE/logs/agent-stdout.log" >&2; exit 1; }
  sleep 0.1
done
echo "the amphora agent did not answer within 60 s" >&2
exit 1
