// Runs the real CLI (`stacksweep scan -f json`) in a fresh process against a running fakecloud, through a
// clouds.yaml as an operator would, and measures it from outside: wall time, peak RSS and CPU time (GNU time), and
// the timings the scan logs.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as z from "zod";
import { cloudsYaml } from "../src/cli/fakecloud.ts";
import type { FakeCloud } from "@stacksweep/fakecloud";

export interface ScanRun {
  exitCode: number | null;
  /** From spawning the process to its exit: Node start and module loading included. */
  processMs: number;
  /** The scan as it logs it: from the first token request to the findings (`scan finished`). */
  scanMs: number;
  /** CPU time of the scanning process over `scanMs` (start-up and writing the report left out). */
  scanCpuMs: number;
  /** Time its event loop sat waiting for answers over `scanMs`: the wall time the scanner did not use. */
  scanIdleMs: number;
  /** Authentication, listing and confirmations: the scan result's `durationMs`. */
  listingMs: number;
  /** `runChecks` and building findings, as the scan logs them (`checks ran`). */
  checksMs: number;
  findingsMs: number;
  peakRssMb: number;
  /** CPU time of the scanning process, user and system, start-up included. */
  cpuMs: number;
  findings: number;
  /** Listings that were not complete, as "type: status (reason)": a complete scan has none. */
  incomplete: string[];
  /** stderr lines that are neither progress nor the timing lines, for a failed run. */
  otherStderr: string[];
}

const resultSchema = z.looseObject({
  durationMs: z.number(),
  findings: z.array(z.unknown()),
  coverage: z.array(
    z.looseObject({ type: z.string(), coverage: z.looseObject({ status: z.string(), reason: z.string().optional() }) }),
  ),
});
const logLine = z.looseObject({ msg: z.string() });
const checksLine = z.looseObject({ msg: z.literal("checks ran"), checksMs: z.number(), findingsMs: z.number() });
const finishedLine = z.looseObject({
  msg: z.literal("scan finished"),
  totalMs: z.number(),
  cpuMs: z.number(),
  idleMs: z.number(),
});

const repository = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/** Which build of the CLI runs: the compiled one that ships (`dist/`), or the sources through tsx. */
export type CliBuild = "dist" | "tsx";

/** GNU time's own path: the shell builtin `time` cannot report peak memory. */
const GNU_TIME = "/usr/bin/time";

/**
 * `scanArgs`: more arguments of `stacksweep scan` (`--all-regions`); `nodeArgs`: options of the scanning process's
 * node (`--cpu-prof`, `--trace-gc`), to see where its time goes.
 */
export async function runScan(
  cloud: FakeCloud,
  build: CliBuild,
  scanArgs: readonly string[] = [],
  nodeArgs: readonly string[] = [],
): Promise<ScanRun> {
  const directory = await mkdtemp(join(tmpdir(), "stacksweep-bench-"));
  try {
    const cloudsFile = join(directory, "clouds.yaml");
    const resultFile = join(directory, "result.json");
    const usageFile = join(directory, "usage.txt");
    // It holds the fakecloud's admin password: readable by this user only, removed afterwards.
    await writeFile(cloudsFile, cloudsYaml(cloud), { mode: 0o600 });
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith("OS_") && !key.startsWith("STACKSWEEP_")),
    );
    Object.assign(env, {
      OS_CLIENT_CONFIG_FILE: cloudsFile,
      OS_CLOUD: "fakecloud",
      // Only the timing lines: warnings still show, every request is not logged.
      STACKSWEEP_LOG_LEVEL: "info",
      // No stacksweep.yaml of this user or this checkout changes what is scanned.
      XDG_CONFIG_HOME: directory,
    });
    const cli =
      build === "dist"
        ? [join(repository, "dist", "cli", "main.js")]
        : ["--import", pathToFileURL(require.resolve("tsx")).href, join(repository, "src", "cli", "main.ts")];
    const scan = [process.execPath, ...nodeArgs, ...cli, "scan", "-f", "json", "-o", resultFile, ...scanArgs];
    // Peak RSS in KiB, then user and system CPU seconds, of the scanning process.
    const timed = existsSync(GNU_TIME);
    const [command, ...args] = timed ? [GNU_TIME, "-f", "%M %U %S", "-o", usageFile, ...scan] : scan;
    const started = performance.now();
    const child = spawn(command!, args, { cwd: directory, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (stderr += chunk));
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code));
    });
    const processMs = performance.now() - started;

    let checksMs = 0;
    let findingsMs = 0;
    let scanMs = Number.NaN;
    let scanCpuMs = Number.NaN;
    let scanIdleMs = Number.NaN;
    const otherStderr: string[] = [];
    for (const line of stderr.split("\n")) {
      if (line.trim() === "" || line.startsWith("stacksweep: ")) continue;
      const parsed = parseJson(line);
      const checks = checksLine.safeParse(parsed);
      const finished = finishedLine.safeParse(parsed);
      if (checks.success) {
        checksMs += checks.data.checksMs;
        findingsMs += checks.data.findingsMs;
      } else if (finished.success) {
        scanMs = finished.data.totalMs;
        scanCpuMs = finished.data.cpuMs;
        scanIdleMs = finished.data.idleMs;
      } else if (!logLine.safeParse(parsed).success || !line.includes('"level":30')) {
        otherStderr.push(line);
      }
    }
    const result = resultSchema.safeParse(parseJson(await readFile(resultFile, "utf8").catch(() => "")));
    const [rssKib, userSeconds, systemSeconds] = (await readFile(usageFile, "utf8").catch(() => ""))
      .trim()
      .split(/\s+/)
      .slice(-3)
      .map(Number);
    return {
      exitCode,
      processMs: Math.round(processMs),
      scanMs,
      scanCpuMs,
      scanIdleMs,
      listingMs: result.success ? result.data.durationMs : Number.NaN,
      checksMs,
      findingsMs,
      peakRssMb: Math.round((rssKib ?? Number.NaN) / 1024),
      cpuMs: Math.round(((userSeconds ?? Number.NaN) + (systemSeconds ?? Number.NaN)) * 1000),
      findings: result.success ? result.data.findings.length : 0,
      incomplete: result.success
        ? result.data.coverage
            .filter(({ coverage }) => coverage.status !== "complete")
            .map(({ type, coverage }) => `${type}: ${coverage.status} (${coverage.reason ?? ""})`)
        : ["the scan wrote no result"],
      otherStderr,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
