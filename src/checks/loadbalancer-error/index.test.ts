import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { loadbalancerError } from "./index.ts";

describe("loadbalancer-error", () => {
  it("reports a load balancer in provisioning ERROR, to be failed over", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.loadbalancer": [
          { id: "lb1", provisioning_status: "ERROR", operating_status: "OFFLINE" },
          { id: "lb2", provisioning_status: "ACTIVE", operating_status: "ERROR" },
          { id: "lb3", provisioning_status: "PENDING_UPDATE", operating_status: "ONLINE" },
        ],
      },
    });
    const detections = detect(loadbalancerError, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["lb1", "load balancer in provisioning ERROR (operating OFFLINE)"],
    ]);
    expect(loadbalancerError.remediation.map((s) => s.action)).toEqual([
      "loadbalancer.failover",
      "loadbalancer.delete-cascade",
    ]);
  });

  it("is inconclusive when the load balancer listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "load-balancer.loadbalancer": { status: "failed", reason: "hung" } },
    });
    expect(runCheck(loadbalancerError, inventory).inconclusive).toBe(true);
  });
});
