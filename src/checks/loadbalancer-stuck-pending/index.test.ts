import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { loadbalancerStuckPending } from "./index.ts";

const lb = (id: string, status: string, updated: string | null, created = agoNaive(86_400)) => ({
  id,
  provisioning_status: status,
  operating_status: "ONLINE",
  updated_at: updated,
  created_at: created,
});

describe("loadbalancer-stuck-pending", () => {
  it("reports a load balancer in PENDING_UPDATE for an hour: database fix, then failover", () => {
    const inventory = testInventory({
      resources: { "load-balancer.loadbalancer": [lb("lb1", "PENDING_UPDATE", agoNaive(3600))] },
    });
    const [detection, ...rest] = detect(loadbalancerStuckPending, inventory);
    expect(rest).toEqual([]);
    expect(detection?.summary).toBe("load balancer stuck in PENDING_UPDATE for 1h");
    expect(detection?.remediation?.map((s) => [s.action, s.params])).toEqual([
      ["loadbalancer.db-set-error", { provisioning_status: "PENDING_UPDATE" }],
      ["loadbalancer.failover", undefined],
    ]);
  });

  it("finishes an interrupted create by cascade delete, aging a never-updated one from its creation", () => {
    const inventory = testInventory({
      resources: { "load-balancer.loadbalancer": [lb("lb1", "PENDING_CREATE", null, agoNaive(7200))] },
    });
    const [detection] = detect(loadbalancerStuckPending, inventory);
    expect(detection?.summary).toBe("load balancer stuck in PENDING_CREATE for 2h");
    expect(detection?.remediation?.map((s) => s.action)).toEqual([
      "loadbalancer.db-set-error",
      "loadbalancer.delete-cascade",
    ]);
  });

  it("reports stuck listeners and pools too, as report-only", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.listener": [
          {
            id: "l1",
            provisioning_status: "PENDING_DELETE",
            updated_at: agoNaive(4000),
            loadbalancers: [{ id: "lb1" }],
          },
        ],
        "load-balancer.pool": [{ id: "p1", provisioning_status: "ACTIVE", updated_at: agoNaive(4000) }],
      },
    });
    const detections = detect(loadbalancerStuckPending, inventory);
    expect(detections.map((d) => [d.resourceType, d.summary])).toEqual([
      ["load-balancer.listener", "listener stuck in PENDING_DELETE for 1h 6m"],
    ]);
    expect(detections[0]?.remediation?.map((s) => s.action)).toEqual(["report"]);
  });

  it("does not fire on PENDING_UPDATE for 1 minute, or on ACTIVE and ERROR load balancers", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.loadbalancer": [
          lb("lb1", "PENDING_UPDATE", agoNaive(60)),
          lb("lb2", "ACTIVE", agoNaive(90_000)),
          lb("lb3", "ERROR", agoNaive(90_000)),
        ],
      },
    });
    expect(detect(loadbalancerStuckPending, inventory)).toEqual([]);
  });

  it("is inconclusive without a complete load balancer list, and skips incomplete child types", () => {
    expect(
      runCheck(
        loadbalancerStuckPending,
        testInventory({ incomplete: { "load-balancer.loadbalancer": { status: "forbidden", reason: "403" } } }),
      ).inconclusive,
    ).toBe(true);
    const inventory = testInventory({
      resources: {
        "load-balancer.pool": [{ id: "p1", provisioning_status: "PENDING_UPDATE", updated_at: agoNaive(9000) }],
      },
      incomplete: { "load-balancer.pool": { status: "failed", reason: "500" } },
    });
    expect(detect(loadbalancerStuckPending, inventory)).toEqual([]);
  });
});
