// `stacksweep config validate` as an operator runs it: a real process, its stdout, stderr and exit code.

import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { testDirectory } from "../../test/support/test-directory.ts";

const run = promisify(execFile);
const MAIN = join(import.meta.dirname, "main.ts");
// tsx's loader by absolute path: the process runs in a temporary directory without node_modules.
const TSX = pathToFileURL(join(import.meta.dirname, "../../node_modules/tsx/dist/loader.mjs")).href;

async function stacksweep(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", TSX, MAIN, ...args], {
      cwd,
      // tsx finds tsconfig.json (its paths to the workspace packages' sources) from the working directory.
      env: {
        PATH: process.env.PATH ?? "",
        TSX_TSCONFIG_PATH: join(import.meta.dirname, "../../tsconfig.json"),
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("stacksweep config validate", () => {
  it("resolves the clouds stacksweep.yaml names, without printing secrets; a bad file exits 2 with one line", async () => {
    const dir = testDirectory("cli");
    writeFileSync(
      join(dir, "clouds.yaml"),
      "clouds:\n  prod:\n    auth:\n      auth_url: https://keystone.example.com/v3\n      username: admin\n      password: Hidden-Pa55\n      user_domain_name: Default\n      project_name: admin\n      project_domain_name: Default\n    region_name: RegionOne\n",
    );
    writeFileSync(join(dir, "stacksweep.yaml"), "clouds:\n  - cloud: prod\n");
    const ok = await stacksweep(["config", "validate"], { HOME: dir }, dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`stacksweep.yaml: ${join(dir, "stacksweep.yaml")}: valid`);
    expect(ok.stdout).toContain("cloud prod: valid (");
    expect(ok.stdout + ok.stderr).not.toContain("Hidden-Pa55");

    writeFileSync(join(dir, "stacksweep.yaml"), "clouds:\n  - cloud: prdo\n");
    const unknown = await stacksweep(["config", "validate"], { HOME: dir }, dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `stacksweep: ${join(dir, "clouds.yaml")}: clouds.prdo: no such cloud; known clouds: prod\n`,
    );

    const usage = await stacksweep(["config", "validate", "--no-such-option"], { HOME: dir }, dir);
    expect(usage.code).toBe(2);
  }, 120_000);
});
