import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { runChecks } from "../run.ts";
import { detect } from "../support/check-harness.ts";
import { hypervisorDomainUnknown } from "./index.ts";

const KNOWN = "6f1c2a3b-0a0a-4c4c-8d8d-00000000000a";
const GONE_RUNNING = "6f1c2a3b-0c0c-4c4c-8d8d-00000000000c";
const GONE_STOPPED = "6f1c2a3b-0d0d-4c4c-8d8d-00000000000d";
const JUST_CREATED = "6f1c2a3b-0e0e-4c4c-8d8d-00000000000e";

const domains = [
  { host: "cmp1", uuid: KNOWN, name: "instance-0000000a", running: true },
  { host: "cmp1", uuid: GONE_RUNNING, name: "instance-0000000c", running: true },
  { host: "cmp2", uuid: GONE_STOPPED, name: "instance-0000000d", running: false },
  { host: "cmp2", uuid: JUST_CREATED, name: "instance-0000000e", running: true },
  { host: "cmp3", error: "error: failed to connect to the hypervisor" },
];

describe("hypervisor-domain-unknown", () => {
  it("reports domains whose instance Nova answered 404 for, critical when running", () => {
    const inventory = testInventory({
      resources: { "compute.hypervisor-domain": domains, "compute.server": [{ id: KNOWN, status: "ACTIVE" }] },
      // The confirmer looked up the uuids absent from the listing: one was created since and answered 200.
      confirmations: {
        "compute.server": { [GONE_RUNNING]: "missing", [GONE_STOPPED]: "missing", [JUST_CREATED]: "exists" },
      },
    });
    const detections = detect(hypervisorDomainUnknown, inventory);
    expect(detections.map((d) => [d.resourceId, d.severity])).toEqual([
      [GONE_RUNNING, "critical"],
      [GONE_STOPPED, "warning"],
    ]);
    expect(detections[0]).toMatchObject({
      resourceType: "compute.hypervisor-domain",
      summary: "running domain instance-0000000c on cmp1 is no instance Nova knows",
      evidence: { host: "cmp1", name: "instance-0000000c", running: true },
    });
  });

  it("is partial, not silent, when a lookup of an absent uuid went unanswered", () => {
    const inventory = testInventory({
      resources: { "compute.hypervisor-domain": domains, "compute.server": [] },
      confirmations: { "compute.server": { [GONE_RUNNING]: "unknown" } },
    });
    const { runs, inconclusive } = runChecks(inventory, [hypervisorDomainUnknown]);
    expect(runs[0]?.detections).toEqual([]);
    expect(inconclusive[0]?.reason).toBe(
      "partial: compute.server: no answer to the lookup of 1 id absent from the listing",
    );
  });
});
