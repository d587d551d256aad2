// Records of an inventory by type and id, so the planner reads relations and tags without another call.
import type { Inventory } from "../../inventory/inventory.ts";
import { recordId } from "../../inventory/record-id.ts";
import { resourceType } from "../../inventory/registry.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { RecordLookup } from "./build-plan.ts";

export function recordLookup(inventory: Inventory): RecordLookup {
  const index = new Map<string, Record<string, unknown>>();
  for (const [type, records] of Object.entries(inventory.resources)) {
    const declaration = resourceType(type as ResourceTypeId);
    for (const record of records) {
      const id = recordId(declaration, record);
      if (id !== null) index.set(`${type}\0${id}`, record);
    }
  }
  return (type, id) => index.get(`${type}\0${id}`) ?? null;
}
