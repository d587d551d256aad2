// amphora-heartbeat-stopped: ALLOCATED amphorae whose heartbeat stopped and that no health manager failed over, and
// `busy` left set on a health row (a controller crashed mid-failover: every health manager now skips the amphora
// for good). Both are in Octavia's `amphora_health` table only; after an outage they are the classic leftovers.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { bool, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const amphoraHeartbeatStopped: Check = {
  id: "amphora-heartbeat-stopped",
  title: "Amphora heartbeat stopped, no failover",
  description:
    "ALLOCATED amphorae whose last heartbeat (amphora_health.last_update) is older than the threshold, and those " +
    "whose health row stays busy: no health manager will fail them over.",
  severity: "critical",
  needs: ["database.amphora-health"],
  // Octavia fails an amphora over after heartbeat_timeout (60 s) plus a health check interval: ten minutes
  // without a failover means none is coming.
  thresholds: { maxHeartbeatAgeSeconds: 600 },
  thresholdReasons: {
    maxHeartbeatAgeSeconds:
      "Octavia's health manager fails an amphora over once its heartbeat is older than [health_manager] heartbeat_timeout (60 s): ten minutes without one means no health manager picked it up",
  },
  remediation: [],
  run(context) {
    const maxAge = numberThreshold(context, "maxHeartbeatAgeSeconds");
    const detections: Detection[] = [];
    for (const health of neededRecords(context.inventory, "database.amphora-health")) {
      const id = keyOf("database.amphora-health", health);
      const since = text(health, "last_update");
      const age = secondsSince(since, context.now);
      if (id === null || age === null || age <= maxAge) continue;
      const busy = bool(health, "busy") === true;
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: busy
          ? `amphora health row busy with no heartbeat for ${formatDuration(age)}: a failover died with its controller`
          : `amphora sent no heartbeat for ${formatDuration(age)} and was not failed over`,
        evidence: {
          ...pick(health, ["last_update", "busy", "loadbalancer_id", "compute_id", "lb_network_ip"]),
          source: "database",
        },
        since,
        remediation: [STEP.amphoraFailover(text(health, "loadbalancer_id"))],
      });
    }
    return detections;
  },
};
