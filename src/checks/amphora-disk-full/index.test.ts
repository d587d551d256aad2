import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { runChecks } from "../run.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { amphoraDiskFull } from "./index.ts";

/** An agent's answer as the real one gives it: `disk` in bytes of its root filesystem. */
const answered = (id: string, used: number, available: number) => ({
  id,
  loadbalancer_id: "lb1",
  lb_network_ip: "192.0.2.10",
  answered: true,
  hostname: `amphora-${id}`,
  disk: { used, available },
});

describe("amphora-disk-full", () => {
  it("reports a warning above 80 % and a critical above 90 %, with the figures, fixed by a failover", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora-agent": [
          // The real agent's samples: a 64 MiB tmpfs at 0.3 %, 75.3 %, 90.9 % and 100 %.
          answered("a-empty", 217088, 66891776),
          answered("a-75", 50548736, 16560128),
          answered("a-83", 55_000_000, 11_000_000),
          answered("a-91", 61034496, 6074368),
          answered("a-full", 67108864, 0),
        ],
      },
    });
    const detections = detect(amphoraDiskFull, inventory);
    expect(detections.map((d) => [d.resourceId, d.severity])).toEqual([
      ["a-83", "warning"],
      ["a-91", "critical"],
      ["a-full", "critical"],
    ]);
    const critical = detections[1]!;
    expect(critical.resourceType).toBe("load-balancer.amphora");
    expect(critical.summary).toBe("amphora's root filesystem is 90.9 % used (5.8 MiB left)");
    expect(critical.evidence).toMatchObject({ usedPercent: 90.9, usedBytes: 61034496, availableBytes: 6074368 });
    expect(critical.remediation?.map((step) => step.action)).toEqual(["amphora.failover", "loadbalancer.failover"]);
  });

  it("takes the operator's thresholds", () => {
    const inventory = testInventory({
      resources: { "load-balancer.amphora-agent": [answered("a-75", 50548736, 16560128)] },
    });
    const [detection] = detect(amphoraDiskFull, inventory, { warningUsedPercent: 70, criticalUsedPercent: 75 });
    expect(detection?.severity).toBe("critical");
  });

  it("says nothing of an agent that did not answer or gave no usable figures, and marks the run partial naming it", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.amphora-agent": [
          answered("a-ok", 1000, 9000),
          { id: "a-mute", answered: false, failure: "timeout", reason: "no answer within 5000 ms" },
          { id: "a-odd", answered: true, disk: { used: "61034496" } },
        ],
      },
    });
    const { inconclusive } = runChecks(inventory, [amphoraDiskFull]);
    expect(inconclusive).toEqual([
      expect.objectContaining({
        reason: "partial: the disk of 2 amphorae (a-mute, a-odd) is unknown: no usable answer from its agent",
      }),
    ]);
    expect(detect(amphoraDiskFull, inventory)).toEqual([]);
  });

  it("is inconclusive when the agents were not probed (the source not enabled)", () => {
    const inventory = testInventory({
      incomplete: {
        "load-balancer.amphora-agent": { status: "skipped", reason: "the amphora-agent source is not enabled" },
      },
    });
    expect(runCheck(amphoraDiskFull, inventory).inconclusive).toBe(true);
  });
});
