// credential-orphaned: trusts, application credentials and key pairs whose user or project is gone. Keystone deletes a
// SQL user's trusts and application credentials with the user, and a project's trusts with the project, but keeps a
// deleted project's application credentials, and both of an LDAP or federated user who vanishes from its backend
// (Keystone is never told); Nova keeps every key pair of a deleted user.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { ApiRecord } from "../../inventory/record-field.ts";
import { pick, text } from "../../inventory/record-field.ts";
import type { Check, Detection, RemediationStep } from "../check.ts";
import { completeRecords, isConfirmedMissing, keyOf } from "../support/inventory-view.ts";
import { STEP } from "../support/remediation-steps.ts";

const GONE = " → 404";

/** The references a record of each type may have lost, the evidence each lookup is written to, and its fix. */
const TYPES: readonly {
  type: ResourceTypeId;
  noun: string;
  users: readonly (readonly [field: string, role: string, lookup: string])[];
  project: boolean;
  evidence: readonly string[];
  remove: (record: ApiRecord) => RemediationStep;
}[] = [
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
  title: "Trust, application credential or key pair of a deleted user or project",
  description:
    "Keystone trusts whose trustor, trustee or project, application credentials whose user or project, and Nova key " +
    "pairs whose user is absent from the complete user (or project) list and answered 404 to GET /v3/users/{id} " +
    "(GET /v3/projects/{id}). Application credentials and key pairs are read from Keystone's and Nova's databases.",
  severity: "warning",
  needs: ["identity.user", "identity.project"],
  optional: TYPES.map(({ type }) => type),
  thresholds: {},
  confirms: [
    { type: "identity.user", idsFrom: "trustor_user_id", onlyIf404: "trustorLookup" },
    { type: "identity.user", idsFrom: "trustee_user_id", onlyIf404: "trusteeLookup" },
    { type: "identity.user", idsFrom: "user_id", onlyIf404: "userLookup" },
    { type: "identity.project", idsFrom: "owner", onlyIf404: "projectLookup" },
  ],
  remediation: [
    STEP.trustDelete(),
    STEP.applicationCredentialDelete("{user_id}", "{application_credential_id}"),
    STEP.keypairDelete("{user_id}", "{keypair_name}"),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const { type, noun, users, project, evidence, remove } of TYPES) {
      for (const record of completeRecords(inventory, type) ?? []) {
        const gone: string[] = [];
        const lookups: Record<string, string> = {};
        for (const [field, role, lookup] of users) {
          const user = text(record, field);
          if (user === null || !isConfirmedMissing(inventory, "identity.user", user)) continue;
          gone.push(`${role} ${user}`);
          lookups[lookup] = `GET /v3/users/{id}${GONE}`;
        }
        const owner = project ? text(record, "project_id") : null;
        if (owner !== null && isConfirmedMissing(inventory, "identity.project", owner)) {
          gone.push(`project ${owner}`);
          lookups["projectLookup"] = `GET /v3/projects/{id}${GONE}`;
        }
        const id = keyOf(type, record);
        if (gone.length === 0 || id === null) continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${noun} of deleted ${gone.join(" and ")}`,
          evidence: {
            ...(project ? { project_id: text(record, "project_id") } : {}),
            ...pick(record, [...evidence]),
            ...lookups,
          },
          since: null,
          remediation: [remove(record)],
        });
      }
    }
    return detections;
  },
};
