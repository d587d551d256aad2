// rbac-policy-target-missing: Neutron RBAC policies sharing a network, QoS policy or other object with a project
// that no longer exists; harmless but they accumulate and hide who really has access.

import type { Check, Detection } from "../check.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const rbacPolicyTargetMissing: Check = {
  id: "rbac-policy-target-missing",
  title: "RBAC policy granting to a deleted project",
  description:
    "Neutron RBAC policies whose target_tenant is absent from the complete project list and answered 404 to " +
    'GET /v3/projects/{id} (the wildcard "*" is never a project).',
  severity: "info",
  needs: ["network.rbac-policy", "identity.project"],
  thresholds: {},
  confirms: [{ type: "identity.project", idsFrom: "target_tenant" }],
  remediation: [STEP.rbacPolicyDelete()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const policy of neededRecords(inventory, "network.rbac-policy")) {
      const id = keyOf("network.rbac-policy", policy);
      const target = text(policy, "target_tenant");
      if (id === null || target === null || target === "*") continue;
      if (!isConfirmedMissing(inventory, "identity.project", target)) continue;
      detections.push({
        resourceType: "network.rbac-policy",
        resourceId: id,
        summary: `${text(policy, "object_type") ?? "object"} ${text(policy, "object_id") ?? ""} shared (${text(policy, "action") ?? "?"}) with deleted project ${target}`,
        evidence: {
          ...pick(policy, ["object_type", "object_id", "action", "target_tenant"]),
          projectLookup: "GET /v3/projects/{id} → 404",
        },
        since: null,
      });
    }
    return detections;
  },
};
