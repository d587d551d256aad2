import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { amphoraError } from "./index.ts";

describe("amphora-error", () => {
  it("reports an amphora in ERROR of a live load balancer, failed over with its load balancer named", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [
          { id: "a1", status: "ERROR", loadbalancer_id: "lb1" },
          { id: "a2", status: "ALLOCATED", loadbalancer_id: "lb1" },
        ],
        "load-balancer.loadbalancer": [{ id: "lb1", provisioning_status: "ACTIVE" }],
      },
    });
    const detections = detect(amphoraError, inventory);
    expect(detections.map((d) => d.summary)).toEqual(["amphora in ERROR (load balancer lb1)"]);
    expect(detections[0]?.remediation).toEqual([
      expect.objectContaining({ action: "amphora.failover", params: { loadbalancer_id: "lb1" } }),
    ]);
  });

  it("leaves an ERROR amphora of a deleted load balancer to amphora-orphaned", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [{ id: "a1", status: "ERROR", loadbalancer_id: "gone" }],
        "load-balancer.loadbalancer": [],
      },
    });
    expect(detect(amphoraError, inventory)).toEqual([]);
  });

  it("still reports an ERROR amphora when the load balancer list is incomplete (an error is an error)", () => {
    const inventory = testInventory({
      resources: { "load-balancer.amphora": [{ id: "a1", status: "ERROR", loadbalancer_id: "lb1" }] },
      incomplete: { "load-balancer.loadbalancer": { status: "failed", reason: "500" } },
    });
    expect(detect(amphoraError, inventory).map((d) => d.resourceId)).toEqual(["a1"]);
  });

  it("is inconclusive when amphorae cannot be listed (403 means no amphora checks, not no amphorae)", () => {
    const inventory = testInventory({
      incomplete: { "load-balancer.amphora": { status: "forbidden", reason: "403" } },
    });
    expect(runCheck(amphoraError, inventory).inconclusive).toBe(true);
  });
});
