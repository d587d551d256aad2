import { describe, expect, it } from "vitest";
import { testInventory, TEST_ADMIN_PROJECT_ID } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { secretOrphaned } from "./index.ts";

const GONE = "ce56d490d23e40899e0c1bf5cf99a96b";

describe("secret-orphaned", () => {
  it("reports a deleted project's secrets and containers, to the operator only: no API call deletes them", () => {
    const inventory = testInventory({
      resources: {
        "key-manager.secret": [
          { id: "sec1", project_id: GONE, status: "ACTIVE", secret_type: "private", created: "2025-01-01T00:00:00" },
          { id: "sec2", project_id: TEST_ADMIN_PROJECT_ID, status: "ACTIVE" },
        ],
        "key-manager.container": [{ id: "c1", project_id: GONE, status: "ACTIVE", type: "certificate" }],
      },
      confirmations: { "identity.project": { [GONE]: "missing" } },
    });
    const found = detect(secretOrphaned, inventory);
    expect(found.map((d) => [d.resourceType, d.resourceId, d.remediation?.map((s) => s.action)])).toEqual([
      ["key-manager.container", "c1", ["report"]],
      ["key-manager.secret", "sec1", ["report"]],
    ]);
    expect(found[1]?.summary).toBe(`secret owned by deleted project ${GONE}`);
    expect(found[1]?.evidence).toMatchObject({ secret_type: "private", project_id: GONE });
  });

  it("is inconclusive without Barbican's database, the only place every project's secrets can be read", () => {
    const inventory = testInventory({
      incomplete: {
        "key-manager.secret": {
          status: "failed",
          reason: "needs the barbican database, which deep: database does not name",
        },
      },
    });
    expect(runCheck(secretOrphaned, inventory).inconclusive).toBe(true);
  });
});
