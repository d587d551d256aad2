import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { snapshotStuck } from "./index.ts";

describe("snapshot-stuck", () => {
  it("reports snapshots past their threshold with the fix for their status", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.snapshot": [
          { id: "s1", status: "creating", updated_at: agoNaive(5400) },
          { id: "s2", status: "deleting", updated_at: agoNaive(2400) },
          { id: "s3", status: "backing-up", updated_at: agoNaive(7200) },
        ],
      },
    });
    const detections = detect(snapshotStuck, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "snapshot stuck in creating for 1h 30m",
      "snapshot stuck in deleting for 40m",
      "snapshot stuck in backing-up for 2h",
    ]);
    expect(detections.map((d) => d.remediation?.map((s) => s.action))).toEqual([
      ["snapshot.reset-status"],
      ["snapshot.reset-status", "snapshot.force-delete"],
      ["snapshot.reset-status"],
    ]);
    expect(detections[2]?.remediation?.[0]?.params).toEqual({ status: "available" });
  });

  it("does not fire on a snapshot creating for 10 minutes or an available one", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.snapshot": [
          { id: "s1", status: "creating", updated_at: agoNaive(600) },
          { id: "s2", status: "available", updated_at: agoNaive(90_000) },
        ],
      },
    });
    expect(detect(snapshotStuck, inventory)).toEqual([]);
  });

  it("is inconclusive when the snapshot listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "block-storage.snapshot": { status: "truncated", reason: "page loop" } },
    });
    expect(runCheck(snapshotStuck, inventory).inconclusive).toBe(true);
  });
});
