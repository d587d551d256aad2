// Which resource type lists which pool role, and the service listings (its `inputs`) whose ids own that pool's images.
// One type per pool, so a pool that cannot be listed makes only its own checks inconclusive.
import type { PoolRole } from "./settings.ts";

export const RBD_TYPE_OF_ROLE = {
  volumes: "block-storage.rbd-image",
  vms: "compute.rbd-image",
  images: "image.rbd-image",
  backups: "block-storage.rbd-backup",
} as const satisfies Record<PoolRole, string>;

export type RbdTypeId = (typeof RBD_TYPE_OF_ROLE)[PoolRole];

/** The listings that own each role's images: names alone clear every image one of them owns, unopened. */
export const OWNER_TYPES_OF_ROLE = {
  volumes: ["block-storage.volume", "block-storage.snapshot"],
  vms: ["compute.server"],
  images: ["image.image"],
  backups: ["block-storage.backup"],
} as const satisfies Record<PoolRole, readonly string[]>;

export function roleOfType(type: string): PoolRole | null {
  for (const [role, id] of Object.entries(RBD_TYPE_OF_ROLE)) if (id === type) return role as PoolRole;
  return null;
}
