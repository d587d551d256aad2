import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { amphoraHeartbeatStopped } from "./index.ts";

describe("amphora-heartbeat-stopped", () => {
  it("reports a stopped heartbeat and a busy flag left set, not a fresh heartbeat", () => {
    const inventory = testInventory({
      resources: {
        "database.amphora-health": [
          { amphora_id: "a1", loadbalancer_id: "lb-1", last_update: agoNaive(3600), busy: false },
          { amphora_id: "a2", loadbalancer_id: "lb-2", last_update: agoNaive(7200), busy: true },
          { amphora_id: "a3", loadbalancer_id: "lb-3", last_update: agoNaive(10), busy: false },
        ],
      },
    });
    const found = detect(amphoraHeartbeatStopped, inventory);
    expect(found.map((d) => [d.resourceType, d.resourceId, d.summary])).toEqual([
      ["load-balancer.amphora", "a1", "amphora sent no heartbeat for 1h and was not failed over"],
      [
        "load-balancer.amphora",
        "a2",
        "amphora health row busy with no heartbeat for 2h: a failover died with its controller",
      ],
    ]);
    expect(found[0]?.remediation?.[0]).toMatchObject({
      action: "amphora.failover",
      params: { loadbalancer_id: "lb-1" },
    });
  });

  it("is inconclusive when Octavia's database could not be read", () => {
    const inventory = testInventory({ incomplete: { "database.amphora-health": { status: "failed", reason: "x" } } });
    expect(runCheck(amphoraHeartbeatStopped, inventory).inconclusive).toBe(true);
  });
});
