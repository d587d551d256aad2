// network-resource-error: routers, ports, networks and floating IPs Neutron put in ERROR (a failed backend call);
// traffic through them is likely broken. Report only: the cause is in the network backend, not the record.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { completeRecords, keyOf } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

const TYPES = [
  ["network.router", "router"],
  ["network.port", "port"],
  ["network.network", "network"],
  ["network.floatingip", "floating IP"],
] as const satisfies readonly (readonly [ResourceTypeId, string])[];

export const networkResourceError: Check = {
  id: "network-resource-error",
  title: "Network resource in ERROR",
  description: "Routers, ports, networks and floating IPs whose status is ERROR.",
  severity: "warning",
  needs: [],
  optional: TYPES.map(([type]) => type),
  thresholds: {},
  remediation: [
    STEP.report(
      "the cloud operator: look for the failed call in the network backend's logs; ports of a missing device are port-device-missing's",
    ),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const [type, noun] of TYPES) {
      for (const record of completeRecords(inventory, type) ?? []) {
        const id = keyOf(type, record);
        if (id === null || text(record, "status") !== "ERROR") continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${noun} in ERROR`,
          evidence: pick(record, ["status", "device_owner", "device_id", "admin_state_up", "updated_at"]),
          since: stateSince(record),
        });
      }
    }
    return detections;
  },
};
