import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { loadbalancerChildStuckPending } from "./index.ts";

const child = (object: string, id: string, age: number): Record<string, unknown> => ({
  id,
  object,
  provisioning_status: "PENDING_UPDATE",
  updated_at: agoNaive(age),
  load_balancer_id: "lb-1",
});

describe("loadbalancer-child-stuck-pending", () => {
  it("reports children past the threshold, under the API type where stacksweep lists one", () => {
    const inventory = testInventory({
      resources: {
        "database.loadbalancer-child-pending": [
          child("member", "m1", 7200),
          child("listener", "l1", 7200),
          child("pool", "p1", 600),
        ],
      },
    });
    expect(
      detect(loadbalancerChildStuckPending, inventory).map((d) => [d.resourceType, d.resourceId, d.summary]),
    ).toEqual([
      ["database.loadbalancer-child-pending", "m1", "member stuck in PENDING_UPDATE for 2h"],
      ["load-balancer.listener", "l1", "listener stuck in PENDING_UPDATE for 2h"],
    ]);
  });

  it("is inconclusive when Octavia's database could not be read", () => {
    const inventory = testInventory({
      incomplete: { "database.loadbalancer-child-pending": { status: "failed", reason: "no table member" } },
    });
    expect(runCheck(loadbalancerChildStuckPending, inventory).inconclusive).toBe(true);
  });
});
