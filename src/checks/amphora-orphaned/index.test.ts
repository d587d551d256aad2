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
    });
    const detections = detect(amphoraOrphaned, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "amphora of deleted load balancer gone (ERROR for 2h)",
      "amphora of DELETED load balancer lb-deleted (ALLOCATED for 2h)",
    ]);
    expect(detections.map((d) => d.remediation?.[0]?.action)).toEqual(["amphora.delete", "report"]);
  });

  it("does not fire on spares, DELETED amphorae, live load balancers, or an amphora newer than the listing race", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [
          amphora("a1", "READY", null),
          amphora("a2", "DELETED", "gone"),
          amphora("a3", "ALLOCATED", "lb1"),
          amphora("a4", "BOOTING", "lb-new", 60),
        ],
        "load-balancer.loadbalancer": [{ id: "lb1", provisioning_status: "ACTIVE" }],
      },
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
