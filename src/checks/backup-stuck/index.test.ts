import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { backupStuck } from "./index.ts";

describe("backup-stuck", () => {
  it("reports backups past their threshold with the fix for their status", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.backup": [
          { id: "b1", status: "creating", updated_at: agoNaive(7 * 3600) },
          { id: "b2", status: "deleting", updated_at: agoNaive(2 * 3600) },
          { id: "b3", status: "restoring", updated_at: agoNaive(30 * 3600) },
        ],
      },
    });
    const detections = detect(backupStuck, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "backup stuck in creating for 7h",
      "backup stuck in deleting for 2h",
      "backup stuck in restoring for 1d 6h",
    ]);
    expect(detections[1]?.remediation?.map((s) => s.action)).toEqual(["backup.reset-status", "backup.force-delete"]);
    expect(detections[2]?.remediation?.[0]?.params).toEqual({ status: "available" });
  });

  it("does not fire on a large backup creating for 3 hours", () => {
    const inventory = testInventory({
      resources: { "block-storage.backup": [{ id: "b1", status: "creating", updated_at: agoNaive(3 * 3600) }] },
    });
    expect(detect(backupStuck, inventory)).toEqual([]);
  });

  it("is inconclusive when the backup listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "block-storage.backup": { status: "failed", reason: "503 Service Unavailable" } },
    });
    expect(runCheck(backupStuck, inventory).inconclusive).toBe(true);
  });
});
