import { describe, expect, it } from "vitest";
import { testInventory, TEST_ADMIN_PROJECT_ID } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { rbacPolicyTargetMissing } from "./index.ts";

const policy = (id: string, target: string) => ({
  id,
  object_type: "network",
  object_id: "net1",
  action: "access_as_shared",
  target_tenant: target,
  project_id: TEST_ADMIN_PROJECT_ID,
});

describe("rbac-policy-target-missing", () => {
  it("reports a policy sharing with a project that answered 404", () => {
    const inventory = testInventory({
      resources: { "network.rbac-policy": [policy("r1", "gone")] },
      confirmations: { "identity.project": { gone: "missing" } },
    });
    expect(detect(rbacPolicyTargetMissing, inventory).map((d) => d.summary)).toEqual([
      "network net1 shared (access_as_shared) with deleted project gone",
    ]);
  });

  it("does not fire on the wildcard, an existing project, or an unconfirmed lookup", () => {
    const inventory = testInventory({
      resources: {
        "network.rbac-policy": [policy("r1", "*"), policy("r2", TEST_ADMIN_PROJECT_ID), policy("r3", "timeout")],
      },
      confirmations: { "identity.project": { timeout: "unknown" } },
    });
    expect(detect(rbacPolicyTargetMissing, inventory)).toEqual([]);
  });

  it("is inconclusive when the project list is truncated", () => {
    const inventory = testInventory({
      resources: { "network.rbac-policy": [policy("r1", "gone")] },
      incomplete: { "identity.project": { status: "truncated", reason: "Keystone list_limit" } },
      confirmations: { "identity.project": { gone: "missing" } },
    });
    expect(runCheck(rbacPolicyTargetMissing, inventory).inconclusive).toBe(true);
  });
});
