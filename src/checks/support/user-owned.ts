// The rule of the checks over what Keystone users own (trusts, application credentials, key pairs): a record whose user
// or project answered 404, with the lookups it rests on written where the checks' `confirms` read them back.

import type { ApiRecord } from "../../inventory/record-field.ts";
import { pick, text } from "../../inventory/record-field.ts";
import type { Inventory } from "../../inventory/inventory.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Confirms, Detection, RemediationStep } from "../check.ts";
import { completeRecords, isConfirmedMissing, keyOf } from "./inventory-view.ts";

export interface UserOwnedType {
  type: ResourceTypeId;
  noun: string;
  /** Fields naming a user, the user's role in the summary, and the evidence field of its lookup. */
  users: readonly (readonly [field: string, role: string, lookup: string])[];
  /** Whether the record's owner project (`project_id`) counts too. */
  project: boolean;
  evidence: readonly string[];
  remove: (record: ApiRecord) => RemediationStep;
}

const USER_LOOKUP = "GET /v3/users/{id} → 404";
const PROJECT_LOOKUP = "GET /v3/projects/{id} → 404";

/** What apply looks up again for such findings: each user or project the finding says is gone, and no other. */
export function userOwnedConfirms(types: readonly UserOwnedType[]): Confirms[] {
  const confirms: Confirms[] = [];
  for (const { users, project } of types) {
    for (const [field, , lookup] of users)
      if (!confirms.some((c) => c.idsFrom === field))
        confirms.push({ type: "identity.user", idsFrom: field, onlyIf404: lookup });
    if (project && !confirms.some((c) => c.idsFrom === "owner"))
      confirms.push({ type: "identity.project", idsFrom: "owner", onlyIf404: "projectLookup" });
  }
  return confirms;
}

/** The records of complete listings whose user or project is confirmed gone; incomplete listings are skipped. */
export function userOwnedDetections(inventory: Inventory, types: readonly UserOwnedType[]): Detection[] {
  const detections: Detection[] = [];
  for (const { type, noun, users, project, evidence, remove } of types) {
    for (const record of completeRecords(inventory, type) ?? []) {
      const gone: string[] = [];
      const lookups: Record<string, string> = {};
      for (const [field, role, lookup] of users) {
        const user = text(record, field);
        if (user === null || !isConfirmedMissing(inventory, "identity.user", user)) continue;
        gone.push(`${role} ${user}`);
        lookups[lookup] = USER_LOOKUP;
      }
      const owner = project ? text(record, "project_id") : null;
      if (owner !== null && isConfirmedMissing(inventory, "identity.project", owner)) {
        gone.push(`project ${owner}`);
        lookups["projectLookup"] = PROJECT_LOOKUP;
      }
      const id = keyOf(type, record);
      if (gone.length === 0 || id === null) continue;
      detections.push({
        resourceType: type,
        resourceId: id,
        summary: `${noun} of deleted ${gone.join(" and ")}`,
        evidence: {
          ...(project ? { project_id: owner } : {}),
          ...pick(record, [...evidence]),
          ...lookups,
        },
        since: null,
        remediation: [remove(record)],
      });
    }
  }
  return detections;
}
