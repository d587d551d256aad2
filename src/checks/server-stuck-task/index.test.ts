import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { serverStuckTask } from "./index.ts";

const server = (id: string, status: string, task: string | null, secondsAgo: number) => ({
  id,
  status,
  "OS-EXT-STS:task_state": task,
  updated: ago(secondsAgo),
});

describe("server-stuck-task", () => {
  it("reports a server whose task_state has been set for hours, and resets it", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [
          server("s1", "ACTIVE", "image_uploading", 5 * 3600),
          server("s2", "ACTIVE", "deleting", 7200),
        ],
      },
    });
    const [uploading, deleting] = detect(serverStuckTask, inventory);
    expect(uploading?.summary).toBe("server stuck in task image_uploading for 5h");
    expect(uploading?.remediation?.map((s) => [s.action, s.params])).toEqual([
      ["server.reset-state", { state: "active" }],
    ]);
    expect(deleting?.remediation?.map((s) => s.action)).toEqual(["server.reset-state", "server.force-delete"]);
  });

  it("does not fire on a short task, no task, BUILD (its own check) or a down cell", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [
          server("s1", "ACTIVE", "rebooting", 300),
          server("s2", "ACTIVE", null, 90_000),
          server("s3", "BUILD", "spawning", 90_000),
          server("s4", "UNKNOWN", "migrating", 90_000),
        ],
      },
    });
    expect(detect(serverStuckTask, inventory)).toEqual([]);
  });

  it("is inconclusive when the server listing is incomplete", () => {
    const inventory = testInventory({ incomplete: { "compute.server": { status: "forbidden", reason: "403" } } });
    expect(runCheck(serverStuckTask, inventory).inconclusive).toBe(true);
  });
});
