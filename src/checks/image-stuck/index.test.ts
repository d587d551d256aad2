import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { imageStuck } from "./index.ts";

describe("image-stuck", () => {
  it("reports an image saving for 8 hours and a killed image", () => {
    const inventory = testInventory({
      resources: {
        "image.image": [
          { id: "i1", status: "saving", updated_at: ago(8 * 3600) },
          { id: "i2", status: "killed", updated_at: ago(60) },
        ],
      },
    });
    expect(detect(imageStuck, inventory).map((d) => d.summary)).toEqual([
      "image stuck in saving for 8h",
      "image killed (upload failed)",
    ]);
  });

  it("does not fire on an image queued for an hour, or active and deactivated images", () => {
    const inventory = testInventory({
      resources: {
        "image.image": [
          { id: "i1", status: "queued", updated_at: ago(3600) },
          { id: "i2", status: "active", updated_at: ago(90 * 86_400) },
          { id: "i3", status: "deactivated", updated_at: ago(90 * 86_400) },
        ],
      },
    });
    expect(detect(imageStuck, inventory)).toEqual([]);
  });

  it("is inconclusive when the image listing is incomplete", () => {
    const inventory = testInventory({ incomplete: { "image.image": { status: "failed", reason: "glance 500" } } });
    expect(runCheck(imageStuck, inventory).inconclusive).toBe(true);
  });
});
