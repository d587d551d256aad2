import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect } from "../support/check-harness.ts";
import { serviceDown } from "./index.ts";

describe("service-down", () => {
  it("reports an enabled nova-compute, cinder-volume and agent that are down", () => {
    const inventory = testInventory({
      resources: {
        "compute.service": [
          {
            id: "c1",
            binary: "nova-compute",
            host: "cmp1",
            state: "down",
            status: "enabled",
            forced_down: false,
            updated_at: ago(600),
          },
        ],
        "block-storage.service": [
          { binary: "cinder-volume", host: "stor1@lvm", state: "down", status: "enabled", updated_at: ago(900) },
        ],
        "network.agent": [
          {
            id: "a1",
            agent_type: "L3 agent",
            binary: "neutron-l3-agent",
            host: "net1",
            alive: false,
            admin_state_up: true,
          },
        ],
      },
    });
    const detections = detect(serviceDown, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["c1", "nova-compute on cmp1 is down"],
      ["cinder-volume/stor1@lvm", "cinder-volume on stor1@lvm is down"],
      ["a1", "neutron-l3-agent on net1 is down"],
    ]);
    expect(detections[0]?.since).toBe(ago(600));
  });

  it("does not fire on services that are up, disabled for maintenance, or forced down", () => {
    const inventory = testInventory({
      resources: {
        "compute.service": [
          { id: "c1", binary: "nova-compute", host: "cmp1", state: "up", status: "enabled" },
          { id: "c2", binary: "nova-compute", host: "cmp2", state: "down", status: "disabled" },
          { id: "c3", binary: "nova-compute", host: "cmp3", state: "down", status: "enabled", forced_down: true },
        ],
        "network.agent": [
          { id: "a1", binary: "neutron-dhcp-agent", host: "net1", alive: false, admin_state_up: false },
        ],
      },
    });
    expect(detect(serviceDown, inventory)).toEqual([]);
  });

  it("skips a service list that is incomplete instead of guessing", () => {
    const inventory = testInventory({
      resources: {
        "compute.service": [{ id: "c1", binary: "nova-compute", host: "cmp1", state: "down", status: "enabled" }],
      },
      incomplete: { "compute.service": { status: "forbidden", reason: "403" } },
    });
    expect(detect(serviceDown, inventory)).toEqual([]);
  });
});
