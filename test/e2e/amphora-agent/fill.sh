#!/bin/bash
# Fills the amphora agent's root filesystem (its private 64 MiB tmpfs) with <MiB> of zeros; 0 empties it again.
# The agent's /1.0/details `disk` figure then shows it. Usage: fill.sh <MiB>
set -euo pipefail
STATE=${STACKSWEEP_AMPHORA_AGENT_STATE:-/var/lib/stacksweep-amphora-agent}
root=/proc/$(cat "$STATE/pids/agent.pid")/root
[ "$(stat -f -c %i "$root/")" != "$(stat -f -c %i /)" ] || { echo "the agent is not in its own filesystem" >&2; exit 1; }
rm -f "$root/fill"
if [ "${1:-0}" -gt 0 ]; then
  # a full filesystem stops dd with ENOSPC: that is the point
  dd if=/dev/zero of="$root/fill" bs=1M count="$1" status=none || true
fi
