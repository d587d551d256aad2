import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { shareError } from "./index.ts";

const share = (id: string, status: string) => ({ id, status, size: 10, created_at: "2025-12-01T00:00:00.000000" });

describe("share-error", () => {
  it("chooses the fix by the operation that failed", () => {
    const inventory = testInventory({
      resources: {
        "shared-file-system.share": [
          share("s1", "error"),
          share("s2", "error_deleting"),
          share("s3", "extending_error"),
          share("s4", "manage_error"),
          share("s5", "available"),
          share("s6", "creating"),
        ],
      },
    });
    const found = detect(shareError, inventory);
    expect(found.map((d) => [d.resourceId, d.summary, d.remediation?.map((s) => s.action)])).toEqual([
      ["s1", "share in error", ["share.delete", "share.force-delete"]],
      ["s2", "share in error_deleting", ["share.reset-status", "share.force-delete"]],
      ["s3", "share in extending_error", ["share.reset-status"]],
      ["s4", "share in manage_error", ["report"]],
    ]);
    expect(found[1]?.remediation?.[0]?.params).toEqual({ status: "error" });
    expect(found[2]?.remediation?.[0]?.params).toEqual({ status: "available" });
  });

  it("is inconclusive when the shares could not be listed", () => {
    const inventory = testInventory({
      incomplete: { "shared-file-system.share": { status: "failed", reason: "manila-api answered 500" } },
    });
    expect(runCheck(shareError, inventory).inconclusive).toBe(true);
  });
});
