// What the RBD checks read of one pool listing (src/deep/ceph): its pool record, its images, and the owners the
// services list, each only when every listing it rests on is complete.
import { isOwned, ownerOf, ownersOf, type Owners, type RbdOwner } from "../../deep/ceph/naming.ts";
import { OWNER_TYPES_OF_ROLE, RBD_TYPE_OF_ROLE, type RbdTypeId } from "../../deep/ceph/pool-types.ts";
import { POOL_ROLES, type PoolRole } from "../../deep/ceph/settings.ts";
import type { Inventory } from "../../inventory/inventory.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check } from "../check.ts";
import { secondsSince } from "../../inventory/age.ts";
import { completeRecords } from "./inventory-view.ts";
import { bool, num, text, type ApiRecord } from "../../inventory/record-field.ts";

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

/** The age gate of `orphanedImages`, declared by each check that uses it (an operator may set it per check). */
export const ORPHAN_AGE_THRESHOLD: Pick<Check, "thresholds" | "thresholdReasons"> = {
  thresholds: { minAgeSeconds: 3600 },
  thresholdReasons: {
    minAgeSeconds:
      "an age window, since no lookup exists below the API: an RBD image created just after its owner was listed has no record yet, and an hour covers any create",
  },
};

/** An RBD image no service owns, as `rbd-image-orphaned` reports it. */
export interface OrphanedImage {
  pool: RbdPool;
  image: ApiRecord;
  name: string;
  owner: RbdOwner;
  ageSeconds: number;
}

/**
 * The images of complete pools whose name points to an owner the services do not list, that no client has open and
 * that are at least `minAgeSeconds` old: the one rule of what an orphaned image is.
 */
export function orphanedImages(inventory: Inventory, now: Date, minAgeSeconds: number): OrphanedImage[] {
  const orphans: OrphanedImage[] = [];
  for (const pool of completePools(inventory)) {
    for (const image of pool.images) {
      const name = text(image, "name");
      const owner = name === null ? null : ownerOf(pool.role, name);
      // Only images the source opened carry what deciding needs; an owned one never is.
      if (name === null || owner === null || isOwned(owner, pool.owners) || bool(image, "opened") !== true) continue;
      // A client with the image open (a running VM, an attached volume, an upload) is using it.
      if (num(image, "watchers") !== 0) continue;
      // Cinder removes `.deleted` with the last clone of its snapshots: with snapshots left, it may still have some.
      if (owner.kind === "deleted-volume" && num(image, "snapshot_count") !== 0) continue;
      const age = secondsSince(text(image, "created_at"), now);
      if (age === null || age < minAgeSeconds) continue;
      orphans.push({ pool, image, name, owner, ageSeconds: age });
    }
  }
  return orphans;
}
