import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect } from "../support/check-harness.ts";
import { rbdImageMissing } from "./index.ts";

const V1 = "bbbbbbbb-0000-4000-8000-000000000001";
const V2 = "bbbbbbbb-0000-4000-8000-000000000002";
const MIGRATED = "bbbbbbbb-0000-4000-8000-000000000003";
const NAME_ID = "bbbbbbbb-0000-4000-8000-000000000004";
const IMAGE = "cccccccc-0000-4000-8000-000000000001";
const BACKUP = "dddddddd-0000-4000-8000-000000000001";

const image = (pool: string, name: string): Record<string, unknown> => ({
  id: `${pool}/${name}`,
  kind: "image",
  pool,
  name,
  opened: false,
});

describe("rbd-image-missing", () => {
  it("reports a usable volume on an RBD backend without its image; a migrated one is found by its name_id", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          { id: V1, status: "available", "os-vol-host-attr:host": "ctl@ceph#ceph" },
          { id: V2, status: "in-use", "os-vol-host-attr:host": "ctl@lvm#lvm" },
          {
            id: MIGRATED,
            status: "in-use",
            "os-vol-host-attr:host": "ctl@ceph#ceph",
            "os-vol-mig-status-attr:name_id": NAME_ID,
          },
        ],
        "block-storage.rbd-image": [
          { id: "volumes", kind: "pool", pool: "volumes", role: "volumes", volume_backends: ["ceph"] },
          image("volumes", `volume-${NAME_ID}`),
          { id: "volumes/trash/1", kind: "trash", pool: "volumes", name: `volume-${V1}` },
        ],
      },
    });
    const detections = detect(rbdImageMissing, inventory);
    expect(detections).toHaveLength(1);
    expect(detections[0]).toMatchObject({
      resourceType: "block-storage.volume",
      resourceId: V1,
      summary: `available but its RBD image volumes/volume-${V1} is missing (an image of that name is in the pool's trash)`,
      evidence: { rbd_image: `volume-${V1}`, in_trash: true },
    });
  });

  it("reports an active Glance image stored in the pool, and a full backup, without their images", () => {
    const inventory = testInventory({
      resources: {
        "image.image": [
          { id: IMAGE, status: "active", direct_url: `rbd://fsid/images/${IMAGE}/snap` },
          { id: "cccccccc-0000-4000-8000-000000000003", status: "active", stores: "file,ceph" },
          { id: "cccccccc-0000-4000-8000-000000000002", status: "active", stores: "file" },
        ],
        "image.rbd-image": [{ id: "images", kind: "pool", pool: "images", role: "images", image_stores: ["ceph"] }],
        "block-storage.backup": [
          { id: BACKUP, volume_id: V1, status: "available", container: "backups", is_incremental: false },
          { id: "dddddddd-0000-4000-8000-000000000002", volume_id: V2, status: "available", container: "swift" },
        ],
        "block-storage.rbd-backup": [{ id: "backups", kind: "pool", pool: "backups", role: "backups" }],
      },
    });
    expect(detect(rbdImageMissing, inventory).map((d) => [d.resourceType, d.resourceId])).toEqual([
      ["image.image", IMAGE],
      ["image.image", "cccccccc-0000-4000-8000-000000000003"],
      ["block-storage.backup", BACKUP],
    ]);
  });

  it("finds an incremental backup on its chain's base", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.backup": [
          { id: BACKUP, volume_id: V1, status: "available", container: "backups", is_incremental: true },
        ],
        "block-storage.rbd-backup": [
          { id: "backups", kind: "pool", pool: "backups", role: "backups" },
          image("backups", `volume-${V1}.backup.dddddddd-0000-4000-8000-000000000009`),
        ],
      },
    });
    expect(detect(rbdImageMissing, inventory)).toEqual([]);
  });
});
