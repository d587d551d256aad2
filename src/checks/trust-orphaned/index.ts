// trust-orphaned: Keystone trusts whose trustor, trustee or project is gone. Keystone deletes a SQL user's trusts with
// the user and a project's with the project, but is never told when an LDAP or federated user vanishes from its
// backend: that user's trusts stay, delegating roles of someone who no longer exists.

import type { Check } from "../check.ts";
import { STEP } from "../support/remediation-steps.ts";
import { userOwnedConfirms, userOwnedDetections, type UserOwnedType } from "../support/user-owned.ts";

const TRUSTS: readonly UserOwnedType[] = [
  {
    type: "identity.trust",
    noun: "trust",
    users: [
      ["trustor_user_id", "trustor", "trustorLookup"],
      ["trustee_user_id", "trustee", "trusteeLookup"],
    ],
    project: true,
    evidence: ["trustor_user_id", "trustee_user_id", "impersonation", "expires_at", "remaining_uses"],
    remove: () => STEP.trustDelete(),
  },
];

export const trustOrphaned: Check = {
  id: "trust-orphaned",
  title: "Trust of a deleted user or project",
  description:
    "Keystone trusts whose trustor, trustee or project is absent from the complete user or project list and " +
    "answered 404 to GET /v3/users/{id} or GET /v3/projects/{id}.",
  severity: "warning",
  needs: ["identity.user", "identity.project", "identity.trust"],
  thresholds: {},
  confirms: userOwnedConfirms(TRUSTS),
  remediation: [STEP.trustDelete()],
  run: ({ inventory }) => userOwnedDetections(inventory, TRUSTS),
};
