// What a type's records point at that a scan confirms when it looks missing: its declared references, and its
// owner field as a reference to the owning project (a project deleted in Keystone is the commonest missing target).

import { readFieldPath } from "./field-path.ts";
import { matchesFilters } from "./record-filter.ts";
import type { Reference, ResourceType } from "./resource-type.ts";

export function referencesOf(type: ResourceType): Reference[] {
  const references: Reference[] = [...type.references];
  if (type.ownerField !== null) references.push({ path: type.ownerField, target: "identity.project" });
  return references;
}

const patterns = new Map<string, RegExp>();

/**
 * The ids one record holds at a reference: none when the record fails its `when`; otherwise the values at its path,
 * read through its `match`, less its `ignoreValues`. The confirmer, the checks and the bench's cost model all read
 * references through this one rule.
 */
export function referenceValues(record: Record<string, unknown>, reference: Reference): readonly string[] {
  if (!matchesFilters(record, reference.when)) return [];
  let values = readFieldPath(record, reference.path);
  if (reference.match !== undefined) {
    let pattern = patterns.get(reference.match);
    if (pattern === undefined) patterns.set(reference.match, (pattern = new RegExp(reference.match)));
    values = values.flatMap((value) => {
      const id = pattern.exec(value)?.[1];
      return id === undefined || id === "" ? [] : [id];
    });
  }
  const ignored = reference.ignoreValues;
  return ignored === undefined ? values : values.filter((value) => !ignored.includes(value));
}
