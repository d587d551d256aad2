import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect } from "../support/check-harness.ts";
import { instanceMappingUnresolved } from "./index.ts";

describe("instance-mapping-unresolved", () => {
  it("reports rows older than the threshold, not a boot in flight", () => {
    const inventory = testInventory({
      resources: {
        "database.instance-mapping-unresolved": [
          { instance_uuid: "i1", problem: "mapping-without-cell", created_at: agoNaive(7200) },
          { instance_uuid: "i2", problem: "build-request-left-behind", cell_name: "cell1", created_at: agoNaive(7200) },
          { instance_uuid: "i3", problem: "mapping-without-cell", created_at: agoNaive(30) },
        ],
      },
    });
    expect(detect(instanceMappingUnresolved, inventory).map((d) => [d.resourceId, d.summary])).toEqual([
      ["i1", "instance mapping without cell or build request for 2h"],
      ["i2", "build request left behind for 2h (instance in cell1)"],
    ]);
  });
});
