// What the RBD checks read of one pool listing (src/deep/ceph): its pool record, its images, and the owners the
// services list, each only when every listing it rests on is complete.
import { ownersOf, type Owners } from "../../deep/ceph/naming.ts";
import { OWNER_TYPES_OF_ROLE, RBD_TYPE_OF_ROLE, type RbdTypeId } from "../../deep/ceph/pool-types.ts";
import { POOL_ROLES, type PoolRole } from "../../deep/ceph/settings.ts";
import type { Inventory } from "../../inventory/inventory.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import { completeRecords } from "./inventory-view.ts";
import { text, type ApiRecord } from "./record-field.ts";

export interface RbdPool {
  role: PoolRole;
  type: RbdTypeId;
  pool: ApiRecord;
  images: ApiRecord[];
  trash: ApiRecord[];
  owners: Owners;
  /** The owner listings of the role (volumes, servers, ...), by type. */
  ownerRecords: ReadonlyMap<string, ApiRecord[]>;
}

/** Every pool type a check may read, with the owner types its listing rests on (a check's `optional`). */
export function rbdTypesOf(roles: readonly PoolRole[] = POOL_ROLES): ResourceTypeId[] {
  return [...new Set(roles.flatMap((role) => [RBD_TYPE_OF_ROLE[role], ...OWNER_TYPES_OF_ROLE[role]]))];
}

/** The pools of these roles whose listing and owner listings are complete; the others stay silent (fail closed). */
export function completePools(inventory: Inventory, roles: readonly PoolRole[] = POOL_ROLES): RbdPool[] {
  const pools: RbdPool[] = [];
  for (const role of roles) {
    const type = RBD_TYPE_OF_ROLE[role];
    const records = completeRecords(inventory, type);
    const ownerRecords = new Map<string, ApiRecord[]>();
    for (const ownerType of OWNER_TYPES_OF_ROLE[role]) {
      const owned = completeRecords(inventory, ownerType);
      if (owned !== null) ownerRecords.set(ownerType, owned);
    }
    const pool = records?.find((record) => text(record, "kind") === "pool");
    if (records === null || pool === undefined || ownerRecords.size < OWNER_TYPES_OF_ROLE[role].length) continue;
    pools.push({
      role,
      type,
      pool,
      images: records.filter((record) => text(record, "kind") === "image"),
      trash: records.filter((record) => text(record, "kind") === "trash"),
      owners: ownersOf({
        volumes: ownerRecords.get("block-storage.volume"),
        servers: ownerRecords.get("compute.server"),
        images: ownerRecords.get("image.image"),
        backups: ownerRecords.get("block-storage.backup"),
      }),
      ownerRecords,
    });
  }
  return pools;
}

/** The bytes an image holds, for the report's totals: provisioned always, used where `rbd du` was cheap. */
export function bytesHeld(image: ApiRecord): { provisioned_bytes?: number; used_bytes?: number } {
  const held: { provisioned_bytes?: number; used_bytes?: number } = {};
  if (typeof image.size === "number") held.provisioned_bytes = image.size;
  if (typeof image.used_size === "number") held.used_bytes = image.used_size;
  return held;
}
