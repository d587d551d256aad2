import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect } from "../support/check-harness.ts";
import { networkResourceError } from "./index.ts";

describe("network-resource-error", () => {
  it("reports routers and ports in ERROR, as report-only", () => {
    const inventory = testInventory({
      resources: {
        "network.router": [{ id: "r1", status: "ERROR" }],
        "network.port": [{ id: "p1", status: "ERROR", device_owner: "compute:nova" }],
      },
    });
    expect(detect(networkResourceError, inventory).map((d) => [d.resourceType, d.summary])).toEqual([
      ["network.router", "router in ERROR"],
      ["network.port", "port in ERROR"],
    ]);
    expect(networkResourceError.remediation.map((s) => s.action)).toEqual(["report"]);
  });

  it("does not fire on DOWN ports (unbound, normal) or ACTIVE networks", () => {
    const inventory = testInventory({
      resources: {
        "network.port": [{ id: "p1", status: "DOWN" }],
        "network.network": [{ id: "n1", status: "ACTIVE" }],
      },
    });
    expect(detect(networkResourceError, inventory)).toEqual([]);
  });

  it("skips an incomplete listing", () => {
    const inventory = testInventory({
      resources: { "network.router": [{ id: "r1", status: "ERROR" }] },
      incomplete: { "network.router": { status: "failed", reason: "500" } },
    });
    expect(detect(networkResourceError, inventory)).toEqual([]);
  });
});
