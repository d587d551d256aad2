import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect } from "../support/check-harness.ts";
import { rbdSnapshotOrphanClones } from "./index.ts";

const IMAGE = "cccccccc-0000-4000-8000-000000000001";
const GONE = "cccccccc-0000-4000-8000-000000000002";
const GONE_TOO = "cccccccc-0000-4000-8000-000000000003";
const LIVE = "cccccccc-0000-4000-8000-000000000004";
const PARENT = `images/${IMAGE}@snap`;

/** A Nova disk cloned from the Glance image, as the ceph source records it once opened. */
function clone(server: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `vms/${server}_disk`,
    kind: "image",
    pool: "vms",
    name: `${server}_disk`,
    opened: true,
    owner: "server",
    server_id: server,
    size: 1073741824,
    created_at: ago(86_400),
    watchers: 0,
    snapshot_count: 0,
    parent: PARENT,
    ...extra,
  };
}

const clonesOf = (...servers: string[]): string[] => servers.map((server) => `vms/${server}_disk`);

function inventory(disks: Record<string, unknown>[]): ReturnType<typeof testInventory> {
  return testInventory({
    resources: {
      "compute.server": [{ id: LIVE }],
      "image.image": [{ id: IMAGE }],
      "compute.rbd-image": [{ id: "vms", kind: "pool", pool: "vms", role: "vms" }, ...disks],
      "image.rbd-image": [
        { id: "images", kind: "pool", pool: "images", role: "images" },
        { id: `images/${IMAGE}`, kind: "image", pool: "images", name: IMAGE, opened: false },
      ],
    },
  });
}

describe("rbd-snapshot-orphan-clones", () => {
  it("reports a Glance image's snap whose every clone is an orphaned disk, on the images pool", () => {
    const clones = clonesOf(GONE, GONE_TOO);
    const detections = detect(
      rbdSnapshotOrphanClones,
      inventory([
        clone(GONE, { parent_clones: clones, parent_clones_in_trash: 0 }),
        clone(GONE_TOO, { parent_clones: clones, parent_clones_in_trash: 0 }),
      ]),
    );
    expect(detections).toEqual([
      expect.objectContaining({
        resourceType: "image.rbd-image",
        resourceId: PARENT,
        summary: `RBD snapshot ${PARENT} is held only by 2 orphaned clone(s): vms/${GONE}_disk, vms/${GONE_TOO}_disk`,
        evidence: {
          parent: PARENT,
          clones: [`vms/${GONE}_disk`, `vms/${GONE_TOO}_disk`],
          clones_provisioned_bytes: 2 * 1073741824,
        },
      }),
    ]);
  });

  it("stays silent while one clone is a live server's disk, in use, too young or in the trash", () => {
    const read = (clones: string[], inTrash = 0): Record<string, unknown> => ({
      parent_clones: clones,
      parent_clones_in_trash: inTrash,
    });
    expect(detect(rbdSnapshotOrphanClones, inventory([clone(GONE, read(clonesOf(GONE, LIVE)))]))).toEqual([]);
    const both = read(clonesOf(GONE, GONE_TOO));
    for (const other of [{ watchers: 1 }, { created_at: ago(60) }]) {
      const disks = [clone(GONE, both), clone(GONE_TOO, { ...both, ...other })];
      expect(detect(rbdSnapshotOrphanClones, inventory(disks))).toEqual([]);
    }
    expect(detect(rbdSnapshotOrphanClones, inventory([clone(GONE, read(clonesOf(GONE), 1))]))).toEqual([]);
  });

  it("decides nothing when the parent's clones were not read", () => {
    expect(detect(rbdSnapshotOrphanClones, inventory([clone(GONE)]))).toEqual([]);
  });
});
