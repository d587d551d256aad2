import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { securityGroupRuleDangling } from "./index.ts";

const rule = (id: string, remote: string | null, secondsAgo = 7200) => ({
  id,
  security_group_id: "sg1",
  direction: "ingress",
  remote_group_id: remote,
  updated_at: ago(secondsAgo),
});

describe("security-group-rule-dangling", () => {
  it("reports a rule whose remote group is absent from the complete list and answered 404, however new", () => {
    const inventory = testInventory({
      resources: {
        "network.security-group-rule": [rule("r1", "sg-gone"), rule("r2", "sg-gone-now", 5)],
        "network.security-group": [{ id: "sg1" }],
      },
      confirmations: { "network.security-group": { "sg-gone": "missing", "sg-gone-now": "missing" } },
    });
    expect(detect(securityGroupRuleDangling, inventory).map((d) => d.summary)).toEqual([
      "rule of group sg1 allows missing remote group sg-gone",
      "rule of group sg1 allows missing remote group sg-gone-now",
    ]);
  });

  it("does not fire on rules to existing groups, CIDR rules, a group created after the listing, or no answer", () => {
    const inventory = testInventory({
      resources: {
        "network.security-group-rule": [
          rule("r1", "sg1"),
          rule("r2", null),
          rule("r3", "sg-new", 30),
          rule("r4", "sg-timeout"),
        ],
        "network.security-group": [{ id: "sg1" }],
      },
      confirmations: { "network.security-group": { "sg-new": "exists", "sg-timeout": "unknown" } },
    });
    expect(detect(securityGroupRuleDangling, inventory)).toEqual([]);
  });

  it("is inconclusive when the security group listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "network.security-group-rule": [rule("r1", "sg-gone")] },
      incomplete: { "network.security-group": { status: "failed", reason: "timeout" } },
    });
    expect(runCheck(securityGroupRuleDangling, inventory).inconclusive).toBe(true);
  });
});
