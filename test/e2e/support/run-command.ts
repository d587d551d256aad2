// Runs a command to completion with a deadline, capturing its output: the e2e suites drive the real `openstack` CLI,
// `mariadb` and `stacksweep` this way.
import { execFile } from "node:child_process";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  input?: string;
}

/** Never rejects on a non-zero exit (callers assert on `code`); rejects only when the command cannot run or times out. */
export function runCommand(command: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: options.env ?? process.env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        if (error && error.killed) {
          reject(new Error(`${command} ${args.join(" ")} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
          return;
        }
        if (error && typeof error.code !== "number") {
          reject(new Error(`${command} could not run: ${error.message}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
