// amphora-failover-stopped: amphorae Octavia stopped failing over because too many failed at once (the failover
// circuit breaker): a sign of a wider outage, and the load balancers stay degraded until an operator acts.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const amphoraFailoverStopped: Check = {
  id: "amphora-failover-stopped",
  title: "Amphora failover stopped (circuit breaker)",
  description:
    "Amphorae in FAILOVER_STOPPED: the health manager's failover threshold was reached. Find the cause first, " +
    "then fail them over one at a time per load balancer.",
  severity: "critical",
  needs: ["load-balancer.amphora"],
  thresholds: {},
  remediation: [STEP.amphoraFailover("{loadbalancer_id}")],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const amphora of neededRecords(inventory, "load-balancer.amphora")) {
      const id = keyOf("load-balancer.amphora", amphora);
      if (id === null || text(amphora, "status") !== "FAILOVER_STOPPED") continue;
      const lbId = text(amphora, "loadbalancer_id");
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: `amphora failover stopped by the circuit breaker${lbId === null ? "" : ` (load balancer ${lbId})`}`,
        evidence: pick(amphora, ["status", "loadbalancer_id", "role", "compute_id", "updated_at"]),
        since: stateSince(amphora),
        remediation: [STEP.amphoraFailover(lbId)],
      });
    }
    return detections;
  },
};
