// credential-orphaned: Keystone application credentials whose user or project is gone, and Nova key pairs whose user
// is gone, read from Keystone's and Nova's databases (their APIs list them one user at a time). Keystone deletes a SQL
// user's application credentials with the user, but keeps a deleted project's, and an LDAP or federated user's who
// vanishes from its backend (Keystone is never told); Nova keeps every key pair of a deleted user.

import { text } from "../../inventory/record-field.ts";
import type { Check } from "../check.ts";
import { STEP } from "../support/remediation-steps.ts";
import { userOwnedConfirms, userOwnedDetections, type UserOwnedType } from "../support/user-owned.ts";

const CREDENTIALS: readonly UserOwnedType[] = [
  {
    type: "identity.application-credential",
    noun: "application credential",
    users: [["user_id", "user", "userLookup"]],
    project: true,
    evidence: ["name", "user_id", "expires_at", "unrestricted"],
    remove: (record) => STEP.applicationCredentialDelete(text(record, "user_id") ?? "", text(record, "id") ?? ""),
  },
  {
    type: "compute.keypair",
    noun: "key pair",
    users: [["user_id", "user", "userLookup"]],
    project: false,
    evidence: ["name", "user_id", "fingerprint", "type", "created_at"],
    remove: (record) => STEP.keypairDelete(text(record, "user_id") ?? "", text(record, "name") ?? ""),
  },
];

export const credentialOrphaned: Check = {
  id: "credential-orphaned",
  title: "Application credential or key pair of a deleted user or project",
  description:
    "Keystone application credentials whose user or project, and Nova key pairs whose user, is absent from the " +
    "complete user (or project) list and answered 404 to GET /v3/users/{id} (GET /v3/projects/{id}); read from " +
    "Keystone's and Nova's databases.",
  severity: "warning",
  needs: ["identity.user", "identity.project"],
  optional: CREDENTIALS.map(({ type }) => type),
  thresholds: {},
  confirms: userOwnedConfirms(CREDENTIALS),
  remediation: [
    STEP.applicationCredentialDelete("{user_id}", "{application_credential_id}"),
    STEP.keypairDelete("{user_id}", "{keypair_name}"),
  ],
  run: ({ inventory }) => userOwnedDetections(inventory, CREDENTIALS),
};
