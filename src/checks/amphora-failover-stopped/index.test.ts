import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { describeStep } from "../../remediation/plan/describe-step.ts";
import { amphoraFailoverStopped } from "./index.ts";

describe("amphora-failover-stopped", () => {
  it("reports amphorae in FAILOVER_STOPPED only", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora": [
          { id: "a1", status: "FAILOVER_STOPPED", loadbalancer_id: "lb1" },
          { id: "a2", status: "ALLOCATED", loadbalancer_id: "lb1" },
          { id: "a3", status: "BOOTING", loadbalancer_id: null },
        ],
      },
    });
    const detections = detect(amphoraFailoverStopped, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "amphora failover stopped by the circuit breaker (load balancer lb1)",
    ]);
    const step = describeStep(detections[0]!.remediation![0]!, { type: "load-balancer.amphora", id: "a1" });
    expect(step).toMatchObject({ action: "amphora.failover", destructive: false });
  });

  it("is inconclusive when amphorae cannot be listed", () => {
    const inventory = testInventory({
      incomplete: { "load-balancer.amphora": { status: "forbidden", reason: "403" } },
    });
    expect(runCheck(amphoraFailoverStopped, inventory).inconclusive).toBe(true);
  });
});
