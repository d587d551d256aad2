// service-down: compute services, volume services and network agents reported down while enabled. Not a leak in
// itself, but it explains the stuck resources of that host and must be fixed before any repair of them.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection } from "../check.ts";
import { completeRecords, keyOf } from "../support/inventory-view.ts";
import type { ApiRecord } from "../../inventory/record-field.ts";
import { bool, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/** Down while the operator wants it up: disabled or forced-down services are deliberate (maintenance, fencing). */
function isDown(type: ResourceTypeId, record: ApiRecord): boolean {
  if (type === "network.agent") return bool(record, "alive") === false && bool(record, "admin_state_up") !== false;
  if (text(record, "state") !== "down" || text(record, "status") !== "enabled") return false;
  return bool(record, "forced_down") !== true;
}

const TYPES = [
  ["compute.service", "updated_at"],
  ["block-storage.service", "updated_at"],
  ["network.agent", "heartbeat_timestamp"],
] as const satisfies readonly (readonly [ResourceTypeId, string])[];

export const serviceDown: Check = {
  id: "service-down",
  title: "Service or agent down",
  description:
    "Enabled Nova and Cinder services reported down, and network agents not alive (disabled or forced-down ones " +
    "are deliberate and not reported).",
  severity: "critical",
  needs: [],
  optional: TYPES.map(([type]) => type),
  thresholds: {},
  remediation: [STEP.report("the cloud operator: restart the service on its host; it explains stuck resources there")],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const [type, heartbeat] of TYPES) {
      for (const record of completeRecords(inventory, type) ?? []) {
        const id = keyOf(type, record);
        if (id === null || !isDown(type, record)) continue;
        const name = text(record, "binary") ?? text(record, "agent_type") ?? "service";
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${name} on ${text(record, "host") ?? "unknown host"} is down`,
          evidence: pick(record, [
            "binary",
            "agent_type",
            "host",
            "zone",
            "availability_zone",
            "state",
            "status",
            "alive",
            heartbeat,
          ]),
          since: text(record, heartbeat),
        });
      }
    }
    return detections;
  },
};
