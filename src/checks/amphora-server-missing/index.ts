// amphora-server-missing: an ALLOCATED amphora whose compute server is gone; its load balancer has lost that
// amphora's capacity (or all of it) while Octavia still counts it.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const amphoraServerMissing: Check = {
  id: "amphora-server-missing",
  title: "Amphora whose server is gone",
  description:
    "ALLOCATED amphorae whose compute_id is absent from the complete server list and answered 404 to " +
    "GET /servers/{id}.",
  severity: "critical",
  needs: ["load-balancer.amphora", "compute.server"],
  thresholds: {},
  confirms: [{ type: "compute.server", idsFrom: "compute_id" }],
  remediation: [STEP.loadbalancerFailoverOf("{loadbalancer_id}")],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const amphora of neededRecords(inventory, "load-balancer.amphora")) {
      const id = keyOf("load-balancer.amphora", amphora);
      const computeId = text(amphora, "compute_id");
      const lbId = text(amphora, "loadbalancer_id");
      if (id === null || computeId === null || text(amphora, "status") !== "ALLOCATED") continue;
      if (!isConfirmedMissing(inventory, "compute.server", computeId)) continue;
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: `amphora's server ${computeId} is gone${lbId === null ? "" : ` (load balancer ${lbId})`}`,
        evidence: {
          ...pick(amphora, ["status", "compute_id", "loadbalancer_id", "role"]),
          serverLookup: "GET /servers/{id} → 404",
        },
        since: stateSince(amphora),
        remediation: lbId === null ? [STEP.amphoraFailover(null)] : [STEP.loadbalancerFailoverOf(lbId)],
      });
    }
    return detections;
  },
};
