#!/bin/bash
# Installs the Debian packages the devcloud needs, when missing: only the python3-* libraries of the OpenStack
# services (never the daemon or *-common packages, whose maintainer scripts ask debconf questions and start daemons),
# the database, message queue, cache and uwsgi, and the openstack CLI (with its placement plugin) for the CLI suites.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

PACKAGES=(
  python3-keystone python3-placement python3-nova python3-cinder python3-neutron python3-glance python3-octavia
  python3-openstackclient python3-octaviaclient python3-osc-placement python3-pymysql python3-mysqldb python3-memcache
  python3-swift python3-designate python3-heat python3-barbican python3-manila python3-magnum
  python3-heatclient python3-manilaclient python3-magnumclient
  mariadb-server rabbitmq-server memcached uwsgi-core uwsgi-plugin-python3 openssl curl
)
mkdir -p "$STATE/log"
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { say "packages already installed"; exit 0; }

say "installing ${#missing[@]} packages: ${missing[*]}"
# No package may start a daemon while installing (there is no init system to manage them, and up.sh runs its own).
# Debian's policy-rc.d convention: exit 101 forbids it. Only ever remove a policy-rc.d that this script created.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
restore_policy() { if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap restore_policy EXIT

# An index younger than a day is reused; a fresh machine has none.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
  apt-get update -qq > "$STATE/log/apt-update.log" 2>&1 || { tail -n 20 "$STATE/log/apt-update.log" >&2; die "apt-get update failed"; }
fi
if ! apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o Dpkg::Options::=--force-unsafe-io \
  "${missing[@]}" > "$STATE/log/apt-install.log" 2>&1; then
  tail -n 30 "$STATE/log/apt-install.log" >&2
  die "apt-get install failed (full log: $STATE/log/apt-install.log)"
fi
say "packages installed"
