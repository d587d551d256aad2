// security-group-rule-dangling: rules whose remote security group no longer exists; they match nothing, clutter
// the group and confuse whoever audits it.

import type { Check, Detection } from "../check.ts";
import { secondsSince, stateSince } from "../support/age.ts";
import { completeIds, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../support/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

export const securityGroupRuleDangling: Check = {
  id: "security-group-rule-dangling",
  title: "Security group rule with a missing remote group",
  description: "Rules whose remote_group_id is absent from the complete security group list.",
  severity: "warning",
  needs: ["network.security-group-rule", "network.security-group"],
  // Groups are listed before rules: a group created in between would look missing.
  thresholds: { minAgeSeconds: 3600 },
  remediation: [STEP.securityGroupRuleDelete()],
  run(context) {
    const minAge = numberThreshold(context, "minAgeSeconds");
    const groups = completeIds(context.inventory, "network.security-group") ?? new Set<string>();
    const detections: Detection[] = [];
    for (const rule of neededRecords(context.inventory, "network.security-group-rule")) {
      const id = keyOf("network.security-group-rule", rule);
      const remote = text(rule, "remote_group_id");
      if (id === null || remote === null || groups.has(remote)) continue;
      const since = stateSince(rule);
      const age = secondsSince(since, context.now);
      if (age === null || age < minAge) continue;
      detections.push({
        resourceType: "network.security-group-rule",
        resourceId: id,
        summary: `rule of group ${text(rule, "security_group_id") ?? "?"} allows missing remote group ${remote}`,
        evidence: pick(rule, [
          "security_group_id",
          "remote_group_id",
          "direction",
          "protocol",
          "port_range_min",
          "port_range_max",
        ]),
        since,
      });
    }
    return detections;
  },
};
