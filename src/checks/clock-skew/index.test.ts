import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect } from "../support/check-harness.ts";
import { clockSkew } from "./index.ts";

describe("clock-skew", () => {
  it("reports an endpoint behind by 12 s and a heartbeat 30 s in the future", () => {
    const inventory = testInventory({
      clock: [
        { source: "endpoint:compute", skewMs: -12_000 },
        { source: "compute.service:nova-compute@cmp1", skewMs: 30_000 },
      ],
    });
    expect(detect(clockSkew, inventory).map((d) => [d.resourceType, d.summary])).toEqual([
      ["compute.service", "compute API clock is 12s behind the scanner"],
      ["compute.service", "heartbeat of nova-compute@cmp1 is 30s in the future"],
    ]);
  });

  it("does not fire on small skews or on heartbeats in the past (a heartbeat interval, not skew)", () => {
    const inventory = testInventory({
      clock: [
        { source: "endpoint:network", skewMs: 2_000 },
        { source: "network.agent:neutron-l3-agent@net1", skewMs: -45_000 },
      ],
    });
    expect(detect(clockSkew, inventory)).toEqual([]);
    expect(detect(clockSkew, inventory, { maxSkewSeconds: 1 })).toHaveLength(1);
  });

  it("reports nothing when no clock was read", () => {
    expect(detect(clockSkew, testInventory({ clock: [] }))).toEqual([]);
  });
});
