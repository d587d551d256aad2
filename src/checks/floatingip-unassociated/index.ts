// floatingip-unassociated: floating IPs allocated but not associated with any port for days: public addresses are
// scarce and billed, yet a tenant may keep one on purpose, so this is information and deletion only when asked.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const floatingipUnassociated: Check = {
  id: "floatingip-unassociated",
  title: "Floating IP unassociated for days",
  description:
    "Floating IPs with no port for longer than the threshold (measured from updated_at, which changes on disassociation).",
  severity: "info",
  needs: ["network.floatingip"],
  thresholds: { minAgeDays: 7 },
  thresholdReasons: {
    minAgeDays: "a policy, not a service limit: an address kept for a week without a port is rarely kept on purpose",
  },
  remediation: [STEP.floatingipDelete()],
  run(context) {
    const minAge = numberThreshold(context, "minAgeDays") * 86_400;
    const detections: Detection[] = [];
    for (const fip of neededRecords(context.inventory, "network.floatingip")) {
      const id = keyOf("network.floatingip", fip);
      // Only an explicit null proves "no port"; a record trimmed without the field proves nothing.
      if (id === null || !("port_id" in fip) || text(fip, "port_id") !== null) continue;
      const since = stateSince(fip);
      const age = secondsSince(since, context.now);
      if (age === null || age <= minAge) continue;
      detections.push({
        resourceType: "network.floatingip",
        resourceId: id,
        summary: `floating IP ${text(fip, "floating_ip_address") ?? ""} unassociated for ${formatDuration(age)}`,
        evidence: pick(fip, ["floating_ip_address", "port_id", "status", "floating_network_id", "updated_at"]),
        since,
      });
    }
    return detections;
  },
};
