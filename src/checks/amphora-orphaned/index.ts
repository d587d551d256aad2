// amphora-orphaned: amphorae whose load balancer is gone or DELETED; they keep a server, ports and a flavor's worth
// of capacity for nothing.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../support/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../support/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const amphoraOrphaned: Check = {
  id: "amphora-orphaned",
  title: "Amphora of a deleted load balancer",
  description:
    "Amphorae (not DELETED) whose load balancer is absent from the complete list or DELETED, unchanged for longer " +
    "than the threshold. Spare amphorae (no load balancer) are not reported.",
  severity: "warning",
  needs: ["load-balancer.amphora", "load-balancer.loadbalancer"],
  // Amphorae are listed after load balancers: one built for a load balancer created in between would look orphaned.
  thresholds: { minAgeSeconds: 3600 },
  remediation: [STEP.amphoraDelete()],
  run(context) {
    const minAge = numberThreshold(context, "minAgeSeconds");
    const lbStatus = new Map<string, string | null>();
    for (const lb of neededRecords(context.inventory, "load-balancer.loadbalancer")) {
      const id = text(lb, "id");
      if (id !== null) lbStatus.set(id, text(lb, "provisioning_status"));
    }
    const detections: Detection[] = [];
    for (const amphora of neededRecords(context.inventory, "load-balancer.amphora")) {
      const id = keyOf("load-balancer.amphora", amphora);
      const lbId = text(amphora, "loadbalancer_id");
      const status = text(amphora, "status");
      if (id === null || lbId === null || status === "DELETED") continue;
      const lb = lbStatus.has(lbId) ? (lbStatus.get(lbId) ?? null) : undefined;
      if (lb !== undefined && lb !== "DELETED") continue;
      const since = stateSince(amphora);
      const age = secondsSince(since, context.now);
      if (age === null || age < minAge) continue;
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: `amphora of ${lb === undefined ? "deleted" : "DELETED"} load balancer ${lbId} (${status ?? "no status"} for ${formatDuration(age)})`,
        evidence: {
          ...pick(amphora, ["status", "loadbalancer_id", "compute_id", "updated_at"]),
          loadbalancer: lb === undefined ? "absent from the list" : "DELETED",
        },
        since,
        // Octavia deletes only amphorae in ERROR; any other must be looked at by an operator.
        remediation:
          status === "ERROR"
            ? [STEP.amphoraDelete()]
            : [
                STEP.report(
                  "the cloud operator: Octavia deletes only amphorae in ERROR; check the housekeeping service",
                ),
              ],
      });
    }
    return detections;
  },
};
