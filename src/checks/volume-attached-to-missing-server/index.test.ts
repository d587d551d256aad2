import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { volumeAttachedToMissingServer } from "./index.ts";

const attached = (id: string, serverId: string, attachmentId: string) => ({
  id,
  status: "in-use",
  attachments: [{ server_id: serverId, attachment_id: attachmentId, volume_id: id }],
});

describe("volume-attached-to-missing-server", () => {
  it("reports an attachment to a server that is not listed and answered 404, and deletes the attachment", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [attached("v1", "gone", "a1")], "compute.server": [] },
      confirmations: { "compute.server": { gone: "missing" } },
    });
    const [detection, ...rest] = detect(volumeAttachedToMissingServer, inventory);
    expect(rest).toEqual([]);
    expect(detection?.summary).toBe("volume attached to deleted server gone");
    expect(detection?.remediation?.map((s) => [s.action, s.params])).toEqual([
      ["attachment.delete", { attachment_id: "a1" }],
      ["volume.force-detach", { attachment_id: "a1" }],
      ["volume.reset-status", { status: "available", attach_status: "detached" }],
    ]);
  });

  it("keeps a multi-attached volume in-use when another attachment is to a live server", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          {
            id: "v1",
            status: "in-use",
            attachments: [
              { server_id: "gone", attachment_id: "a1" },
              { server_id: "live", attachment_id: "a2" },
            ],
          },
        ],
        "compute.server": [{ id: "live", status: "ACTIVE" }],
      },
      confirmations: { "compute.server": { gone: "missing" } },
    });
    const [detection] = detect(volumeAttachedToMissingServer, inventory);
    expect(detection?.evidence["attachments"]).toEqual([{ attachment_id: "a1", server_id: "gone" }]);
    expect(detection?.remediation?.at(-1)?.params).toEqual({ status: "in-use", attach_status: "attached" });
  });

  it("does not fire for a server of a down cell (UNKNOWN), an unconfirmed lookup, or a live server", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          attached("v1", "downcell", "a1"),
          attached("v2", "timeout", "a2"),
          attached("v3", "live", "a3"),
        ],
        "compute.server": [
          { id: "downcell", status: "UNKNOWN" },
          { id: "live", status: "ACTIVE" },
        ],
      },
      // Even a (wrong) "missing" for a listed server is not believed: the listing shows it exists.
      confirmations: { "compute.server": { downcell: "missing", timeout: "unknown" } },
    });
    expect(detect(volumeAttachedToMissingServer, inventory)).toEqual([]);
  });

  it("is inconclusive when the server listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [attached("v1", "gone", "a1")] },
      incomplete: { "compute.server": { status: "forbidden", reason: "403 from nova" } },
      confirmations: { "compute.server": { gone: "missing" } },
    });
    expect(runCheck(volumeAttachedToMissingServer, inventory).inconclusive).toBe(true);
  });
});
