import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { runChecks } from "../run.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { instanceDomainMissing } from "./index.ts";

const hypervisors = ["cmp1", "cmp2", "cmp3"].map((host) => ({ id: `h-${host}`, service: { host } }));
const server = (id: string, host: string, status = "ACTIVE", taskState: string | null = null) => ({
  id,
  status,
  "OS-EXT-SRV-ATTR:host": host,
  "OS-EXT-STS:task_state": taskState,
  updated: "2025-12-31T00:00:00Z",
});

const inventory = testInventory({
  resources: {
    "compute.hypervisor": hypervisors,
    "compute.hypervisor-domain": [
      { host: "cmp1", uuid: "s-present", name: "instance-1", running: true },
      { host: "cmp2", uuid: "s-moved", name: "instance-2", running: true },
      { host: "cmp3", error: "error: failed to connect to the hypervisor" },
    ],
    "compute.server": [
      server("s-present", "cmp1"),
      server("s-missing", "cmp1"),
      server("s-stopped-missing", "cmp2", "SHUTOFF"),
      server("s-moved", "cmp1"),
      server("s-silent-host", "cmp3"),
      server("s-unlisted-host", "cmp9"),
      server("s-building", "cmp1", "ACTIVE", "spawning"),
      server("s-error", "cmp1", "ERROR"),
    ],
  },
});

describe("instance-domain-missing", () => {
  it("reports ACTIVE and SHUTOFF servers with no domain anywhere, critical when ACTIVE", () => {
    const detections = detect(instanceDomainMissing, inventory);
    expect(detections.map((d) => [d.resourceId, d.severity])).toEqual([
      ["s-missing", "critical"],
      ["s-stopped-missing", "warning"],
    ]);
    expect(detections[0]?.summary).toBe("ACTIVE server has no domain on its host cmp1, nor on any other hypervisor");
  });

  it("leaves the servers of a host that did not answer, or that no hypervisor names, undecided", () => {
    const [entry] = runChecks(inventory, [instanceDomainMissing]).inconclusive;
    expect(entry?.reason).toBe(
      "partial: the servers of host cmp3 are undecided: error: failed to connect to the hypervisor; " +
        "the servers of host cmp9 are undecided: no hypervisor of Nova's names it",
    );
  });

  it("is inconclusive when the libvirt source was not read", () => {
    const absent = testInventory({
      incomplete: { "compute.hypervisor-domain": { status: "skipped", reason: "the libvirt source is not enabled" } },
    });
    expect(runCheck(instanceDomainMissing, absent).inconclusive).toBe(true);
  });
});
