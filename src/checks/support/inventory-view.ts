// What a check may believe about the inventory: records of complete listings only, references missing only when
// the listing is complete and the point lookup answered 404.

import type { Inventory } from "../../inventory/inventory.ts";
import { recordId } from "../../inventory/record-id.ts";
import { resourceType } from "../../inventory/registry.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { ApiRecord } from "./record-field.ts";

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

/** The ids (`field`, "id" by default) of a complete listing, or null when incomplete. */
export function completeIds(inventory: Inventory, type: ResourceTypeId, field = "id"): Set<string> | null {
  const records = completeRecords(inventory, type);
  if (records === null) return null;
  const ids = new Set<string>();
  for (const record of records) {
    const id = record[field];
    if (typeof id === "string" && id !== "") ids.add(id);
  }
  return ids;
}

/**
 * True only when `id` is absent from the complete listing of `type` AND `GET /<type>/{id}` answered 404.
 * Anything else (listing incomplete, lookup not made, error, timeout, forbidden, 200) is not proof.
 */
export function isConfirmedMissing(inventory: Inventory, type: ResourceTypeId, id: string): boolean {
  const ids = completeIds(inventory, type);
  if (ids === null || ids.has(id)) return false;
  return inventory.confirmations[type]?.[id] === "missing";
}

/** The id a detection names the record by (its type's id fields joined with "/"), or null for a malformed record. */
export function keyOf(type: ResourceTypeId, record: ApiRecord): string | null {
  return recordId(resourceType(type), record);
}
