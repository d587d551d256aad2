import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect, runCheck } from "../support/check-harness.ts";
import { volumeStuck } from "./index.ts";

const volume = (id: string, status: string, secondsAgo: number, extra: Record<string, unknown> = {}) => ({
  id,
  status,
  attachments: [],
  updated_at: agoNaive(secondsAgo),
  "os-vol-host-attr:host": "cinder1@lvm#pool0",
  ...extra,
});

describe("volume-stuck", () => {
  it("reports a volume detaching for hours, with the duration and the roll-back fix", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [volume("v1", "detaching", 3 * 3600 + 12 * 60)] },
    });
    const [detection, ...rest] = detect(volumeStuck, inventory);
    expect(rest).toEqual([]);
    expect(detection?.summary).toBe("volume stuck in detaching for 3h 12m");
    expect(detection?.remediation?.map((s) => s.action)).toEqual(["volume.roll-detaching"]);
  });

  it("chooses the fix by status: attaching unreserves, deleting resets to error then force-deletes", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [volume("v1", "attaching", 7200), volume("v2", "deleting", 7200)] },
    });
    const [attaching, deleting] = detect(volumeStuck, inventory);
    expect(attaching?.remediation?.map((s) => s.action)).toEqual(["volume.unreserve", "volume.reset-status"]);
    expect(attaching?.remediation?.[1]?.params).toEqual({ status: "available", attach_status: "detached" });
    expect(deleting?.remediation?.map((s) => s.action)).toEqual(["volume.reset-status", "volume.force-delete"]);
    expect(deleting?.remediation?.[0]?.params).toEqual({ status: "error" });
  });

  it("resets a reserved volume instead of unreserving it, which Cinder only does for attaching", () => {
    const inventory = testInventory({ resources: { "block-storage.volume": [volume("v1", "reserved", 7200)] } });
    const [reserved] = detect(volumeStuck, inventory);
    expect(reserved?.remediation?.map((s) => s.action)).toEqual(["volume.reset-status"]);
    expect(reserved?.remediation?.[0]?.params).toEqual({ status: "available", attach_status: "detached" });
  });

  it("uses the shorter threshold for deleting and the operator's thresholds", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [volume("v1", "deleting", 2400), volume("v2", "creating", 2400)] },
    });
    expect(detect(volumeStuck, inventory).map((d) => d.resourceId)).toEqual(["v1"]);
    expect(detect(volumeStuck, inventory, { maxAgeSeconds: 600 }).map((d) => d.resourceId)).toEqual(["v1", "v2"]);
  });

  it("names a down cinder-volume service in the summary and the evidence", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [volume("v1", "creating", 7200)],
        "block-storage.service": [
          {
            binary: "cinder-volume",
            host: "cinder1@lvm",
            state: "down",
            status: "enabled",
            updated_at: agoNaive(9000),
          },
        ],
      },
    });
    const [detection] = detect(volumeStuck, inventory);
    expect(detection?.summary).toBe("volume stuck in creating for 2h (its cinder-volume cinder1@lvm is down)");
    expect(detection?.evidence["volumeService"]).toMatchObject({ state: "down" });
  });

  it("does not fire on a volume detaching for 2 minutes, a stable volume, or one with no timestamps", () => {
    const inventory = testInventory({
      resources: {
        "block-storage.volume": [
          volume("v1", "detaching", 120),
          volume("v2", "available", 90_000),
          { id: "v3", status: "creating" },
        ],
      },
    });
    expect(detect(volumeStuck, inventory)).toEqual([]);
  });

  it("is inconclusive when the volume listing is incomplete", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [volume("v1", "detaching", 90_000)] },
      incomplete: { "block-storage.volume": { status: "truncated", reason: "next link repeated" } },
    });
    expect(runCheck(volumeStuck, inventory).inconclusive).toBe(true);
  });
});
