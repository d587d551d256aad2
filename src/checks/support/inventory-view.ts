// What a check may believe about the inventory: records of complete listings only, references missing only when
// the listing is complete and the point lookup answered 404.

import type { Confirmation, Inventory } from "../../inventory/inventory.ts";
import { recordId } from "../../inventory/record-id.ts";
import { resourceType } from "../../inventory/registry.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { ApiRecord } from "../../inventory/record-field.ts";

export function isComplete(inventory: Inventory, type: ResourceTypeId): boolean {
  return inventory.coverage[type]?.status === "complete";
}

/** The records of a complete listing, or null when the listing is not complete (the check must then stay silent). */
export function completeRecords(inventory: Inventory, type: ResourceTypeId): ApiRecord[] | null {
  if (!isComplete(inventory, type)) return null;
  return inventory.resources[type] ?? [];
}

/** The records of a type the check `needs` (the runner ran it only because the listing is complete). */
export function neededRecords(inventory: Inventory, type: ResourceTypeId): ApiRecord[] {
  return completeRecords(inventory, type) ?? [];
}

/**
 * Id sets already built, per records array and field. Checks call `isConfirmedMissing` once per record: building
 * the set on each call made a check over n records cost n × (size of the target listing).
 */
const idSets = new WeakMap<readonly ApiRecord[], Map<string, { size: number; ids: ReadonlySet<string> }>>();

/** The ids (`field`, "id" by default) of a complete listing, or null when incomplete. Shared: never modify it. */
export function completeIds(inventory: Inventory, type: ResourceTypeId, field = "id"): ReadonlySet<string> | null {
  const records = completeRecords(inventory, type);
  if (records === null) return null;
  let byField = idSets.get(records);
  if (byField === undefined)
    idSets.set(records, (byField = new Map<string, { size: number; ids: ReadonlySet<string> }>()));
  const built = byField.get(field);
  // An array that grew since (a test building its inventory step by step) gets a fresh set.
  if (built !== undefined && built.size === records.length) return built.ids;
  const ids = new Set<string>();
  for (const record of records) {
    const id = record[field];
    if (typeof id === "string" && id !== "") ids.add(id);
  }
  byField.set(field, { size: records.length, ids });
  return ids;
}

/**
 * Ids confirmed missing, per confirmations object: a handful, so that the question asked of every record is one
 * probe in a small set rather than in the set of every project or server (measured: a third of the checks' time
 * at a million records). An inventory is not changed once checks read it.
 */
const missingSets = new WeakMap<
  Readonly<Record<string, Confirmation>>,
  { records: readonly ApiRecord[]; size: number; missing: ReadonlySet<string> }
>();

/**
 * True only when `id` is absent from the complete listing of `type` AND `GET /<type>/{id}` answered 404.
 * Anything else (listing incomplete, lookup not made, error, timeout, forbidden, 200) is not proof.
 */
export function isConfirmedMissing(inventory: Inventory, type: ResourceTypeId, id: string): boolean {
  const confirmations = inventory.confirmations[type];
  const records = completeRecords(inventory, type);
  if (confirmations === undefined || records === null) return false;
  let built = missingSets.get(confirmations);
  if (built?.records !== records || built.size !== records.length) {
    const listed = completeIds(inventory, type) ?? new Set<string>();
    const missing = new Set<string>();
    for (const [key, outcome] of Object.entries(confirmations)) {
      if (outcome === "missing" && !listed.has(key)) missing.add(key);
    }
    built = { records, size: records.length, missing };
    missingSets.set(confirmations, built);
  }
  return built.missing.has(id);
}

/** The id a detection names the record by (its type's id fields joined with "/"), or null for a malformed record. */
export function keyOf(type: ResourceTypeId, record: ApiRecord): string | null {
  return recordId(resourceType(type), record);
}
