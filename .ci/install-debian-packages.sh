#!/usr/bin/env bash
# Installs the Debian packages the test tiers need, only those missing (a re-run on the same machine is fast). Each
# need has its own list in .ci/debian-packages/ (one package a line, # for comments), so adding one is adding a file.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")"
need=()
for pkg in $(sed -e 's/#.*//' debian-packages/*.txt); do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
