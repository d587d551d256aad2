import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { portDeviceMissing } from "./index.ts";

const port = (id: string, owner: string, deviceId: string, name = "", secondsAgo = 7200) => ({
  id,
  name,
  device_owner: owner,
  device_id: deviceId,
  project_id: "p1",
  updated_at: ago(secondsAgo),
});

describe("port-device-missing", () => {
  it("reports a compute port of a server that answered 404 and Octavia ports of a deleted load balancer or amphora", () => {
    const inventory = testInventory({
      resources: {
        "network.port": [
          port("p1", "compute:nova", "vm-gone"),
          port("p2", "Octavia", "lb-lb-gone", "octavia-lb-lb-gone"),
          port("p3", "Octavia", "", "octavia-lb-vrrp-amp-gone"),
          port("p4", "ovn-lb-hm:distributed", "ovn-lb-hm-sub-gone", "ovn-lb-hm-sub-gone"),
          port("p5", "Octavia", "", "octavia-lb-vrrp-amp-deleted"),
        ],
        "compute.server": [],
        "load-balancer.loadbalancer": [],
        "load-balancer.amphora": [{ id: "amp-deleted", status: "DELETED" }],
        "network.subnet": [],
      },
      confirmations: {
        "compute.server": { "vm-gone": "missing" },
        "load-balancer.loadbalancer": { "lb-gone": "missing" },
        "load-balancer.amphora": { "amp-gone": "missing" },
        "network.subnet": { "sub-gone": "missing" },
      },
    });
    const found = detect(portDeviceMissing, inventory);
    expect(found.map((d) => [d.resourceId, d.summary])).toEqual([
      ["p1", "port of deleted server vm-gone (unchanged for 2h)"],
      ["p2", "port of deleted load balancer lb-gone (unchanged for 2h)"],
      ["p3", "port of deleted amphora amp-gone (unchanged for 2h)"],
      ["p4", "port of deleted subnet sub-gone (unchanged for 2h)"],
      ["p5", "port of deleted amphora amp-deleted (unchanged for 2h)"],
    ]);
    expect(found[1]?.evidence["device"]).toEqual({
      type: "load-balancer.loadbalancer",
      id: "lb-gone",
      lookup: "GET /v2/lbaas/loadbalancers/{id} → 404",
    });
  });

  it("reports an Octavia port right after its load balancer was deleted: the lookup settles it, no age window", () => {
    const inventory = testInventory({
      resources: {
        "network.port": [port("p1", "Octavia", "lb-x", "octavia-lb-x", 5)],
        "load-balancer.loadbalancer": [],
      },
      confirmations: { "load-balancer.loadbalancer": { x: "missing" } },
    });
    expect(detect(portDeviceMissing, inventory).map((d) => d.summary)).toEqual([
      "port of deleted load balancer x (unchanged for 5s)",
    ]);
  });

  it("does not fire on live devices, down-cell servers, router/DHCP ports, racing creations, or unconfirmed lookups", () => {
    const inventory = testInventory({
      resources: {
        "network.port": [
          port("p1", "compute:nova", "vm-live"),
          port("p2", "compute:nova", "vm-downcell"),
          port("p3", "compute:nova", "vm-timeout"),
          port("p4", "Octavia", "lb-lb1", "octavia-lb-lb1"),
          // Created after the load balancers were listed: absent from the listing, but its lookup answered 200.
          port("p5", "Octavia", "lb-lb-new", "octavia-lb-lb-new", 1),
          port("p6", "network:router_gateway", "router1"),
          port("p7", "network:dhcp", "dhcp-host-net1"),
          port("p8", "Octavia", "", "octavia-lb-vrrp-amp-timeout"),
          // A VRRP port never reads as a VIP port of a load balancer named "vrrp-...".
          port("p9", "Octavia", "", "octavia-lb-vrrp-amp1"),
        ],
        "compute.server": [
          { id: "vm-live", status: "ACTIVE" },
          { id: "vm-downcell", status: "UNKNOWN" },
        ],
        "load-balancer.loadbalancer": [{ id: "lb1", provisioning_status: "ACTIVE" }],
        "load-balancer.amphora": [{ id: "amp1", status: "ALLOCATED" }],
      },
      confirmations: {
        "compute.server": { "vm-downcell": "missing", "vm-timeout": "unknown" },
        "load-balancer.loadbalancer": { "lb-new": "exists", "vrrp-amp1": "missing" },
        "load-balancer.amphora": { "amp-timeout": "unknown" },
      },
    });
    expect(detect(portDeviceMissing, inventory)).toEqual([]);
  });

  it("is inconclusive without ports, and silent about Octavia ports when load balancers cannot be listed", () => {
    expect(
      runCheck(
        portDeviceMissing,
        testInventory({ incomplete: { "network.port": { status: "failed", reason: "500" } } }),
      ).inconclusive,
    ).toBe(true);
    const inventory = testInventory({
      resources: { "network.port": [port("p1", "Octavia", "lb-x", "octavia-lb-x")] },
      incomplete: { "load-balancer.loadbalancer": { status: "absent", reason: "no octavia in the catalog" } },
    });
    expect(detect(portDeviceMissing, inventory)).toEqual([]);
  });
});
