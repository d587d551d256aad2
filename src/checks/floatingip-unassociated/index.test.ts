import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { floatingipUnassociated } from "./index.ts";

const fip = (id: string, portId: string | null, secondsAgo: number) => ({
  id,
  floating_ip_address: "203.0.113.10",
  port_id: portId,
  status: portId === null ? "DOWN" : "ACTIVE",
  updated_at: ago(secondsAgo),
});

describe("floatingip-unassociated", () => {
  it("reports a floating IP unassociated for 10 days", () => {
    const inventory = testInventory({ resources: { "network.floatingip": [fip("f1", null, 10 * 86_400)] } });
    const [detection] = detect(floatingipUnassociated, inventory);
    expect(detection?.summary).toBe("floating IP 203.0.113.10 unassociated for 10d");
    expect(floatingipUnassociated.remediation.map((s) => s.action)).toEqual(["floatingip.delete"]);
  });

  it("does not fire on one unassociated for an hour, an associated one, or a record without port_id", () => {
    const inventory = testInventory({
      resources: {
        "network.floatingip": [
          fip("f1", null, 3600),
          fip("f2", "port1", 30 * 86_400),
          { id: "f3", updated_at: ago(30 * 86_400) },
        ],
      },
    });
    expect(detect(floatingipUnassociated, inventory)).toEqual([]);
    expect(detect(floatingipUnassociated, inventory, { minAgeDays: 0 }).map((d) => d.resourceId)).toEqual(["f1"]);
  });

  it("is inconclusive when the floating IP listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "network.floatingip": { status: "truncated", reason: "page loop" } },
    });
    expect(runCheck(floatingipUnassociated, inventory).inconclusive).toBe(true);
  });
});
