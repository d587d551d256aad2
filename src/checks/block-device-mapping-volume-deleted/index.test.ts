import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { blockDeviceMappingVolumeDeleted } from "./index.ts";

describe("block-device-mapping-volume-deleted", () => {
  it("reports one finding per server, naming every deleted volume", () => {
    const inventory = testInventory({
      resources: {
        "database.block-device-mapping-of-deleted-volume": [
          { id: "cell1/1", cell: "cell1", instance_uuid: "s1", volume_id: "v1", volume_row: "deleted" },
          { id: "cell1/2", cell: "cell1", instance_uuid: "s1", volume_id: "v2", volume_row: "absent" },
        ],
      },
    });
    const found = detect(blockDeviceMappingVolumeDeleted, inventory);
    expect(found.map((d) => [d.resourceType, d.resourceId, d.summary])).toEqual([
      ["compute.server", "s1", "server's block device mapping names deleted volume v1, v2"],
    ]);
  });

  it("is inconclusive when a database it joins could not be read", () => {
    const inventory = testInventory({
      incomplete: { "database.block-device-mapping-of-deleted-volume": { status: "failed", reason: "x" } },
    });
    expect(runCheck(blockDeviceMappingVolumeDeleted, inventory).inconclusive).toBe(true);
  });
});
