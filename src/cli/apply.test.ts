import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Scenario } from "../fakecloud/seeding/scenario.ts";
import { readPlan } from "../remediation/plan-file.ts";
import { remediationFixture, type RemediationFixture } from "../remediation/testing/remediation-fixture.ts";
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
