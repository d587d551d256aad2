// loadbalancer-error: load balancers Octavia left in provisioning ERROR; their traffic may be down and every
// change is refused until a failover rebuilds them.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const loadbalancerError: Check = {
  id: "loadbalancer-error",
  title: "Load balancer in ERROR",
  description: "Load balancers whose provisioning_status is ERROR.",
  severity: "critical",
  needs: ["load-balancer.loadbalancer"],
  thresholds: {},
  remediation: [STEP.loadbalancerFailover(), STEP.loadbalancerDeleteCascade()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const lb of neededRecords(inventory, "load-balancer.loadbalancer")) {
      const id = keyOf("load-balancer.loadbalancer", lb);
      if (id === null || text(lb, "provisioning_status") !== "ERROR") continue;
      detections.push({
        resourceType: "load-balancer.loadbalancer",
        resourceId: id,
        summary: `load balancer in provisioning ERROR (operating ${text(lb, "operating_status") ?? "unknown"})`,
        evidence: pick(lb, ["provisioning_status", "operating_status", "provider", "updated_at"]),
        since: stateSince(lb),
      });
    }
    return detections;
  },
};
