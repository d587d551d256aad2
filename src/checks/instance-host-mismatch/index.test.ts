import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect } from "../support/check-harness.ts";
import { instanceHostMismatch } from "./index.ts";

const server = (id: string, host: string, taskState: string | null = null) => ({
  id,
  status: "ACTIVE",
  "OS-EXT-SRV-ATTR:host": host,
  "OS-EXT-STS:task_state": taskState,
});

describe("instance-host-mismatch", () => {
  it("reports a domain on another host than Nova records, critical when it runs on two", () => {
    const inventory = testInventory({
      resources: {
        "compute.hypervisor": [
          { id: "h1", service: { host: "cmp1" } },
          { id: "h2", service: { host: "cmp2" } },
        ],
        "compute.hypervisor-domain": [
          { host: "cmp1", uuid: "s-home", name: "instance-1", running: true },
          { host: "cmp2", uuid: "s-moved", name: "instance-2", running: false },
          { host: "cmp1", uuid: "s-twice", name: "instance-3", running: true },
          { host: "cmp2", uuid: "s-twice", name: "instance-3", running: true },
          { host: "cmp2", uuid: "s-migrating", name: "instance-4", running: true },
        ],
        "compute.server": [
          server("s-home", "cmp1"),
          server("s-moved", "cmp1"),
          server("s-twice", "cmp1"),
          server("s-migrating", "cmp1", "migrating"),
        ],
      },
    });
    const detections = detect(instanceHostMismatch, inventory);
    expect(detections.map((d) => [d.resourceId, d.severity])).toEqual([
      ["s-moved", "warning"],
      ["s-twice", "critical"],
    ]);
    expect(detections[1]).toMatchObject({
      summary: "Nova records host cmp1, but its domain is on cmp2",
      evidence: { domainHosts: ["cmp1", "cmp2"], runningOn: ["cmp1", "cmp2"] },
    });
  });
});
