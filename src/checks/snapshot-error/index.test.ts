import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { snapshotError } from "./index.ts";

describe("snapshot-error", () => {
  it("reports a snapshot in error (delete directly) and one in error_deleting (reset to error first)", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.snapshot": [
          { id: "x1", status: "error", updated_at: agoNaive(600) },
          { id: "x2", status: "error_deleting", updated_at: agoNaive(600) },
        ],
      },
    });
    const detections = detect(snapshotError, inventory);
    expect(detections.map((d) => d.summary)).toEqual(["snapshot in error", "snapshot in error_deleting"]);
    expect(detections[0]?.remediation?.map((s) => s.action)).toEqual(["snapshot.delete", "snapshot.force-delete"]);
    expect(detections[1]?.remediation?.map((s) => s.action)).toEqual([
      "snapshot.reset-status",
      "snapshot.force-delete",
    ]);
    expect(detections[1]?.remediation?.[0]?.params).toEqual({ status: "error" });
  });

  it("ignores available, creating and deleting snapshots", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.snapshot": [
          { id: "x1", status: "available" },
          { id: "x2", status: "creating" },
          { id: "x3", status: "deleting" },
        ],
      },
    });
    expect(detect(snapshotError, inventory)).toEqual([]);
  });

  it("is inconclusive when the snapshot listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "block-storage.snapshot": [{ id: "x1", status: "error" }] },
      incomplete: { "block-storage.snapshot": { status: "failed", reason: "500" } },
    });
    expect(runCheck(snapshotError, inventory).inconclusive).toBe(true);
  });
});
