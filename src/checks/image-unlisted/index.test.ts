import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { imageUnlisted } from "./index.ts";

describe("image-unlisted", () => {
  it("reports a killed image at once and one pending_delete past the delay", () => {
    const inventory = testInventory({
      resources: {
        "database.image-unlisted": [
          { id: "i1", status: "killed", updated_at: agoNaive(60) },
          { id: "i2", status: "pending_delete", deleted_at: agoNaive(3 * 86_400) },
          { id: "i3", status: "pending_delete", deleted_at: agoNaive(3600) },
        ],
      },
    });
    const found = detect(imageUnlisted, inventory);
    expect(found.map((d) => [d.resourceId, d.summary])).toEqual([
      ["i1", "image killed (upload failed); the Image API never lists it"],
      ["i2", "image pending_delete for 3d: the scrubber has not removed its data"],
    ]);
    expect(found[0]?.evidence).toMatchObject({ status: "killed", source: "database" });
  });

  it("is inconclusive when Glance's database could not be read", () => {
    const inventory = testInventory({
      incomplete: { "database.image-unlisted": { status: "failed", reason: "cannot open the glance database" } },
    });
    expect(runCheck(imageUnlisted, inventory).inconclusive).toBe(true);
  });
});
