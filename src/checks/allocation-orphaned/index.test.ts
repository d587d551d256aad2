import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { allocationOrphaned } from "./index.ts";

const allocation = (provider: string, consumer: string) => ({
  resource_provider_uuid: provider,
  consumer_uuid: consumer,
  resources: { VCPU: 2, MEMORY_MB: 2048 },
});

describe("allocation-orphaned", () => {
  it("reports one detection per deleted consumer, across its providers", () => {
    const inventory = testInventory({
      resources: {
        "placement.allocation": [allocation("rp2", "gone"), allocation("rp1", "gone"), allocation("rp1", "vm1")],
        "compute.server": [{ id: "vm1", status: "ACTIVE" }],
      },
      confirmations: { "compute.server": { gone: "missing" } },
    });
    const detections = detect(allocationOrphaned, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["gone", "allocation of deleted consumer gone on 2 providers"],
    ]);
    expect(detections[0]?.remediation?.[0]).toMatchObject({
      action: "allocation.delete",
      params: { consumer_uuid: "gone" },
    });
  });

  it("stays silent while a server is resizing (its migration holds allocations) and on unconfirmed consumers", () => {
    const resizing = testInventory({
      resources: {
        "placement.allocation": [allocation("rp1", "migration-uuid")],
        "compute.server": [{ id: "vm1", status: "VERIFY_RESIZE" }],
      },
      confirmations: { "compute.server": { "migration-uuid": "missing" } },
    });
    expect(detect(allocationOrphaned, resizing)).toEqual([]);
    const unconfirmed = testInventory({
      resources: { "placement.allocation": [allocation("rp1", "c1")], "compute.server": [] },
      confirmations: { "compute.server": { c1: "unknown" } },
    });
    expect(detect(allocationOrphaned, unconfirmed)).toEqual([]);
  });

  it("is inconclusive when the server listing is incomplete", () => {
    const inventory = testInventory({ incomplete: { "compute.server": { status: "failed", reason: "cell down" } } });
    expect(runCheck(allocationOrphaned, inventory).inconclusive).toBe(true);
  });
});
