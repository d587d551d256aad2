import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { backupError } from "./index.ts";

describe("backup-error", () => {
  it("reports a backup in error (delete directly) and one in error_deleting (reset to error first)", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.backup": [
          { id: "x1", status: "error", updated_at: agoNaive(600) },
          { id: "x2", status: "error_deleting", updated_at: agoNaive(600) },
        ],
      },
    });
    const detections = detect(backupError, inventory);
    expect(detections.map((d) => d.summary)).toEqual(["backup in error", "backup in error_deleting"]);
    expect(detections[0]?.remediation?.map((s) => s.action)).toEqual(["backup.delete", "backup.force-delete"]);
    expect(detections[1]?.remediation?.map((s) => s.action)).toEqual(["backup.reset-status", "backup.force-delete"]);
    expect(detections[1]?.remediation?.[0]?.params).toEqual({ status: "error" });
  });

  it("ignores available, creating and deleting backups", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.backup": [
          { id: "x1", status: "available" },
          { id: "x2", status: "creating" },
          { id: "x3", status: "deleting" },
        ],
      },
    });
    expect(detect(backupError, inventory)).toEqual([]);
  });

  it("is inconclusive when the backup listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "block-storage.backup": [{ id: "x1", status: "error" }] },
      incomplete: { "block-storage.backup": { status: "failed", reason: "500" } },
    });
    expect(runCheck(backupError, inventory).inconclusive).toBe(true);
  });
});
