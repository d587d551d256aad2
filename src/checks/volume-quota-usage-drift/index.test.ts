import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { volumeQuotaUsageDrift } from "./index.ts";

describe("volume-quota-usage-drift", () => {
  it("reports a drifted usage with Cinder's own fix, not one that just moved", () => {
    const inventory = testInventory({
      resources: {
        "database.cinder-quota-usage-drift": [
          {
            id: "p1/volumes",
            project_id: "p1",
            resource: "volumes",
            in_use: 3,
            actual: 1,
            updated_at: agoNaive(86_400),
          },
          {
            id: "p1/gigabytes",
            project_id: "p1",
            resource: "gigabytes",
            in_use: 9,
            actual: 8,
            updated_at: agoNaive(5),
          },
        ],
      },
    });
    const found = detect(volumeQuotaUsageDrift, inventory);
    expect(found.map((d) => [d.resourceId, d.summary])).toEqual([
      ["p1/volumes", "quota usage volumes says 3, the project holds 1 (unchanged for 1d)"],
    ]);
    expect(found[0]?.remediation?.[0]?.call).toContain("cinder-manage quota sync --project-id p1");
  });

  it("is inconclusive when Cinder's database could not be read", () => {
    const inventory = testInventory({
      incomplete: { "database.cinder-quota-usage-drift": { status: "failed", reason: "no column use_quota" } },
    });
    expect(runCheck(volumeQuotaUsageDrift, inventory).inconclusive).toBe(true);
  });
});
