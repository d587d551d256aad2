import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/errors.ts";
import { testInventory } from "../inventory/test-inventory.ts";
import type { Check, CheckContext } from "./check.ts";
import { orphanedResource } from "./orphaned-resource/index.ts";
import { runChecks } from "./run.ts";
import { serverError } from "./server-error/index.ts";

/** A check that reports every server whose status is in `statuses`, and remembers the context it was given. */
function serverStatusCheck(overrides: Partial<Check> = {}): Check & { seen: CheckContext[] } {
  const seen: CheckContext[] = [];
  return {
    id: "server-status",
    title: "Server in a listed status",
    description: "test",
    severity: "warning",
    needs: ["compute.server"],
    thresholds: { maxAgeSeconds: 3600, statuses: ["ERROR"] },
    remediation: [{ action: "report", call: "report" }],
    run(context) {
      seen.push(context);
      const statuses = context.thresholds.statuses as string[];
      return (context.inventory.resources["compute.server"] ?? [])
        .filter((server) => statuses.includes(String(server.status)))
        .map((server) => ({
          resourceType: "compute.server" as const,
          resourceId: String(server.id),
          summary: "server in a listed status",
          evidence: { status: server.status },
          since: null,
        }));
    },
    seen,
    ...overrides,
  };
}

const servers = [
  { id: "s1", status: "ERROR" },
  { id: "s2", status: "ACTIVE" },
];

describe("runChecks", () => {
  it("runs a check whose inputs are complete, with the scan time and its default thresholds", () => {
    const check = serverStatusCheck();
    const inventory = testInventory({ resources: { "compute.server": servers } });
    const result = runChecks(inventory, [check]);
    expect(result.inconclusive).toEqual([]);
    expect(result.runs[0]?.detections.map((detection) => detection.resourceId)).toEqual(["s1"]);
    expect(check.seen[0]?.now.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(check.seen[0]?.thresholds).toEqual({ maxAgeSeconds: 3600, statuses: ["ERROR"] });
  });

  it("does not run a check whose needed listing is incomplete, and says why", () => {
    const check = serverStatusCheck();
    const inventory = testInventory({
      resources: { "compute.server": servers },
      incomplete: { "compute.server": { status: "failed", reason: "compute GET /servers/detail answered 503" } },
    });
    const result = runChecks(inventory, [check]);
    expect(check.seen).toHaveLength(0);
    expect(result.runs).toEqual([]);
    expect(result.inconclusive).toEqual([
      {
        cloud: "test-cloud",
        region: "RegionOne",
        check: "server-status",
        reason: "compute.server: failed (compute GET /servers/detail answered 503)",
      },
    ]);
  });

  it("runs a check over its complete optional inputs and marks it partly inconclusive", () => {
    const check = serverStatusCheck({ optional: ["network.port", "load-balancer.amphora"] });
    const inventory = testInventory({
      resources: { "compute.server": servers },
      incomplete: { "load-balancer.amphora": { status: "forbidden", reason: "403" } },
    });
    const result = runChecks(inventory, [check]);
    expect(result.runs).toHaveLength(1);
    expect(result.inconclusive[0]?.reason).toBe("partial: load-balancer.amphora: forbidden (403)");
  });

  it("merges the operator's thresholds over the defaults", () => {
    const check = serverStatusCheck();
    const inventory = testInventory({ resources: { "compute.server": servers } });
    const result = runChecks(inventory, [check], {
      thresholds: { "server-status": { statuses: ["ERROR", "ACTIVE"] } },
    });
    expect(result.runs[0]?.detections).toHaveLength(2);
    expect(check.seen[0]?.thresholds.maxAgeSeconds).toBe(3600);
  });

  it("rejects an unknown check id, an unknown threshold key and a value of the wrong kind, naming the key", () => {
    const inventory = testInventory();
    const run = (thresholds: Record<string, Record<string, number | string | string[]>>) => () =>
      runChecks(inventory, [serverStatusCheck()], {
        thresholds,
        file: "stacksweep.yaml",
        knownCheckIds: ["volume-error"],
      });
    expect(run({ "server-stauts": {} })).toThrow(ConfigError);
    expect(run({ "server-stauts": {} })).toThrow("stacksweep.yaml: thresholds.server-stauts: a check id (one of");
    expect(run({ "server-status": { maxAge: 5 } })).toThrow(
      "thresholds.server-status.maxAge: a threshold of server-status (one of maxAgeSeconds, statuses)",
    );
    expect(run({ "server-status": { maxAgeSeconds: "1h" } })).toThrow(
      "thresholds.server-status.maxAgeSeconds: a number",
    );
    // A check that exists but is not enabled in this scan may have thresholds.
    expect(run({ "volume-error": { anything: 1 } })).not.toThrow();
  });

  it("reports a check that throws as inconclusive and still runs the others", () => {
    const broken = serverStatusCheck({
      id: "broken",
      run: () => {
        throw new Error("cannot read status");
      },
    });
    const inventory = testInventory({ resources: { "compute.server": servers } });
    const result = runChecks(inventory, [broken, serverStatusCheck()]);
    expect(result.inconclusive.map((entry) => entry.reason)).toEqual(["the check failed: cannot read status"]);
    expect(result.runs.map((run) => run.check.id)).toEqual(["server-status"]);
  });

  it("marks a check partial when a lookup of a reference it reads went unanswered, and only such a check", () => {
    const inventory = testInventory({
      resources: {
        "compute.server": [{ id: "s1", status: "ERROR", tenant_id: "vanished", updated_at: "2025-01-01T00:00:00Z" }],
      },
      confirmations: { "identity.project": { vanished: "unknown" } },
    });
    const result = runChecks(inventory, [orphanedResource, serverError]);
    expect(result.inconclusive).toEqual([
      expect.objectContaining({
        check: "orphaned-resource",
        reason: "partial: identity.project: no answer to the lookup of 1 id absent from the listing",
      }),
    ]);
    // Still run: what is known is reported; server-error never reads owners.
    expect(result.runs.map((run) => run.check.id)).toEqual(["orphaned-resource", "server-error"]);
    expect(result.runs[0]?.detections).toEqual([]);
  });
});
