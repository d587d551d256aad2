// `stacksweep scan -f json` against the devcloud with a stacksweep.yaml of the test's own (the `deep:` sources it
// enables) and only the named checks: what the suites below the API assert on.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import * as z from "zod";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, openstackCliEnv } from "./devcloud.ts";
import { runCommand } from "./run-command.ts";

const deepScanSchema = z.object({
  findings: z.array(
    z.object({
      check: z.string(),
      severity: z.string(),
      summary: z.string(),
      resource: z.object({ type: z.string(), id: z.string() }),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
  inconclusive: z.array(z.object({ check: z.string(), reason: z.string() })),
});

export type DeepScan = z.infer<typeof deepScanSchema>;

export async function deepScan(settings: Record<string, unknown>, checks: readonly string[]): Promise<DeepScan> {
  const dir = mkdtempSync(join(tmpdir(), "stacksweep-deep-e2e-"));
  try {
    const config = join(dir, "stacksweep.yaml");
    writeFileSync(config, stringify(settings));
    const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
    const args = ["tsx", "src/cli/main.ts", "scan", "--os-cloud", DEVCLOUD_CLOUD, "--config", config];
    const result = await runCommand("npx", [...args, "--checks", checks.join(","), "-f", "json"], {
      env,
      timeoutMs: 300_000,
    });
    // 0: nothing at or above --fail-on; 1: findings; 4: some checks inconclusive or partial (what a suite may assert).
    if (![0, 1, 4].includes(result.code)) {
      throw new Error(`stacksweep scan exited ${result.code}:\n${result.stderr.slice(-3000)}`);
    }
    return deepScanSchema.parse(JSON.parse(result.stdout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
