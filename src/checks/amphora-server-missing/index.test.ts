import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { amphoraServerMissing } from "./index.ts";

describe("amphora-server-missing", () => {
  it("reports an ALLOCATED amphora whose server answered 404, fixed by failing over its load balancer", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [{ id: "a1", status: "ALLOCATED", compute_id: "vm-gone", loadbalancer_id: "lb1" }],
        "compute.server": [],
      },
      confirmations: { "compute.server": { "vm-gone": "missing" } },
    });
    const [detection] = detect(amphoraServerMissing, inventory);
    expect(detection?.summary).toBe("amphora's server vm-gone is gone (load balancer lb1)");
    expect(detection?.remediation).toEqual([
      expect.objectContaining({ action: "loadbalancer.failover", params: { loadbalancer_id: "lb1" } }),
    ]);
  });

  it("does not fire for a listed server (even UNKNOWN), an unconfirmed lookup, or a DELETED amphora", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [
          { id: "a1", status: "ALLOCATED", compute_id: "vm-downcell", loadbalancer_id: "lb1" },
          { id: "a2", status: "ALLOCATED", compute_id: "vm-timeout", loadbalancer_id: "lb1" },
          { id: "a3", status: "DELETED", compute_id: "vm-gone", loadbalancer_id: "lb1" },
        ],
        "compute.server": [{ id: "vm-downcell", status: "UNKNOWN" }],
      },
      confirmations: { "compute.server": { "vm-timeout": "unknown", "vm-gone": "missing" } },
    });
    expect(detect(amphoraServerMissing, inventory)).toEqual([]);
  });

  it("is inconclusive when the server listing is incomplete", () => {
    const inventory = testInventory({ incomplete: { "compute.server": { status: "failed", reason: "cell timeout" } } });
    expect(runCheck(amphoraServerMissing, inventory).inconclusive).toBe(true);
  });
});
