// `stacksweep scan -f json` of the whole devcloud, run from source as an operator runs the command: the suites read
// the report it prints.
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, openstackCliEnv } from "./devcloud.ts";
import { runCommand } from "./run-command.ts";

export async function scanDevcloud(): Promise<unknown> {
  const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
  const result = await runCommand(
    "npx",
    ["tsx", "src/cli/main.ts", "scan", "--os-cloud", DEVCLOUD_CLOUD, "-f", "json"],
    {
      env,
      timeoutMs: 300_000,
    },
  );
  // 0: no finding at or above --fail-on (none given); 1: findings. Anything else is a failed scan.
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`stacksweep scan exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  }
  return JSON.parse(result.stdout) as unknown;
}
