// The RBD images (and trash entries) of the pools OpenStack keeps its data in, one type per pool role (src/deep/ceph):
// read by the ceph source, each after the service listings whose ids own that pool's images.
import { OWNER_TYPES_OF_ROLE, RBD_TYPE_OF_ROLE } from "../../deep/ceph/pool-types.ts";
import type { PoolRole } from "../../deep/ceph/settings.ts";
import type { ServiceType } from "../../config/service-type.ts";
import type { Reference, ResourceType } from "../resource-type.ts";

/**
 * The owner id a pool's image names (src/deep/ceph/naming.ts), which the scan confirms with one lookup when its
 * listing lacks it, and apply looks up again before moving an orphan to the trash (rbd-image-orphaned's `confirms`).
 * A backup chain's base names a volume, but its owners are that volume's backups: no reference of its own.
 */
const OWNER_REFERENCE: Record<PoolRole, Reference> = {
  volumes: {
    path: "volume_id",
    target: "block-storage.volume",
    when: [{ field: "owner", equals: ["volume", "deleted-volume"] }],
  },
  vms: { path: "server_id", target: "compute.server" },
  images: { path: "image_id", target: "image.image" },
  backups: { path: "backup_id", target: "block-storage.backup" },
};

function rbdPoolType(role: PoolRole, service: ServiceType): ResourceType {
  return {
    id: RBD_TYPE_OF_ROLE[role],
    service,
    list: { kind: "deep", source: "ceph", inputs: OWNER_TYPES_OF_ROLE[role] },
    fields: [
      // "<pool>/<name>" for an image, "<pool>/trash/<rbd id>" for a trash entry, "<pool>" for the pool itself.
      "id",
      "kind",
      "pool",
      "name",
      "owner",
      "volume_id",
      "server_id",
      "disk",
      "image_id",
      "backup_id",
      // Only images a name rule could not clear are opened: size, age, watchers, usage.
      "opened",
      "size",
      "used_size",
      "created_at",
      "watchers",
      "features",
      "parent",
      // The clones of that parent snapshot (`rbd children --all`): "<pool>/<image>", and how many are in the trash.
      "parent_clones",
      "parent_clones_in_trash",
      "snapshot_count",
      "snapshots",
      "trash_id",
      "trash_source",
      "deleted_at",
      "deferment_end",
      "role",
      "volume_backends",
      "image_stores",
      "snapshots_read",
    ],
    idFields: ["id"],
    ownerField: null,
    nameField: "name",
    show: null,
    references: [OWNER_REFERENCE[role]],
  };
}

export const blockStorageRbdImage = rbdPoolType("volumes", "block-storage");
export const computeRbdImage = rbdPoolType("vms", "compute");
export const imageRbdImage = rbdPoolType("images", "image");
export const blockStorageRbdBackup = rbdPoolType("backups", "block-storage");
