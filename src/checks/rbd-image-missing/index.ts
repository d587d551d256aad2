// rbd-image-missing: volumes, images and backups the services call usable whose RBD image is not in its pool. The
// service will answer for them until a tenant attaches, boots or restores one and finds no data: data loss, found
// before the tenant does.

import { backupImageName, backupImagePrefix, VOLUME_NAME_ID, volumeImageName } from "../../deep/ceph/naming.ts";
import type { PoolRole } from "../../deep/ceph/settings.ts";
import type { Check, Detection } from "../check.ts";
import { keyOf } from "../support/inventory-view.ts";
import { bool, pick, strings, text, type ApiRecord } from "../../inventory/record-field.ts";
import { completePools, rbdTypesOf, type RbdPool } from "../support/rbd-pools.ts";

const ROLES: readonly PoolRole[] = ["volumes", "images", "backups"];

/** The service record each role's images belong to. */
const OWNER_TYPE = {
  volumes: "block-storage.volume",
  images: "image.image",
  backups: "block-storage.backup",
  vms: "compute.server",
} as const;

export const rbdImageMissing: Check = {
  id: "rbd-image-missing",
  title: "Usable volume, image or backup without its RBD image",
  description:
    "Volumes (available, in-use) of the Cinder backends on the volumes pool, active Glance images stored in the " +
    "images pool and available backups in the backups pool whose RBD image, named as the service names it, is not there.",
  severity: "critical",
  needs: [],
  optional: rbdTypesOf(ROLES),
  thresholds: {},
  remediation: [],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const pool of completePools(inventory, ROLES)) {
      const names = new Set(pool.images.map((image) => text(image, "name")));
      const inTrash = new Set(pool.trash.map((entry) => text(entry, "name")));
      const type = OWNER_TYPE[pool.role];
      for (const [record, expected, fields] of expectedImages(pool, names)) {
        const id = keyOf(type, record);
        if (id === null) continue;
        const trashed = inTrash.has(expected);
        detections.push({
          resourceType: type,
          resourceId: id,
          summary:
            `${text(record, "status")} but its RBD image ${text(pool.pool, "pool")}/${expected} is missing` +
            (trashed ? " (an image of that name is in the pool's trash)" : ""),
          evidence: {
            ...pick(record, ["status", ...fields]),
            pool: text(pool.pool, "pool"),
            rbd_image: expected,
            in_trash: trashed,
          },
          since: text(record, "updated_at") ?? text(record, "created_at"),
        });
      }
    }
    return detections;
  },
};

/** The records of a pool's role the service calls usable and stores there, whose image is absent, with its name. */
function* expectedImages(pool: RbdPool, names: ReadonlySet<string | null>): Generator<[ApiRecord, string, string[]]> {
  const poolName = text(pool.pool, "pool");
  if (pool.role === "volumes") {
    const backends = new Set(strings(pool.pool, "volume_backends"));
    for (const volume of pool.ownerRecords.get("block-storage.volume") ?? []) {
      const status = text(volume, "status");
      if (status !== "available" && status !== "in-use") continue;
      // os-vol-host-attr:host is "<host>@<backend>#<pool>": the backend says which storage holds the volume.
      const backend = /@([^#]+)/.exec(text(volume, "os-vol-host-attr:host") ?? "")?.[1];
      if (backend === undefined || !backends.has(backend)) continue;
      const expected = volumeImageName(text(volume, "id") ?? "", text(volume, VOLUME_NAME_ID));
      if (!names.has(expected)) yield [volume, expected, ["os-vol-host-attr:host", VOLUME_NAME_ID]];
    }
  } else if (pool.role === "images") {
    const stores = new Set(strings(pool.pool, "image_stores"));
    for (const image of pool.ownerRecords.get("image.image") ?? []) {
      const id = text(image, "id");
      if (id === null || text(image, "status") !== "active") continue;
      // glance_store's rbd location: rbd://<fsid>/<pool>/<image>/snap.
      const direct = text(image, "direct_url");
      const here =
        storesOf(image).some((store) => stores.has(store)) ||
        (direct !== null && direct.startsWith("rbd://") && direct.includes(`/${poolName}/${id}/`));
      if (here && !names.has(id)) yield [image, id, ["stores", "direct_url"]];
    }
  } else {
    for (const backup of pool.ownerRecords.get("block-storage.backup") ?? []) {
      const id = text(backup, "id");
      const volumeId = text(backup, "volume_id");
      if (
        id === null ||
        volumeId === null ||
        text(backup, "status") !== "available" ||
        text(backup, "container") !== poolName
      )
        continue;
      const full = backupImageName(volumeId, id);
      if (names.has(full)) continue;
      // An incremental backup is a snapshot on its chain's base, whose name is its first backup's.
      if (
        bool(backup, "is_incremental") === true &&
        [...names].some((name) => name?.startsWith(backupImagePrefix(volumeId)))
      )
        continue;
      yield [backup, full, ["volume_id", "container", "is_incremental"]];
    }
  }
}

/** Glance's `stores` is one comma-separated string ("file,ceph"), not a list. */
function storesOf(image: ApiRecord): string[] {
  const value = text(image, "stores");
  return value === null ? [] : value.split(",").map((store) => store.trim());
}
