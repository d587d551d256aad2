// amphora-disk-full: an amphora whose root filesystem is filling (haproxy's logs): at 100 % it stops serving, and
// Octavia's heartbeats carry no disk figure, so nothing warns first. The agent's `disk` is statvfs('/') in bytes
// (amphora_info.py): used = (f_blocks - f_bfree) × f_frsize, available = f_bavail × f_frsize, so used / (used +
// available) is what `df` shows as Use%. A failover replaces the amphora with a fresh one.

import type { Check, CheckContext, Detection } from "../check.ts";
import { describeAmphorae, unansweredAgents } from "../support/amphora-agents.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { num, object, pick, text, type ApiRecord } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const amphoraDiskFull: Check = {
  id: "amphora-disk-full",
  title: "Amphora disk filling up",
  description:
    "ALLOCATED amphorae whose agent reports its root filesystem used above the warning share (critical above the " +
    "critical one), read from GET /1.0/details on the agent.",
  severity: "warning",
  needs: ["load-balancer.amphora-agent"],
  thresholds: { warningUsedPercent: 80, criticalUsedPercent: 90 },
  thresholdReasons: {
    warningUsedPercent:
      "an amphora logs to its root disk (a few GiB by default): at 80 % a burst of traffic logs can fill it before the next nightly scan",
    criticalUsedPercent: "at 90 % haproxy and the amphora agent are one log rotation away from failing writes",
  },
  remediation: [STEP.amphoraFailover("{loadbalancer_id}")],
  run(context) {
    const warning = numberThreshold(context, "warningUsedPercent");
    const critical = numberThreshold(context, "criticalUsedPercent");
    const detections: Detection[] = [];
    for (const agent of neededRecords(context.inventory, "load-balancer.amphora-agent")) {
      const id = keyOf("load-balancer.amphora-agent", agent);
      const disk = diskOf(agent);
      if (id === null || disk === null) continue;
      const { used, available } = disk;
      const usedPercent = Math.round((used / (used + available)) * 1000) / 10;
      if (usedPercent < warning) continue;
      const lbId = text(agent, "loadbalancer_id");
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: `amphora's root filesystem is ${usedPercent} % used (${formatBytes(available)} left)`,
        evidence: {
          usedPercent,
          usedBytes: used,
          availableBytes: available,
          ...pick(agent, ["hostname", "lb_network_ip", "loadbalancer_id"]),
        },
        since: null,
        severity: usedPercent >= critical ? "critical" : "warning",
        remediation: [STEP.amphoraFailover(lbId), ...(lbId === null ? [] : [STEP.loadbalancerFailoverOf(lbId)])],
      });
    }
    return detections;
  },
  undecided(context: CheckContext) {
    // An agent that answered without usable figures (another agent version) is as undecided as a silent one.
    const unanswered = unansweredAgents(
      context.inventory,
      () => true,
      (agent) => diskOf(agent) === null,
    );
    return unanswered.length === 0
      ? []
      : [`the disk of ${describeAmphorae(unanswered)} is unknown: no usable answer from its agent`];
  },
};

/** The agent's `disk` figures, or null when it gave none that can be read (absent, not numbers, an empty disk). */
function diskOf(agent: ApiRecord): { used: number; available: number } | null {
  const disk = object(agent, "disk");
  const used = disk === null ? null : num(disk, "used");
  const available = disk === null ? null : num(disk, "available");
  if (used === null || available === null || used + available === 0) return null;
  return { used, available };
}

function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
