import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect } from "../support/check-harness.ts";
import { rbdTrashExpired } from "./index.ts";

describe("rbd-trash-expired", () => {
  it("reports a trash entry past its deferment by more than the grace, not one inside it", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.rbd-image": [
          { id: "volumes", kind: "pool", pool: "volumes", role: "volumes" },
          { id: "volumes/trash/a1", kind: "trash", pool: "volumes", name: "volume-x", deferment_end: ago(3 * 86_400) },
          { id: "volumes/trash/a2", kind: "trash", pool: "volumes", name: "volume-y", deferment_end: ago(3600) },
          // `rbd trash ls` says "protected until" a time to come.
          { id: "volumes/trash/a3", kind: "trash", pool: "volumes", name: "volume-z", deferment_end: ago(-86_400) },
        ],
      },
    });
    const detections = detect(rbdTrashExpired, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "RBD trash entry volumes/volume-x expired 3d ago and was never purged",
    ]);
  });
});
