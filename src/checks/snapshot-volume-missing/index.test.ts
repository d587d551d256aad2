import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { confirmedReferences } from "../confirms.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { snapshotVolumeMissing } from "./index.ts";

describe("snapshot-volume-missing", () => {
  it("reports a snapshot whose volume answered 404, not one whose volume is listed or whose lookup proved nothing", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.snapshot": [
          { id: "s1", status: "available", volume_id: "gone", updated_at: agoNaive(3600) },
          { id: "s2", status: "available", volume_id: "live" },
          { id: "s3", status: "available", volume_id: "timeout" },
        ],
        "block-storage.volume": [{ id: "live", status: "available" }],
      },
      confirmations: { "block-storage.volume": { gone: "missing", timeout: "unknown" } },
    });
    const detections = detect(snapshotVolumeMissing, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["s1", "snapshot of deleted volume gone (unchanged for 1h)"],
    ]);
    // Cinder answers 404 for the volume to every delete of the snapshot: nothing to apply, only to report.
    expect(snapshotVolumeMissing.remediation.map((s) => s.action)).toEqual(["report"]);
  });

  it("rests on the volume's 404, which any step planned for it looks up again", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.snapshot": [{ id: "s1", status: "available", volume_id: "gone" }],
        "block-storage.volume": [],
      },
      confirmations: { "block-storage.volume": { gone: "missing" } },
    });
    const [detection] = detect(snapshotVolumeMissing, inventory);
    expect(
      confirmedReferences(snapshotVolumeMissing, {
        type: "block-storage.snapshot",
        projectId: null,
        evidence: detection!.evidence,
      }),
    ).toEqual([{ type: "block-storage.volume", id: "gone" }]);
  });

  it("is inconclusive when the volume listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "block-storage.snapshot": [{ id: "s1", status: "available", volume_id: "gone" }] },
      confirmations: { "block-storage.volume": { gone: "missing" } },
    });
    inventory.coverage["block-storage.volume"] = { status: "failed", reason: "HTTP 503 from GET /volumes/detail" };
    expect(runCheck(snapshotVolumeMissing, inventory).inconclusive).toBe(true);
  });
});
