// What a type's records point at that a scan confirms when it looks missing: its declared references, and its
// owner field as a reference to the owning project (a project deleted in Keystone is the commonest missing target).

import type { Reference, ResourceType } from "./resource-type.ts";

export function referencesOf(type: ResourceType): Reference[] {
  const references: Reference[] = [...type.references];
  if (type.ownerField !== null) references.push({ path: type.ownerField, target: "identity.project" });
  return references;
}
