import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { volumeError } from "./index.ts";

const volume = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `vol-${id}`,
  status,
  attachments: [],
  updated_at: agoNaive(3600),
  "os-vol-tenant-attr:tenant_id": "p1",
  ...extra,
});

describe("volume-error", () => {
  it("reports volumes in each of Cinder's error statuses, with their status and time", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          volume("v1", "error"),
          volume("v2", "error_deleting"),
          volume("v3", "error_backing-up"),
        ],
      },
    });
    const detections = detect(volumeError, inventory);
    expect(detections.map((d) => [d.resourceId, d.summary])).toEqual([
      ["v1", "volume in error"],
      ["v2", "volume in error_deleting"],
      ["v3", "volume in error_backing-up"],
    ]);
    expect(detections[0]?.evidence).toMatchObject({ status: "error" });
    expect(detections[0]?.since).toBe(agoNaive(3600));
    expect(detections[0]?.remediation?.map((s) => s.action)).toEqual([
      "volume.delete",
      "volume.force-delete",
      "volume.reset-status",
    ]);
  });

  it("detaches in the database before deleting a volume in error that Cinder still sees attached", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [volume("v1", "error", { attachments: [{ server_id: "s1", attachment_id: "a1" }] })],
      },
    });
    const [detection] = detect(volumeError, inventory);
    expect(detection?.summary).toBe("volume in error, still attached");
    expect(detection?.remediation?.[0]).toMatchObject({
      action: "volume.reset-status",
      params: { status: "error", attach_status: "detached" },
    });
  });

  it("ignores healthy and busy volumes", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [volume("v1", "available"), volume("v2", "in-use"), volume("v3", "deleting")],
      },
    });
    expect(detect(volumeError, inventory)).toEqual([]);
  });

  it("is inconclusive when the volume listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [volume("v1", "error")] },
      incomplete: { "block-storage.volume": { status: "failed", reason: "503 from cinder" } },
    });
    expect(runCheck(volumeError, inventory).inconclusive).toBe(true);
  });
});
