// security-group-rule-dangling: rules whose remote security group no longer exists; they match nothing, clutter
// the group and confuse whoever audits it.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const securityGroupRuleDangling: Check = {
  id: "security-group-rule-dangling",
  title: "Security group rule with a missing remote group",
  description:
    "Rules whose remote_group_id is absent from the complete security group list and answered 404 to " +
    "GET /v2.0/security-groups/{id}.",
  severity: "warning",
  needs: ["network.security-group-rule", "network.security-group"],
  thresholds: {},
  confirms: [{ type: "network.security-group", idsFrom: "remote_group_id" }],
  remediation: [STEP.securityGroupRuleDelete()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const rule of neededRecords(inventory, "network.security-group-rule")) {
      const id = keyOf("network.security-group-rule", rule);
      const remote = text(rule, "remote_group_id");
      // A group created between the two listings is absent from the first, and its lookup answered 200.
      if (id === null || remote === null || !isConfirmedMissing(inventory, "network.security-group", remote)) continue;
      detections.push({
        resourceType: "network.security-group-rule",
        resourceId: id,
        summary: `rule of group ${text(rule, "security_group_id") ?? "?"} allows missing remote group ${remote}`,
        evidence: {
          ...pick(rule, [
            "security_group_id",
            "remote_group_id",
            "direction",
            "protocol",
            "port_range_min",
            "port_range_max",
          ]),
          groupLookup: "GET /v2.0/security-groups/{id} → 404",
        },
        since: stateSince(rule),
      });
    }
    return detections;
  },
};
