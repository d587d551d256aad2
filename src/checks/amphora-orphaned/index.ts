// amphora-orphaned: amphorae whose load balancer is gone or DELETED; they keep a server, ports and a flavor's worth
// of capacity for nothing.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const amphoraOrphaned: Check = {
  id: "amphora-orphaned",
  title: "Amphora of a deleted load balancer",
  description:
    "Amphorae (not DELETED) whose load balancer answered 404 to GET /v2/lbaas/loadbalancers/{id} or is listed " +
    "DELETED. Spare amphorae (no load balancer) are not reported.",
  severity: "warning",
  needs: ["load-balancer.amphora", "load-balancer.loadbalancer"],
  thresholds: {},
  confirms: [{ type: "load-balancer.loadbalancer", idsFrom: "loadbalancer_id", onlyIf404: "loadbalancer" }],
  remediation: [STEP.amphoraDelete()],
  run(context) {
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
      // A load balancer created after the listing is absent from it, and its lookup answered 200.
      if (
        lb === undefined ? !isConfirmedMissing(context.inventory, "load-balancer.loadbalancer", lbId) : lb !== "DELETED"
      )
        continue;
      const since = stateSince(amphora);
      const age = secondsSince(since, context.now);
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary:
          `amphora of ${lb === undefined ? "deleted" : "DELETED"} load balancer ${lbId}` +
          ` (${status ?? "no status"}${age === null ? "" : ` for ${formatDuration(age)}`})`,
        evidence: {
          ...pick(amphora, ["status", "loadbalancer_id", "compute_id", "updated_at"]),
          loadbalancer: lb === undefined ? "GET /v2/lbaas/loadbalancers/{id} → 404" : "listed DELETED",
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
