import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { allocationConsumerGone } from "./index.ts";

describe("allocation-consumer-gone", () => {
  it("reports one finding per consumer, named by its consumer uuid, as the API check names it", () => {
    const inventory = testInventory({
      resources: {
        "database.allocation-of-no-instance": [
          { consumer_uuid: "c1", resource_provider_uuid: "rp-b", resources: { VCPU: 1 }, project_id: "p1" },
          { consumer_uuid: "c1", resource_provider_uuid: "rp-a", resources: { DISK_GB: 1 }, project_id: "p1" },
        ],
      },
    });
    const found = detect(allocationConsumerGone, inventory);
    expect(found.map((d) => [d.resourceType, d.resourceId, d.summary])).toEqual([
      [
        "placement.allocation",
        "c1",
        "allocation of consumer c1, no instance in any cell and no migration, on 2 providers",
      ],
    ]);
    expect(found[0]?.remediation?.[0]).toMatchObject({ action: "allocation.delete", params: { consumer_uuid: "c1" } });
  });

  it("is inconclusive when a cell's database could not be read", () => {
    const inventory = testInventory({
      incomplete: {
        "database.allocation-of-no-instance": { status: "failed", reason: "nova cell cell1: ECONNREFUSED" },
      },
    });
    expect(runCheck(allocationConsumerGone, inventory).inconclusive).toBe(true);
  });
});
