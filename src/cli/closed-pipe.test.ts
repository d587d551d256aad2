import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";
import { EXIT } from "./exit-codes.ts";
import { runCli } from "./run-cli.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }, { name: "gone", deleted: true }],
  resources: {
    "compute.server": [{ name: "orphan", tenant_id: "@project/gone" }],
    // A volume of another project than the scanner's: Cinder's listing proves it spans projects.
    "block-storage.volume": [{ name: "acme-data", "os-vol-tenant-attr:tenant_id": "@project/acme" }],
    // And a share of it, Manila's.
    "shared-file-system.share": [{ name: "acme-files", project_id: "@project/acme" }],
  },
};

describe("a closed stdout pipe (`| head`)", () => {
  let fx: RemediationFixture;
  beforeEach(async () => {
    fx = await remediationFixture(SCENARIO);
  });
  afterEach(async () => {
    await fx.close();
  });

  it("ends a scan quietly with its own exit code, and --store still records it", async () => {
    const run = await runCli(["scan", "--os-cloud", "fake", "-f", "table", "--store", fx.storeFile], {
      env: fx.env,
      closeStdout: true,
    });
    expect(run.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toContain("1 new");
  });

  it("lets apply finish its audited steps instead of dying half-way", async () => {
    const plan = join(fx.dir, "plan.json");
    const store = ["--store", fx.storeFile];
    expect(
      (await runCli(["plan", "--os-cloud", "fake", "--grace", "0", "-o", plan, ...store], { env: fx.env })).code,
    ).toBe(EXIT.ok);
    const args = ["apply", plan, "--execute", "--yes", "--grace", "0", ...store, "--audit-file", fx.auditFile];
    const run = await runCli(args, { env: fx.env, closeStdout: true });
    expect(run.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(run.code).toBe(EXIT.ok);
    await expect(fx.idOf("compute.server", "orphan")).rejects.toThrow();
  });
});
