import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { volumeAttachStatusMismatch } from "./index.ts";

const attachment = { server_id: "s1", attachment_id: "a1" };

describe("volume-attach-status-mismatch", () => {
  it("reports in-use without attachments and available with attachments, resetting to what the attachments prove", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          { id: "v1", status: "in-use", attachments: [], updated_at: agoNaive(7200) },
          { id: "v2", status: "available", attachments: [attachment], updated_at: agoNaive(7200) },
        ],
      },
    });
    const detections = detect(volumeAttachStatusMismatch, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "volume in-use with no attachment for 2h",
      "volume available with 1 attachment for 2h",
    ]);
    expect(detections.map((d) => d.remediation?.[0]?.params)).toEqual([
      { status: "available", attach_status: "detached" },
      { status: "in-use", attach_status: "attached" },
    ]);
  });

  it("does not fire on consistent volumes, a mismatch seen seconds after a change, or a record without attachments", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          { id: "v1", status: "in-use", attachments: [attachment], updated_at: agoNaive(7200) },
          { id: "v2", status: "available", attachments: [], updated_at: agoNaive(7200) },
          { id: "v3", status: "attaching", attachments: [], updated_at: agoNaive(7200) },
          { id: "v4", status: "in-use", attachments: [], updated_at: agoNaive(30) },
          { id: "v5", status: "in-use", updated_at: agoNaive(7200) },
        ],
      },
    });
    expect(detect(volumeAttachStatusMismatch, inventory)).toEqual([]);
  });

  it("is inconclusive when the volume listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "block-storage.volume": { status: "failed", reason: "503 Service Unavailable" } },
    });
    expect(runCheck(volumeAttachStatusMismatch, inventory).inconclusive).toBe(true);
  });
});
