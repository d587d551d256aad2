import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { serverStuckBuild } from "./index.ts";

describe("server-stuck-build", () => {
  it("reports a server in BUILD for longer than 2 hours, measured from `updated`", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [
          {
            id: "s1",
            status: "BUILD",
            "OS-EXT-STS:task_state": "scheduling",
            updated: ago(3 * 3600),
            created: ago(9 * 86400),
          },
        ],
      },
    });
    const [detection] = detect(serverStuckBuild, inventory);
    expect(detection?.summary).toBe("server stuck in BUILD (scheduling) for 3h");
    expect(detection?.remediation).toBeUndefined();
    expect(serverStuckBuild.remediation.map((s) => s.action)).toEqual(["server.reset-state", "server.delete"]);
  });

  it("does not fire on a server spawning for 20 minutes even if created long ago", () => {
    const inventory = testInventory({
      resources: { "compute.server": [{ id: "s1", status: "BUILD", updated: ago(1200), created: ago(90 * 86400) }] },
    });
    expect(detect(serverStuckBuild, inventory)).toEqual([]);
  });

  it("is inconclusive when the server listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "compute.server": { status: "truncated", reason: "marker loop" } },
    });
    expect(runCheck(serverStuckBuild, inventory).inconclusive).toBe(true);
  });
});
