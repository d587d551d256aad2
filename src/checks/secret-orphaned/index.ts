// secret-orphaned: Barbican secrets and containers of deleted projects (the TLS certificates and keys of their load
// balancers, their volume encryption keys). Barbican's API lists only the token's project's, so they are read from its
// database; and it lets only their own project delete them, so nothing but an operator can remove them.

import type { Check, Detection } from "../check.ts";
import { isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

const TYPES = [
  ["key-manager.container", "key-manager container", ["status", "type", "created", "updated"]],
  ["key-manager.secret", "secret", ["status", "secret_type", "algorithm", "expiration", "created", "updated"]],
] as const;

/**
 * Every delete rule of Barbican's policy requires the token's project to be the secret's (secret_project_match,
 * container_project_match), the admin's rule too, and a deleted project cannot be scoped to: no API call removes it.
 */
const barbicanKeepsIt = () =>
  STEP.report(
    "the cloud operator: Barbican lets only the owner project delete it, and that project is gone; Barbican's " +
      "keystone listener ([keystone_notifications] enable) deletes a project's secrets when Keystone announces its deletion",
  );

export const secretOrphaned: Check = {
  id: "secret-orphaned",
  title: "Barbican secret of a deleted project",
  description:
    "Barbican secrets and containers whose owner project answered 404 to GET /v3/projects/{id}, read from Barbican's " +
    "database (its API lists only the token's own project's).",
  severity: "warning",
  needs: ["identity.project", "key-manager.secret", "key-manager.container"],
  thresholds: {},
  remediation: [barbicanKeepsIt()],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const [type, noun, evidence] of TYPES) {
      for (const record of neededRecords(inventory, type)) {
        const owner = text(record, "project_id");
        const id = keyOf(type, record);
        if (id === null || owner === null || !isConfirmedMissing(inventory, "identity.project", owner)) continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${noun} owned by deleted project ${owner}`,
          evidence: { project_id: owner, projectLookup: "GET /v3/projects/{id} → 404", ...pick(record, [...evidence]) },
          since: null,
          remediation: [barbicanKeepsIt()],
        });
      }
    }
    return detections;
  },
};
