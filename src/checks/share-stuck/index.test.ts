import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { agoNaive, detect } from "../support/check-harness.ts";
import { shareStuck } from "./index.ts";

const share = (id: string, status: string, secondsAgo: number) => ({ id, status, created_at: agoNaive(secondsAgo) });

describe("share-stuck", () => {
  it("reports a share creating past the threshold, with its age and reset-then-delete", () => {
    const inventory = testInventory({
      resources: {
        "shared-file-system.share": [share("s1", "creating", 2 * 3600 + 5 * 60), share("s2", "creating", 600)],
      },
    });
    const [detection, ...rest] = detect(shareStuck, inventory);
    expect(rest).toEqual([]);
    expect(detection?.summary).toBe("share stuck in creating for 2h 5m");
    expect(detection?.remediation?.map((s) => [s.action, s.params])).toEqual([
      ["share.reset-status", { status: "error" }],
    ]);
    expect(detect(shareStuck, inventory, { maxAgeSeconds: 300 }).map((d) => d.resourceId)).toEqual(["s1", "s2"]);
  });

  it("never ages a status entered after creation: Manila's share view has no updated_at", () => {
    const inventory = testInventory({
      resources: {
        "shared-file-system.share": [share("s1", "deleting", 90 * 86_400), share("s2", "extending", 90 * 86_400)],
      },
    });
    expect(detect(shareStuck, inventory)).toEqual([]);
  });
});
