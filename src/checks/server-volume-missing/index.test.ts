import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { serverVolumeMissing } from "./index.ts";
import { describeStep } from "../../remediation/plan/describe-step.ts";

const server = (id: string, status: string, volumeIds: string[]) => ({
  id,
  status,
  "os-extended-volumes:volumes_attached": volumeIds.map((v) => ({ id: v, delete_on_termination: false })),
});

describe("server-volume-missing", () => {
  it("reports a server whose attached volume is gone (not listed, 404), with one detach per volume", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [server("s1", "ACTIVE", ["live", "gone"])],
        "block-storage.volume": [{ id: "live", status: "in-use" }],
      },
      confirmations: { "block-storage.volume": { gone: "missing" } },
    });
    const [detection, ...rest] = detect(serverVolumeMissing, inventory);
    expect(rest).toEqual([]);
    expect(detection?.summary).toBe("server lists deleted volume gone");
    expect(detection?.evidence["os-extended-volumes:volumes_attached"]).toEqual([{ id: "gone" }]);
    // Nova refuses to remove an attachment of a volume Cinder no longer has: nothing to apply, only to report.
    expect(
      serverVolumeMissing.remediation.map((step) =>
        describeStep(step, { type: serverVolumeMissing.needs[0]!, id: "x" }),
      ),
    ).toEqual([expect.objectContaining({ action: "report", destructive: false })]);
  });

  it("does not fire for listed volumes, unconfirmed lookups, or a server of a down cell", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [server("s1", "ACTIVE", ["live", "timeout"]), server("s2", "UNKNOWN", ["gone"])],
        "block-storage.volume": [{ id: "live", status: "in-use" }],
      },
      confirmations: { "block-storage.volume": { timeout: "unknown", gone: "missing" } },
    });
    expect(detect(serverVolumeMissing, inventory)).toEqual([]);
  });

  it("is inconclusive when the volume listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "compute.server": [server("s1", "ACTIVE", ["gone"])] },
      incomplete: { "block-storage.volume": { status: "failed", reason: "timeout" } },
      confirmations: { "block-storage.volume": { gone: "missing" } },
    });
    expect(runCheck(serverVolumeMissing, inventory).inconclusive).toBe(true);
  });
});
