import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { amphoraOrphaned } from "./index.ts";

const amphora = (id: string, status: string, lbId: string | null, secondsAgo = 7200) => ({
  id,
  status,
  loadbalancer_id: lbId,
  updated_at: agoNaive(secondsAgo),
});

describe("amphora-orphaned", () => {
  it("reports amphorae of absent or DELETED load balancers; deletes only those in ERROR", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [amphora("a1", "ERROR", "gone"), amphora("a2", "ALLOCATED", "lb-deleted")],
        "load-balancer.loadbalancer": [{ id: "lb-deleted", provisioning_status: "DELETED" }],
      },
      confirmations: { "load-balancer.loadbalancer": { gone: "missing" } },
    });
    const detections = detect(amphoraOrphaned, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "amphora of deleted load balancer gone (ERROR for 2h)",
      "amphora of DELETED load balancer lb-deleted (ALLOCATED for 2h)",
    ]);
    expect(detections.map((d) => d.remediation?.[0]?.action)).toEqual(["amphora.delete", "report"]);
  });

  it("reports an amphora right after its load balancer was deleted: the lookup settles it, no age window", () => {
    const inventory = testInventory({
      resources: { "load-balancer.amphora": [amphora("a1", "ALLOCATED", "gone", 3)], "load-balancer.loadbalancer": [] },
      confirmations: { "load-balancer.loadbalancer": { gone: "missing" } },
    });
    expect(detect(amphoraOrphaned, inventory).map((d) => d.summary)).toEqual([
      "amphora of deleted load balancer gone (ALLOCATED for 3s)",
    ]);
  });

  it("does not fire on spares, DELETED amphorae, live load balancers, a racing creation, or no answer", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [
          amphora("a1", "READY", null),
          amphora("a2", "DELETED", "gone"),
          amphora("a3", "ALLOCATED", "lb1"),
          // Built for a load balancer created after the load balancers were listed: its lookup answered 200.
          amphora("a4", "BOOTING", "lb-new", 60),
          amphora("a5", "ALLOCATED", "lb-timeout"),
        ],
        "load-balancer.loadbalancer": [{ id: "lb1", provisioning_status: "ACTIVE" }],
      },
      confirmations: { "load-balancer.loadbalancer": { "lb-new": "exists", "lb-timeout": "unknown" } },
    });
    expect(detect(amphoraOrphaned, inventory)).toEqual([]);
  });

  it("is inconclusive when the load balancer listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "load-balancer.amphora": [amphora("a1", "ERROR", "gone")] },
      incomplete: { "load-balancer.loadbalancer": { status: "failed", reason: "timeout" } },
    });
    expect(runCheck(amphoraOrphaned, inventory).inconclusive).toBe(true);
  });
});
