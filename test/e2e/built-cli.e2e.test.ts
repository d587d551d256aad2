// The command an operator installs: `npm run build` makes dist/ (tsc, then the esbuild bundle the package's `bin`
// points at), and that file must start and scan. The other suites run the CLI from source with tsx, which resolves
// paths and imports differently from the bundle's chunks: a bundle that cannot find its package.json, or a file it
// needs at run time (the ceph source's python program), fails only here.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import { runCommand } from "./support/run-command.ts";

const BIN = "dist/cli/main.js";

beforeAll(async () => {
  const built = await runCommand("npm", ["run", "build"], { timeoutMs: 600_000 });
  if (built.code !== 0) throw new Error(`npm run build failed (${built.code}):\n${built.stderr.slice(-3000)}`);
}, 660_000);

describe("the built stacksweep command", () => {
  test("prints the package's version", async () => {
    const { version } = z.object({ version: z.string() }).parse(JSON.parse(await readFile("package.json", "utf8")));
    const result = await runCommand("node", [BIN, "--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  test("ships the files it reads at run time beside the bundle", () => {
    expect(existsSync("dist/deep/ceph/rbd-inspect.py")).toBe(true);
  });

  test("scans the embedded demo cloud and reports its planted findings as JSON", async () => {
    const result = await runCommand("node", [BIN, "demo", "-f", "json"], { timeoutMs: 300_000 });
    expect(result.stderr).not.toMatch(/internal error|Cannot find module/i);
    const report = z
      .object({ findings: z.array(z.object({ check: z.string() })), inconclusive: z.array(z.unknown()) })
      .parse(JSON.parse(result.stdout));
    expect(report.findings.length).toBeGreaterThan(20);
    expect(new Set(report.findings.map((finding) => finding.check))).toContain("orphaned-resource");
  });
});
