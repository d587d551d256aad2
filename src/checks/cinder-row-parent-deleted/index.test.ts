import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { cinderRowParentDeleted } from "./index.ts";

describe("cinder-row-parent-deleted", () => {
  it("reports attachments of deleted volumes as warnings and metadata as info", () => {
    const inventory = testInventory({
      resources: {
        "database.cinder-row-of-deleted-parent": [
          { id: "volume_attachment/a1", table: "volume_attachment", parent_id: "v1", parent_row: "deleted" },
          { id: "snapshot_metadata/7", table: "snapshot_metadata", parent_id: "s1", parent_row: "absent" },
        ],
      },
    });
    expect(detect(cinderRowParentDeleted, inventory).map((d) => [d.resourceId, d.summary, d.severity])).toEqual([
      ["volume_attachment/a1", "attachment of deleted volume v1", "warning"],
      ["snapshot_metadata/7", "snapshot metadata of purged snapshot s1", "info"],
    ]);
  });

  it("is inconclusive when Cinder's database could not be read", () => {
    const inventory = testInventory({
      incomplete: { "database.cinder-row-of-deleted-parent": { status: "failed", reason: "access denied" } },
    });
    expect(runCheck(cinderRowParentDeleted, inventory).inconclusive).toBe(true);
  });
});
