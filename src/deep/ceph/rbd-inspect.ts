// Runs rbd-inspect.py (beside this file; the build copies it beside the bundle too): one process that connects to
// the cluster once and opens every candidate image of a pool read-only with librbd, instead of two to four `rbd`
// processes per image. Without a shell (execFile), with a deadline of inactivity (it answers image by image, so a pool
// with many candidates is not cut short while it progresses) and one clear line on failure.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as z from "zod";
import { RbdError } from "./rbd-cli.ts";
import type { CephSettings } from "./settings.ts";

/** Where rbd-inspect.py is: beside this module (sources, tsc's dist/deep/ceph), or from the bundle's dist/cli. */
const PROGRAM = [new URL("./rbd-inspect.py", import.meta.url), new URL("../deep/ceph/rbd-inspect.py", import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((path) => existsSync(path));

/** The Python cannot read RBD at all (not installed, or without python3-rbd): "auto" then falls back to `rbd`. */
export class InspectorUnavailable extends RbdError {}

const snapshots = z.array(z.strictObject({ name: z.string(), protected: z.boolean() }));
const parent = z.strictObject({ pool: z.string(), namespace: z.string(), image: z.string(), snapshot: z.string() });

/** One line of rbd-inspect.py's answer. */
const answerLine = z.union([
  z.strictObject({ image: z.string(), gone: z.literal(true) }),
  z.strictObject({
    image: z.string(),
    size: z.number(),
    /** Seconds since the epoch. */
    created_at: z.number().nullable(),
    features: z.array(z.string()),
    watchers: z.number(),
    parent: parent.nullable(),
    snapshots,
    used_size: z.number().nullable(),
  }),
  z.strictObject({ snapshots_of: z.string(), gone: z.literal(true) }),
  z.strictObject({ snapshots_of: z.string(), snapshots }),
  z.strictObject({ children_of: parent, gone: z.literal(true) }),
  z.strictObject({
    children_of: parent,
    clones: z.array(z.strictObject({ pool: z.string(), namespace: z.string(), image: z.string(), trash: z.boolean() })),
  }),
  z.strictObject({ done: z.literal(true) }),
]);

export type InspectAnswer = z.infer<typeof answerLine>;
export type RbdParent = z.infer<typeof parent>;

export interface InspectRequest {
  pool: string;
  /** Images read in full: size, creation, features, watchers, parent, snapshots, used bytes. */
  open: readonly string[];
  /** Images whose snapshots alone are wanted. */
  snapshots: readonly string[];
  used: boolean;
}

/** Runs rbd-inspect.py for one pool; its answers, every line checked. */
export function inspectPool(settings: CephSettings, request: InspectRequest): Promise<InspectAnswer[]> {
  const { conf, id, keyring, python, timeoutSeconds, concurrency } = settings;
  const shown = `python3-rbd inspection of pool ${request.pool}`;
  if (PROGRAM === undefined) {
    return Promise.reject(new InspectorUnavailable(`${shown}: rbd-inspect.py is missing from the installation`, null));
  }
  return new Promise((resolve, reject) => {
    let silent = false;
    const child = execFile(
      python,
      [PROGRAM],
      {
        killSignal: "SIGKILL",
        maxBuffer: 512 * 1024 * 1024,
        // python3-rbd may give times in the local zone: UTC makes them the epoch's.
        env: { ...process.env, TZ: "UTC" },
      },
      (error, stdout, stderr) => {
        clearTimeout(deadline);
        if (error !== null) {
          const code = (error as { code?: unknown }).code;
          if (code === "ENOENT") {
            reject(new InspectorUnavailable(`${shown}: ${python} is not installed`, null));
          } else if (silent) {
            reject(new RbdError(`${shown}: no answer within ${timeoutSeconds} s`, null));
          } else if (code === 3) {
            reject(new InspectorUnavailable(`${shown}: ${lastLine(stderr) ?? "python3-rbd is missing"}`, null));
          } else {
            reject(new RbdError(`${shown}: ${lastLine(stderr) ?? `exit ${String(code)}`}`, null));
          }
          return;
        }
        try {
          resolve(parseAnswers(stdout));
        } catch (failure) {
          reject(new RbdError(`${shown}: ${(failure as Error).message}`, null));
        }
      },
    );
    const stop = (): void => {
      silent = true;
      child.kill("SIGKILL");
    };
    let deadline = setTimeout(stop, timeoutSeconds * 1000);
    child.stdout?.on("data", () => {
      clearTimeout(deadline);
      deadline = setTimeout(stop, timeoutSeconds * 1000);
    });
    // The request holds the keyring's path, never a key, and goes on stdin: nothing of it shows in a process list.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(
      JSON.stringify({
        conf: conf ?? null,
        id: id ?? null,
        keyring: keyring ?? null,
        timeout: timeoutSeconds,
        threads: concurrency,
        pool: request.pool,
        open: request.open,
        snapshots: request.snapshots,
        used: request.used,
      }),
    );
  });
}

function parseAnswers(stdout: string): InspectAnswer[] {
  const answers: InspectAnswer[] = [];
  for (const line of stdout.split("\n")) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`an answer that is not JSON: ${line.slice(0, 200)}`);
    }
    const parsed = answerLine.safeParse(value);
    if (!parsed.success) throw new Error(`an answer of unexpected shape: ${line.slice(0, 200)}`);
    answers.push(parsed.data);
  }
  // Without its last line, the answer may lack images: never read a partial answer as a whole one.
  if (!answers.some((answer) => "done" in answer)) throw new Error("the answer ended before it was complete");
  return answers;
}

function lastLine(stderr: string): string | undefined {
  return stderr
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .at(-1);
}
