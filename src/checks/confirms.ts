// The ids a finding rests on, read from its check's `confirms` declarations and the resource type's references:
// the one rule by which apply knows what must still answer 404 (and the registry test, that the scan confirms it).

import { referencesOf, referenceValues } from "../inventory/references-of.ts";
import { readFieldPath } from "../inventory/field-path.ts";
import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { Reference } from "../inventory/resource-type.ts";
import type { Check, Confirms } from "./check.ts";

export const OWNER = "owner";

/** The declared references of `type` a confirmation reads (none when the type does not declare it). */
export function referencesFor(type: ResourceTypeId, confirm: Confirms): Reference[] {
  const declared = resourceType(type);
  if (confirm.idsFrom === OWNER)
    return declared.ownerField === null ? [] : [{ path: declared.ownerField, target: "identity.project" }];
  return referencesOf(declared).filter((r) => r.path === confirm.idsFrom && r.target === confirm.type);
}

export interface ConfirmedSubject {
  type: ResourceTypeId;
  projectId: string | null;
  evidence: Record<string, unknown>;
}

/** What must still be gone for the finding to hold, each once, in the order the check declares them. */
export function confirmedReferences(
  check: Pick<Check, "confirms">,
  subject: ConfirmedSubject,
): { type: ResourceTypeId; id: string }[] {
  const refs: { type: ResourceTypeId; id: string }[] = [];
  for (const confirm of check.confirms ?? []) {
    if (
      confirm.onlyIf404 !== undefined &&
      !readFieldPath(subject.evidence, confirm.onlyIf404).some((v) => v.endsWith("404"))
    )
      continue;
    const ids =
      confirm.idsFrom === OWNER
        ? subject.projectId === null
          ? []
          : [subject.projectId]
        : referencesFor(subject.type, confirm).flatMap((reference) => referenceValues(subject.evidence, reference));
    for (const id of ids)
      if (!refs.some((r) => r.type === confirm.type && r.id === id)) refs.push({ type: confirm.type, id });
  }
  return refs;
}
