// `npm run bench -- --startup`: how long the CLI takes to start, against a bare `node -e 0` on the same machine.
// Each round runs every command once, in turn, so that a change of load touches them all alike; a command's figure is
// its median over the rounds, set against the median of bare node. The scan's figure is the time from spawning it to
// its first request reaching fakecloud: everything an operator waits for before the cloud hears of the scan.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Table from "cli-table3";
import { cloudsYaml } from "../src/cli/fakecloud.ts";
import { generateCloud } from "../src/cli/scenarios/generator.ts";
import { startFakeCloud } from "@stacksweep/fakecloud";

export interface StartupFigures {
  command: string;
  /** Wall times of each round, from spawning the process to its exit (ms). */
  wallMs: number[];
  /** User and system CPU of each round (ms), from GNU time. */
  cpuMs: number[];
  /** scan only: from spawning the process to its first request reaching the cloud (ms). */
  firstRequestMs?: number[];
}

/** GNU time's own path: the shell builtin cannot report a process's CPU time. */
const GNU_TIME = "/usr/bin/time";

interface Run {
  wallMs: number;
  cpuMs: number;
}

async function timed(argv: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Run> {
  const usageFile = join(options.cwd, "usage.txt");
  const gnuTime = existsSync(GNU_TIME);
  const [command, ...args] = gnuTime ? [GNU_TIME, "-f", "%U %S", "-o", usageFile, ...argv] : argv;
  const started = performance.now();
  const child = spawn(command!, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  const wallMs = performance.now() - started;
  // 0 and 1 (findings) are both a scan that ran; anything else is a broken measurement.
  if (code !== 0 && code !== 1) throw new Error(`${argv.join(" ")} exited with ${String(code)}: ${stderr.trim()}`);
  const [user, system] = gnuTime ? (await readFile(usageFile, "utf8")).trim().split(/\s+/).slice(-2).map(Number) : [];
  return { wallMs, cpuMs: ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000 };
}

export async function measureStartup(options: { cliEntry: string; rounds: number }): Promise<StartupFigures[]> {
  const directory = await mkdtemp(join(tmpdir(), "stacksweep-startup-"));
  // A cloud of a few hundred resources: the scan is short, its first request is what is measured.
  const cloud = await startFakeCloud({ scenario: generateCloud({ resources: 300, seed: 1 }).scenario });
  try {
    const cloudsFile = join(directory, "clouds.yaml");
    await writeFile(cloudsFile, cloudsYaml(cloud), { mode: 0o600 });
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith("OS_") && !key.startsWith("STACKSWEEP_")),
    );
    Object.assign(env, { OS_CLIENT_CONFIG_FILE: cloudsFile, OS_CLOUD: "fakecloud", XDG_CONFIG_HOME: directory });
    const node = process.execPath;
    const commands: { command: string; argv: string[] }[] = [
      { command: "node -e 0 (bare)", argv: [node, "-e", "0"] },
      { command: "stacksweep --version", argv: [node, options.cliEntry, "--version"] },
      { command: "stacksweep checks", argv: [node, options.cliEntry, "checks"] },
      { command: "stacksweep config validate", argv: [node, options.cliEntry, "config", "validate"] },
      { command: "stacksweep scan", argv: [node, options.cliEntry, "scan", "-f", "json", "-o", "result.json"] },
    ];
    const figures: StartupFigures[] = commands.map(({ command }) => ({ command, wallMs: [], cpuMs: [] }));
    const scanFigures = figures.at(-1)!;
    scanFigures.firstRequestMs = [];
    // Unmeasured: the file system cache holds node_modules and dist/ afterwards, as on a machine that scans nightly.
    for (const { argv } of commands) await timed(argv, { cwd: directory, env });
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, { argv }] of commands.entries()) {
        cloud.requestLog.reset();
        const spawnedAt = Date.now();
        const run = await timed(argv, { cwd: directory, env });
        figures[index]!.wallMs.push(run.wallMs);
        figures[index]!.cpuMs.push(run.cpuMs);
        if (figures[index] === scanFigures) {
          // A log entry is written when the answer leaves, `ms` after the request arrived.
          const arrivals = cloud.requestLog
            .list()
            .filter((entry) => entry.service !== "control")
            .map((entry) => Date.parse(entry.at) - entry.ms);
          if (arrivals.length === 0) throw new Error("the scan made no request");
          scanFigures.firstRequestMs.push(Math.min(...arrivals) - spawnedAt);
        }
      }
    }
    return figures;
  } finally {
    await cloud.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const range = (values: readonly number[]): string =>
  `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

/** The table `--startup` prints: medians and ranges, each set against bare node's median. */
export function startupTable(figures: readonly StartupFigures[]): string {
  const bare = figures[0]!;
  const table = new Table({
    head: ["command", "wall ms (median)", "range", "× bare node", "CPU ms (median)", "× bare node", "first request ms"],
    style: { head: [], border: [] },
  });
  for (const figure of figures) {
    table.push([
      figure.command,
      Math.round(median(figure.wallMs)),
      range(figure.wallMs),
      `${(median(figure.wallMs) / median(bare.wallMs)).toFixed(2)}×`,
      Math.round(median(figure.cpuMs)),
      `${(median(figure.cpuMs) / median(bare.cpuMs)).toFixed(2)}×`,
      figure.firstRequestMs === undefined
        ? ""
        : `${Math.round(median(figure.firstRequestMs))} (${range(figure.firstRequestMs)})`,
    ]);
  }
  return table.toString();
}
