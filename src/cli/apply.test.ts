import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import { findingId } from "../findings/finding.ts";
import type { Plan } from "../remediation/plan.ts";
import { readPlan } from "../remediation/plan/plan-file.ts";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";
import { applyCommand } from "./apply.ts";
import { EXIT } from "./exit-codes.ts";
import { planCommand } from "./plan.ts";
import { purgeCommand } from "./purge.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }, { name: "gone", deleted: true }],
  resources: {
    "compute.server": [
      { name: "orphan", tenant_id: "@project/gone" },
      { name: "acme-web", tenant_id: "@project/acme" },
    ],
    // A cloud whose Cinder has a volume somewhere: an empty one could not prove it lists every project's.
    "block-storage.volume": [{ name: "acme-data", "os-vol-tenant-attr:tenant_id": "@project/acme" }],
    // The same for Manila.
    "shared-file-system.share": [{ name: "acme-home", project_id: "@project/acme" }],
  },
};

let fx: RemediationFixture;
let stderr: string;
beforeEach(async () => {
  fx = await remediationFixture(SCENARIO);
  for (const [key, value] of Object.entries(fx.env)) vi.stubEnv(key, value ?? "");
  vi.stubEnv("STACKSWEEP_CONFIG", "");
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  process.exitCode = undefined;
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await fx.close();
});

async function cli(
  command: { parseAsync(argv: string[], options: { from: "user" }): Promise<unknown> },
  args: string[],
) {
  process.exitCode = undefined;
  await command.parseAsync(args, { from: "user" });
  return process.exitCode;
}

describe("stacksweep plan / apply / purge", () => {
  it("plans from a live scan, changes nothing without --execute, and applies with --execute --yes", async () => {
    const file = join(fx.dir, "plan.json");
    const store = ["--store", fx.storeFile];
    expect(await cli(planCommand(), ["--os-cloud", "fake", "--grace", "0", "-o", file, ...store])).toBe(EXIT.ok);
    const plan = await readPlan(file);
    expect(plan.steps.map((s) => `${s.action} ${s.resource.name ?? ""}`)).toEqual(["server.delete orphan"]);
    const orphan = await fx.idOf("compute.server", "orphan");

    expect(await cli(applyCommand(), [file, "--grace", "0", ...store])).toBe(EXIT.ok);
    expect(stderr).toContain("dry run, nothing was changed");
    expect(await fx.record("compute.server", orphan)).not.toBeNull();

    // No terminal and no --yes: refused before anything is opened.
    expect(await cli(applyCommand(), [file, "--execute", "--grace", "0", ...store])).toBe(EXIT.applyRefused);
    expect(stderr).toContain("not a terminal: pass --yes");
    expect(await fx.record("compute.server", orphan)).not.toBeNull();

    const audit = ["--audit-file", fx.auditFile];
    expect(await cli(applyCommand(), [file, "--execute", "--yes", "--grace", "0", ...store, ...audit])).toBe(EXIT.ok);
    expect(await fx.record("compute.server", orphan)).toBeNull();
    expect(await fx.record("compute.server", await fx.idOf("compute.server", "acme-web"))).not.toBeNull();
  });

  it("apply keeps the configured grace period: a finding seen once is not deleted", async () => {
    const file = join(fx.dir, "plan.json");
    const store = ["--store", fx.storeFile];
    expect(await cli(planCommand(), ["--os-cloud", "fake", "--grace", "0", "-o", file, ...store])).toBe(EXIT.ok);
    const code = await cli(applyCommand(), [file, "--execute", "--yes", ...store, "--audit-file", fx.auditFile]);
    expect(code).toBe(EXIT.applyIncomplete);
    expect(await fx.record("compute.server", await fx.idOf("compute.server", "orphan"))).not.toBeNull();
  });

  it("purge --execute removes the deleted project's server and leaves the other project's", async () => {
    const gone = String((await fx.record("compute.server", await fx.idOf("compute.server", "orphan")))?.["tenant_id"]);
    const args = ["--project", gone, "--os-cloud", "fake", "--store", fx.storeFile, "--audit-file", fx.auditFile];
    expect(await cli(purgeCommand(), args)).toBe(EXIT.ok);
    expect(await fx.idOf("compute.server", "orphan")).toBeTruthy();
    expect(await cli(purgeCommand(), [...args, "--execute", "--yes"])).toBe(EXIT.ok);
    await expect(fx.idOf("compute.server", "orphan")).rejects.toThrow();
    expect(await fx.idOf("compute.server", "acme-web")).toBeTruthy();
  });
});

/** Plans against the store, then returns the file, the plan as written, and the ids of both servers. */
async function planned() {
  const file = join(fx.dir, "plan.json");
  const code = await cli(planCommand(), ["--os-cloud", "fake", "--grace", "0", "-o", file, "--store", fx.storeFile]);
  expect(code).toBe(EXIT.ok);
  const plan = JSON.parse(readFileSync(file, "utf8")) as Plan;
  const healthy = await fx.idOf("compute.server", "acme-web");
  const orphan = await fx.idOf("compute.server", "orphan");
  return { file, plan, healthy, orphan };
}

type Edit = (plan: Plan, ids: { healthy: string; orphan: string }) => Plan;

/** A second step like the first, on the healthy server; `forged`: citing a finding id made to match it. */
const addedStep =
  (forged: boolean): Edit =>
  (plan, { healthy }) => {
    const first = plan.steps[0]!;
    const fid = findingId("orphaned-resource", plan.cloud, plan.region, "compute.server", healthy);
    plan.steps.push({
      ...first,
      step: 2,
      call: `DELETE /servers/${healthy}`,
      target: { type: "compute.server", id: healthy },
      resource: { ...first.resource, id: healthy, name: "acme-web" },
      ...(forged ? { findingIds: [fid], findingResources: [{ type: "compute.server", id: healthy }] } : {}),
    });
    return plan;
  };

const CASES: [string, Edit, number, RegExp][] = [
  [
    "a step added for a healthy server, citing another finding's id",
    addedStep(false),
    EXIT.usage,
    /steps\[1\]\.resource: the step re-reads compute\.server .*, its first finding is about compute\.server/,
  ],
  [
    "a step added with a finding id forged to match",
    addedStep(true),
    EXIT.applyRefused,
    /is not the plan that was made/,
  ],
  [
    "a target swapped to the healthy server",
    (plan, { healthy }) => ((plan.steps[0]!.target.id = healthy), plan),
    EXIT.usage,
    /steps\[0\]\.target: server\.delete for the finding on compute\.server .* acts on compute\.server/,
  ],
  [
    "an edited call",
    (plan, { healthy }) => ((plan.steps[0]!.call = `DELETE /servers/${healthy}`), plan),
    EXIT.usage,
    /steps\[0\]\.call: server\.delete makes the call DELETE \/servers\/.*, not DELETE/,
  ],
  ["the plan's cloud renamed", (plan) => ({ ...plan, cloud: "other" }), EXIT.usage, /findingIds: .* is not a finding/],
  [
    "a precondition rewritten",
    (plan) => ((plan.steps[0]!.precondition.text = "anything"), plan),
    EXIT.applyRefused,
    /is not the plan that was made \(recorded sha256:[0-9a-f]{64}, this file sha256:[0-9a-f]{64}\)/,
  ],
];

// The reviewed plan is the executed plan: every way of changing plan.json after `plan` wrote it (a step added for a
// healthy server, an edited call, another cloud, a plan the store never saw) is refused before any call, and the
// healthy server survives. A re-indented but unchanged plan still runs.
describe("apply executes only the reviewed plan", () => {
  it.each(CASES)("refuses %s, and changes nothing", async (_what, edit, exit, message) => {
    const { file, plan, healthy, orphan } = await planned();
    writeFileSync(file, JSON.stringify(edit(structuredClone(plan), { healthy, orphan }), null, 2));
    const args = [file, "--execute", "--yes", "--grace", "0", "--store", fx.storeFile, "--audit-file", fx.auditFile];
    expect(await cli(applyCommand(), args)).toBe(exit);
    expect(stderr).toMatch(message);
    expect(await fx.record("compute.server", healthy)).not.toBeNull();
    expect(await fx.record("compute.server", orphan)).not.toBeNull();
    expect((await fx.requests()).filter((r) => r.method === "DELETE")).toEqual([]);
  });

  it("refuses --os-cloud naming another cloud than the plan's", async () => {
    const { file, orphan } = await planned();
    const args = [file, "--execute", "--yes", "--grace", "0", "--os-cloud", "other", "--store", fx.storeFile];
    expect(await cli(applyCommand(), args)).toBe(EXIT.applyRefused);
    expect(stderr).toContain("the plan was made for cloud fake, not other");
    expect(await fx.record("compute.server", orphan)).not.toBeNull();
  });

  it("refuses a plan the store never saw made", async () => {
    const { file, orphan } = await planned();
    const other = join(fx.dir, "other.sqlite");
    const args = [file, "--execute", "--yes", "--grace", "0", "--store", other, "--audit-file", fx.auditFile];
    expect(await cli(applyCommand(), args)).toBe(EXIT.applyRefused);
    expect(stderr).toMatch(/has no record of plan [0-9a-f-]+: apply runs only a plan that stacksweep plan/);
    expect(await fx.record("compute.server", orphan)).not.toBeNull();
  });

  it("prints the digest it recorded, and runs the same plan re-indented", async () => {
    const { file, plan, healthy, orphan } = await planned();
    expect(stderr).toMatch(/\(digest sha256:[0-9a-f]{64}\)/);
    writeFileSync(file, JSON.stringify(plan));
    const args = [file, "--execute", "--yes", "--grace", "0", "--store", fx.storeFile, "--audit-file", fx.auditFile];
    expect(await cli(applyCommand(), args)).toBe(EXIT.ok);
    expect(await fx.record("compute.server", orphan)).toBeNull();
    expect(await fx.record("compute.server", healthy)).not.toBeNull();
  });
});
