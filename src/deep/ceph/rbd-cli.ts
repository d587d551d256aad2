// Runs `rbd` for the ceph source: without a shell (execFile), only the read-only subcommands below, each with
// `--format json`, a deadline and a bounded number at once. An error is one line naming the command and what failed.
import { execFile } from "node:child_process";
import pLimit from "p-limit";
import type { CephSettings } from "./settings.ts";

/** The subcommands the source may run: each only reads (they work as a client with `profile rbd-read-only`). */
export const READ_ONLY_SUBCOMMANDS = ["ls", "info", "status", "du", "snap ls", "trash ls", "children"] as const;

export type RbdSubcommand = (typeof READ_ONLY_SUBCOMMANDS)[number];

export class RbdError extends Error {
  override readonly name = "RbdError";
  /** Ceph's errno when the command said one ("(2) No such file or directory" → 2). */
  readonly errno: number | null;
  constructor(message: string, errno: number | null) {
    super(message);
    this.errno = errno;
  }
}

export class RbdCli {
  readonly #settings: CephSettings;
  readonly #limit: ReturnType<typeof pLimit>;
  #commands = 0;

  constructor(settings: CephSettings) {
    this.#settings = settings;
    this.#limit = pLimit(settings.concurrency);
  }

  /** How many commands were started so far. */
  get commands(): number {
    return this.#commands;
  }

  /** Runs `rbd <subcommand> --format json <args>` and parses its JSON answer. */
  run(subcommand: RbdSubcommand, args: readonly string[]): Promise<unknown> {
    if (!(READ_ONLY_SUBCOMMANDS as readonly string[]).includes(subcommand)) {
      return Promise.reject(new Error(`rbd ${subcommand} is not a read-only subcommand the ceph source may run`));
    }
    this.#commands += 1;
    return this.#limit(() => execRbd(this.#settings, subcommand, args, { json: true }));
  }
}

/**
 * Runs `rbd <subcommand> <args>` without a shell, with the cluster options of `settings`, a deadline and one clear
 * line on failure; with `json`, asks for `--format json` and parses the answer. Callers hold the allowlist: the
 * source's read-only one above, remediation's own write one (src/remediation/rbd-images.ts).
 */
export function execRbd(
  settings: CephSettings,
  subcommand: string,
  args: readonly string[],
  options: { json: boolean },
): Promise<unknown> {
  const { conf, id, keyring, rbd, timeoutSeconds } = settings;
  const argv = [
    ...(conf === undefined ? [] : ["--conf", conf]),
    ...(id === undefined ? [] : ["--id", id]),
    ...(keyring === undefined ? [] : ["--keyring", keyring]),
    // A wrong key or an unreachable monitor would otherwise keep the client retrying for 300 s.
    "--client-mount-timeout",
    String(timeoutSeconds),
    ...subcommand.split(" "),
    ...(options.json ? ["--format", "json"] : []),
    ...args,
  ];
  const shown = `rbd ${subcommand} ${args.join(" ")}`;
  return new Promise((resolve, reject) => {
    execFile(
      rbd,
      argv,
      {
        timeout: timeoutSeconds * 1000,
        killSignal: "SIGKILL",
        maxBuffer: 512 * 1024 * 1024,
        // rbd prints times in the local zone without saying which: UTC makes them readable.
        env: { ...process.env, TZ: "UTC" },
      },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(failure(shown, rbd, timeoutSeconds, error, stderr));
          return;
        }
        if (!options.json) {
          resolve(null);
          return;
        }
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new RbdError(`${shown}: the answer is not JSON: ${firstLine(stdout)}`, null));
        }
      },
    );
  });
}

function failure(
  shown: string,
  rbd: string,
  timeoutSeconds: number,
  error: { code?: string | number | null | undefined; killed?: boolean | undefined },
  stderr: string,
): RbdError {
  if (error.code === "ENOENT") {
    return new RbdError(`the rbd command (${rbd}) is not installed or not on PATH: install ceph-common`, null);
  }
  if (error.killed === true) return new RbdError(`${shown}: no answer within ${timeoutSeconds} s`, null);
  const line = meaningfulLine(stderr) ?? `exit ${String(error.code)}`;
  const errno = /\((\d+)\)/.exec(line);
  return new RbdError(`${shown}: ${line}`, errno === null ? null : Number(errno[1]));
}

/**
 * What stderr says failed: rbd's own lines ("rbd: ..."), and when it could not connect, the reason Ceph logged before
 * them ("2026-12-03T09:48:12.630+0000 7f0e65c331c0 -1 auth: unable to find a keyring on ...").
 */
function meaningfulLine(stderr: string): string | null {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const own = lines.filter((line) => line.startsWith("rbd: ")).map((line) => line.slice("rbd: ".length));
  const logged = lines
    .filter((line) => !line.startsWith("rbd: "))
    .map((line) => line.replace(/^\S+\s+[0-9a-f]+\s+-?\d+\s+/, ""));
  if (own.length === 0) return logged.at(-1) ?? null;
  const cause = own.some((line) => line.startsWith("couldn't connect")) ? logged[0] : undefined;
  return [...own, ...(cause === undefined ? [] : [cause])].join("; ");
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
