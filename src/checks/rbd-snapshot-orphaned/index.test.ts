import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { rbdSnapshotOrphaned } from "./index.ts";

const VOLUME = "eeeeeeee-0000-4000-8000-000000000001";
const KEPT = "eeeeeeee-0000-4000-8000-000000000002";
const LOST = "eeeeeeee-0000-4000-8000-000000000003";

describe("rbd-snapshot-orphaned", () => {
  const resources = {
    "block-storage.volume": [{ id: VOLUME }],
    "block-storage.snapshot": [{ id: KEPT, volume_id: VOLUME }],
    "block-storage.rbd-image": [
      { id: "volumes", kind: "pool", pool: "volumes", role: "volumes" },
      {
        id: `volumes/volume-${VOLUME}`,
        kind: "image",
        pool: "volumes",
        name: `volume-${VOLUME}`,
        opened: false,
        snapshots: [
          { name: `snapshot-${KEPT}`, protected: true, snapshot_id: KEPT },
          { name: `snapshot-${LOST}`, protected: true, snapshot_id: LOST },
          { name: `volume-${KEPT}.clone_snap`, protected: true },
        ],
      },
    ],
  };

  it("reports the RBD snapshot of a Cinder snapshot Cinder does not list, and no other snapshot", () => {
    const detections = detect(rbdSnapshotOrphaned, testInventory({ resources }));
    expect(detections.map((d) => [d.resourceId, d.evidence.protected])).toEqual([
      [`volumes/volume-${VOLUME}@snapshot-${LOST}`, true],
    ]);
  });

  it("is silent when the snapshot listing failed", () => {
    const inventory = testInventory({
      resources,
      incomplete: { "block-storage.snapshot": { status: "failed", reason: "500" } },
    });
    const result = runCheck(rbdSnapshotOrphaned, inventory);
    expect(result.inconclusive ? [] : result.detections).toEqual([]);
  });
});
