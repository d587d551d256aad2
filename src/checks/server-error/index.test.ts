import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { ago, detect, runCheck } from "../support/check-harness.ts";
import { serverError } from "./index.ts";

describe("server-error", () => {
  it("reports a server in ERROR with the first line of Nova's fault", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [
          {
            id: "s1",
            status: "ERROR",
            updated: ago(600),
            locked: false,
            fault: { code: 500, message: "No valid host was found.\nTraceback ..." },
          },
          { id: "s2", status: "ERROR", updated: ago(600), locked: true },
        ],
      },
    });
    const [unlocked, locked] = detect(serverError, inventory);
    expect(unlocked?.summary).toBe("server in ERROR: No valid host was found.");
    expect(unlocked?.since).toBe(ago(600));
    expect(unlocked?.remediation?.map((s) => s.action)).toEqual([
      "server.reset-state",
      "server.delete",
      "server.force-delete",
    ]);
    expect(locked?.summary).toBe("server in ERROR");
    expect(locked?.remediation?.map((s) => s.action)).toEqual(["server.force-delete"]);
  });

  it("ignores ACTIVE, SHUTOFF and UNKNOWN (down cell) servers", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [
          { id: "s1", status: "ACTIVE" },
          { id: "s2", status: "SHUTOFF" },
          { id: "s3", status: "UNKNOWN" },
        ],
      },
    });
    expect(detect(serverError, inventory)).toEqual([]);
  });

  it("is inconclusive when the server listing is incomplete", () => {
    const inventory = testInventory({ incomplete: { "compute.server": { status: "failed", reason: "nova 503" } } });
    expect(runCheck(serverError, inventory).inconclusive).toBe(true);
  });
});
