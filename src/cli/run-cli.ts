// For the command-line tests: runs `stacksweep` as a user would (a child process, stdout a pipe), against a
// fakecloud of the test when given, and returns what it printed and its exit code.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FakeCloud } from "@stacksweep/fakecloud";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function runCli(
  args: readonly string[],
  options: {
    cloud?: FakeCloud;
    env?: NodeJS.ProcessEnv;
    /** Close the reading end of stdout at once, as `| head` does once it has its lines. */
    closeStdout?: boolean;
  } = {},
): Promise<CliRun> {
  // Nothing of the developer's own cloud or terminal settings may leak into the run.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith("OS_") && name !== "FORCE_COLOR"),
  );
  const env = {
    ...inherited,
    ...(options.cloud === undefined ? {} : fakeCloudEnvironment(options.cloud.cloudsYamlEntry())),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    if (options.closeStdout === true) child.stdout.destroy();
    else child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
