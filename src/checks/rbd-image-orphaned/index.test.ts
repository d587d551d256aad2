import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { rbdImageOrphaned } from "./index.ts";

const GONE = "aaaaaaaa-0000-4000-8000-000000000001";
const LIVE = "aaaaaaaa-0000-4000-8000-000000000002";

/** A candidate image as the ceph source records it once opened (fields from `rbd info`, `status`, `du`). */
function opened(pool: string, name: string, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `${pool}/${name}`,
    kind: "image",
    pool,
    name,
    opened: true,
    size: 2147483648,
    used_size: 8388608,
    created_at: ago(86_400),
    watchers: 0,
    snapshot_count: 0,
    ...extra,
  };
}

const pool = (name: string, role: string): Record<string, unknown> => ({ id: name, kind: "pool", pool: name, role });

describe("rbd-image-orphaned", () => {
  it("reports a server disk of a server Nova does not list, with the bytes it holds", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [{ id: LIVE }],
        "compute.rbd-image": [
          pool("vms", "vms"),
          opened("vms", `${GONE}_disk`, { owner: "server", server_id: GONE, disk: "disk" }),
          { id: `vms/${LIVE}_disk`, kind: "image", pool: "vms", name: `${LIVE}_disk`, opened: false },
        ],
      },
    });
    const detections = detect(rbdImageOrphaned, inventory);
    expect(detections).toHaveLength(1);
    expect(detections[0]).toMatchObject({
      resourceType: "compute.rbd-image",
      resourceId: `vms/${GONE}_disk`,
      summary: `RBD image vms/${GONE}_disk of server ${GONE}, which no service lists, 1d old`,
      evidence: { provisioned_bytes: 2147483648, used_bytes: 8388608, watchers: 0 },
    });
  });

  it("never reports an image with a watcher, one younger than the minimum age, or a name of no service", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.rbd-image": [
          pool("volumes", "volumes"),
          opened("volumes", `volume-${GONE}`, { owner: "volume", volume_id: GONE, watchers: 1 }),
          opened("volumes", `volume-${LIVE}`, { owner: "volume", volume_id: LIVE, created_at: ago(60) }),
          opened("volumes", "operator-scratch", { owner: null }),
        ],
      },
    });
    expect(detect(rbdImageOrphaned, inventory)).toEqual([]);
  });

  it("keeps a .deleted volume that still has snapshots (their clones may live), reports one without", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.rbd-image": [
          pool("volumes", "volumes"),
          opened("volumes", `volume-${GONE}.deleted`, { owner: "deleted-volume", volume_id: GONE, snapshot_count: 1 }),
          opened("volumes", `volume-${LIVE}.deleted`, { owner: "deleted-volume", volume_id: LIVE }),
        ],
      },
    });
    expect(detect(rbdImageOrphaned, inventory).map((d) => d.resourceId)).toEqual([`volumes/volume-${LIVE}.deleted`]);
  });

  it("is silent on a pool whose listing failed and says so, while other pools are still checked", () => {
    const inventory = testInventory({
      resources: {
        "image.rbd-image": [pool("images", "images"), opened("images", GONE, { owner: "image", image_id: GONE })],
      },
      incomplete: {
        "compute.rbd-image": {
          status: "failed",
          reason: "rbd ls vms: error opening pool 'vms': (2) No such file or directory",
        },
      },
    });
    const result = runCheck(rbdImageOrphaned, inventory);
    expect(result.inconclusive).toBe(false);
    if (!result.inconclusive) expect(result.detections.map((d) => d.resourceId)).toEqual([`images/${GONE}`]);
  });
});
