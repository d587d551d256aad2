#!/usr/bin/env bash
# Installs the Debian packages the test tiers need, only those missing (a re-run on the same machine is fast).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
# prometheus: promtool checks the shipped alert rules (test/unit/deploy.test.ts).
for pkg in postgresql chromium prometheus; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
