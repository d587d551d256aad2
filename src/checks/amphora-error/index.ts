// amphora-error: amphorae in ERROR. Octavia's health manager never retries these, so the load balancer runs
// without redundancy (or not at all) until someone fails the amphora over.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { completeRecords, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const amphoraError: Check = {
  id: "amphora-error",
  title: "Amphora in ERROR",
  description:
    "Amphorae in ERROR serving a load balancer (those of a deleted load balancer are amphora-orphaned's). " +
    "Fail over one amphora at a time per load balancer, waiting until it settles.",
  severity: "critical",
  needs: ["load-balancer.amphora"],
  optional: ["load-balancer.loadbalancer"],
  thresholds: {},
  remediation: [STEP.amphoraFailover("{loadbalancer_id}")],
  run({ inventory }) {
    const lbs = completeRecords(inventory, "load-balancer.loadbalancer");
    const liveLbs =
      lbs === null
        ? null
        : new Set(lbs.filter((lb) => text(lb, "provisioning_status") !== "DELETED").map((lb) => text(lb, "id")));
    const detections: Detection[] = [];
    for (const amphora of neededRecords(inventory, "load-balancer.amphora")) {
      const id = keyOf("load-balancer.amphora", amphora);
      if (id === null || text(amphora, "status") !== "ERROR") continue;
      const lbId = text(amphora, "loadbalancer_id");
      // Known to serve nothing: amphora-orphaned reports it (with a delete instead of a failover).
      if (lbId !== null && liveLbs !== null && !liveLbs.has(lbId)) continue;
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: lbId === null ? "amphora in ERROR" : `amphora in ERROR (load balancer ${lbId})`,
        evidence: pick(amphora, ["status", "loadbalancer_id", "role", "compute_id", "updated_at"]),
        since: stateSince(amphora),
        remediation: [STEP.amphoraFailover(lbId)],
      });
    }
    return detections;
  },
};
