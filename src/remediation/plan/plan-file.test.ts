import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findingId } from "../../findings/finding.ts";
import type { Plan } from "../plan.ts";
import { readPlan, writePlan } from "./plan-file.ts";

const PLAN: Plan = {
  schemaVersion: 1,
  kind: "stacksweep-plan",
  id: "5d0c0d4e-8f8a-4b8e-9a55-0c3c3c1b2a10",
  createdAt: "2025-01-02T03:04:05.000Z",
  tool: { name: "stacksweep", version: "0.1.0" },
  cloud: "prod",
  region: "RegionOne",
  source: { kind: "scan", scannedAt: "2025-01-02T03:00:00.000Z", file: "scan.json", projectId: null },
  rails: { graceSeconds: 86_400, allowDbWrite: false },
  steps: [
    {
      step: 1,
      action: "volume.delete",
      destructive: true,
      call: "DELETE /volumes/v1",
      params: {},
      target: { type: "block-storage.volume", id: "v1" },
      resource: { type: "block-storage.volume", id: "v1", name: "data", projectId: "p1" },
      findingIds: [findingId("orphaned-resource", "prod", "RegionOne", "block-storage.volume", "v1")],
      findingResources: [{ type: "block-storage.volume", id: "v1" }],
      checks: ["orphaned-resource"],
      precondition: {
        text: "status is available",
        fields: { status: "available" },
        missing: [{ type: "identity.project", id: "p1" }],
      },
      dependsOn: [],
      status: "planned",
      reason: null,
    },
  ],
  reportOnly: [],
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stacksweep-plan-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("plan.json", () => {
  it("reads back what was written, writable by its owner only", async () => {
    const file = join(dir, "plan.json");
    await writePlan(file, PLAN);
    expect(await readPlan(file)).toEqual(PLAN);
    expect(statSync(file).mode & 0o022).toBe(0);
  });

  it.each([
    [
      "an unknown action",
      (p: Plan) => ((p.steps[0]!.action = "volume.shred"), p),
      /steps\[0\]\.action: unknown action "volume\.shred"/,
    ],
    [
      "a destructive step marked harmless",
      (p: Plan) => ((p.steps[0]!.destructive = false), p),
      /steps\[0\]\.destructive: volume\.delete is destructive/,
    ],
    [
      "a step depending on a later one",
      (p: Plan) => ((p.steps[0]!.dependsOn = [2]), p),
      /steps\[0\]\.dependsOn: a step can only depend on earlier steps/,
    ],
    ["another schema version", (p: Plan) => ({ ...p, schemaVersion: 2 }), /schemaVersion: /],
    ["an unknown key", (p: Plan) => ({ ...p, force: true }), /plan\.json: the plan: Unrecognized key: "force"|force/],
  ])("refuses a hand-edited plan with %s, naming the key", async (_what, edit, message) => {
    const file = join(dir, "plan.json");
    writeFileSync(file, JSON.stringify(edit(structuredClone<Plan>(PLAN))));
    await expect(readPlan(file)).rejects.toThrow(message);
    expect(readFileSync(file, "utf8")).toContain("stacksweep-plan");
  });
});
