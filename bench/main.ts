// `npm run bench [-- --resources 10000,100000 --latency-ms 20 --json]`: scans generated fakeclouds of each size with
// the real CLI and sets what the scan cost against the physical limit (requests, critical path), then times the
// checks alone on a generated inventory. A benchmark, not a test: it prints figures and asserts nothing.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import Table from "cli-table3";
import { CHECKS } from "../src/checks/registry.ts";
import { apiOnlyChecks } from "../src/scan/deep-selection.ts";
import { neededTypes } from "../src/scan/scan-clouds.ts";
import { generateCloud } from "../src/cli/scenarios/generator.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import type { ResourceTypeId } from "../src/inventory/resource-type-id.ts";
import * as z from "zod";
import type { ChecksTiming } from "./checks-alone.ts";
import { runScan, type ScanRun } from "./run-scan.ts";
import { inSequence, scanCost, type ScanCost } from "./scan-cost.ts";

const checksTimingSchema: z.ZodType<ChecksTiming> = z.object({
  records: z.number(),
  checksMs: z.number(),
  findingsMs: z.number(),
  checksCpuMs: z.number(),
  findings: z.number(),
  inconclusive: z.number(),
  slowest: z.array(z.object({ check: z.string(), ms: z.number() })),
});

/**
 * The least wall time the CPU allows: the scanner and fakecloud share this machine's cores, so the CPU both spend
 * during the scan, spread over every core, is a bound no ordering of requests beats.
 */
function cpuFloorMs(scanCpuMs: number, serverCpuMs: number): number {
  return Math.round((scanCpuMs + serverCpuMs) / availableParallelism());
}

/**
 * The least wall time when each process runs on one thread, as both do (JavaScript): neither finishes before its own
 * CPU time, whatever the cores. Shown beside `cpuFloorMs`, never instead: it says how much of the gap to that floor
 * no ordering of requests can close.
 */
function threadFloorMs(scanCpuMs: number, serverCpuMs: number): number {
  return Math.max(scanCpuMs, serverCpuMs, cpuFloorMs(scanCpuMs, serverCpuMs));
}

/** The Session's default requests in flight per service: the scanner never goes beyond it, nor can the ideal. */
const SESSION_CONCURRENCY_PER_SERVICE = 8;

interface SizeFigures {
  resources: number;
  /** Regions of `resources` each, scanned in one run. */
  regions: number;
  requests: number;
  minRequests: number;
  wallMs: number;
  criticalPathMs: number;
  peakRssMb: number;
  checksMs: number;
}

function positiveIntegers(value: string): number[] {
  const numbers = value.split(",").map((item) => Number(item.trim()));
  if (numbers.some((number) => !Number.isInteger(number) || number < 1)) {
    throw new InvalidArgumentError(`expected positive integers separated by commas, got "${value}"`);
  }
  return numbers;
}

function nonNegativeInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected an integer of 0 or more, got "${value}"`);
  return number;
}

const program = new Command("bench")
  .description("scan cost against the physical limit, on generated fakeclouds")
  .option("--resources <sizes>", "cloud sizes, comma-separated", positiveIntegers, [10_000, 100_000])
  .option("--latency-ms <ms>", "fixed latency fakecloud adds to every request", nonNegativeInteger, 20)
  .option(
    "--checks-records <n>",
    "records of the inventory the checks are timed alone on (0: skip)",
    nonNegativeInteger,
    1_000_000,
  )
  .option(
    "--regions <n>",
    "regions of that size each, behind one Keystone, scanned with --all-regions",
    (value) => positiveIntegers(value)[0]!,
    1,
  )
  .option("--seed <n>", "generator seed", nonNegativeInteger, 1)
  .option(
    "--warmup <n>",
    "unmeasured scans first, so the cloud answers warm as a running one does (its caches and compiled code)",
    nonNegativeInteger,
    1,
  )
  .addOption(
    new Option("--cli <build>", "the CLI that scans: dist (compiled first, as shipped) or tsx (the sources)")
      .choices(["dist", "tsx"] as const)
      .default("dist" as const),
  )
  .option(
    "--scan-node-options <options>",
    "node options of the measured scanning process, space-separated (--cpu-prof --cpu-prof-dir=DIR, --trace-gc)",
    (value) => value.split(/\s+/).filter((option) => option !== ""),
    [] as string[],
  )
  .option(
    "--replay",
    "then save each size's inventory (--save-inventory, one more scan) and time replaying it (--from-inventory)",
  )
  .option("--json", "end with one line: a JSON array of one object per size")
  .option("--startup", "only the start-up of the CLI, against bare node (bench/startup.ts)")
  .option("--devcloud", "only the real devcloud: a full scan against an openstacksdk script (bench/devcloud.ts)")
  .option(
    "--ceph",
    "only the real single-node Ceph: the ceph source on generated pools, and the devcloud's scan with and without it (bench/ceph.ts)",
  )
  .option("--rounds <n>", "with --startup, --devcloud or --ceph: measured rounds", nonNegativeInteger, 5)
  .parse();
const options = program.opts();

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
const ratio = (value: number, limit: number): string => (limit > 0 ? `${(value / limit).toFixed(2)}×` : "-");
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

if (options.cli === "dist" || options.startup === true) await buildCli();
if (options.startup === true) {
  const { measureStartup, startupTable } = await import("./startup.ts");
  const loadBefore = load();
  const figures = await measureStartup({
    cliEntry: fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)),
    rounds: options.rounds,
  });
  process.stdout.write(
    `Start-up, ${options.rounds} rounds (load ${loadBefore} → ${load()})\n${startupTable(figures)}\n`,
  );
  if (options.json === true) process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
}
// The benchmarks of the real services (the devcloud, the single-node Ceph), each its own module.
if (options.devcloud === true || options.ceph === true) {
  const run =
    options.devcloud === true
      ? (await import("./devcloud.ts")).runDevcloudComparison
      : (await import("./ceph.ts")).runCephBench;
  process.exitCode = await run({ cli: options.cli, rounds: options.rounds, json: options.json === true, log });
  process.exit();
}

// The scan of a fakecloud runs the checks that read only the APIs (it has no source below them).
const types = neededTypes(apiOnlyChecks([...CHECKS.values()]));
const figures: SizeFigures[] = [];
const details: {
  size: number;
  generated: number;
  cost: ScanCost;
  run: ScanRun;
  byService: Record<string, number>;
  /** CPU time of this process (fakecloud's) during the scan. */
  serverCpuMs: number;
  load: string;
}[] = [];

const replays: string[] = [];

for (const size of options.resources) {
  const { cloud, generated } = await startGenerated(size);
  const scanArgs = options.regions > 1 ? ["--all-regions"] : [];
  try {
    const cost = inSequence(
      cloud.regions.map(({ state }) => {
        const listed = new Map<ResourceTypeId, Record<string, unknown>[]>();
        const records = (type: ResourceTypeId): Record<string, unknown>[] => {
          let values = listed.get(type);
          if (values === undefined) listed.set(type, (values = [...state.collection(type).values()]));
          return values;
        };
        return scanCost(types, records, { concurrencyPerService: SESSION_CONCURRENCY_PER_SERVICE });
      }),
    );
    const loadBefore = load();
    log(`${size}: scanning ${generated} resources (load ${loadBefore})`);
    // A production cloud has answered listings before: its API workers are warm. The scanner is always fresh.
    for (let round = 0; round < options.warmup; round++) await runScan(cloud, options.cli, scanArgs);
    cloud.requestLog.reset();
    // fakecloud answers in this process: its CPU time is the servers' share of the wall time.
    const serverCpu = process.cpuUsage();
    const run = await runScan(cloud, options.cli, scanArgs, options.scanNodeOptions);
    const serverCpuUsed = process.cpuUsage(serverCpu);
    const byService = Object.fromEntries(
      Object.entries(cloud.requestLog.counts())
        .filter(([service]) => service !== "control")
        .map(([service, counter]) => [service, counter.requests]),
    );
    if (run.exitCode !== 0 && run.exitCode !== 1) log(`${size}: the scan exited with ${String(run.exitCode)}`);
    for (const line of [...run.incomplete, ...run.otherStderr]) log(`${size}: ${line}`);
    figures.push({
      resources: size,
      regions: options.regions,
      requests: cloud.requestLog.total(),
      minRequests: cost.minRequests,
      wallMs: Math.round(run.scanMs),
      criticalPathMs: cost.criticalRounds * options.latencyMs,
      peakRssMb: run.peakRssMb,
      checksMs: run.checksMs,
    });
    details.push({
      size,
      generated,
      cost,
      run,
      byService,
      serverCpuMs: Math.round((serverCpuUsed.user + serverCpuUsed.system) / 1000),
      load: `${loadBefore} → ${load()}`,
    });
    if (options.replay === true) replays.push(await timeReplay(size, cloud, scanArgs, run.findings));
  } finally {
    await cloud.close();
  }
}

const scans = new Table({
  head: [
    "resources",
    "requests",
    "minimum",
    "ratio",
    "wall ms",
    "critical ms",
    "ratio",
    "CPU floor ms",
    "ratio",
    "thread floor ms",
    "ratio",
    "process ms",
    "peak RSS",
    "checks ms",
    "findings ms",
  ],
  style: { head: [], border: [] },
});
figures.forEach((figure, index) => {
  const detail = details[index]!;
  const floor = cpuFloorMs(detail.run.scanCpuMs, detail.serverCpuMs);
  const threadFloor = threadFloorMs(detail.run.scanCpuMs, detail.serverCpuMs);
  scans.push([
    `${figure.resources}${figure.regions > 1 ? ` × ${figure.regions} regions` : ""} (${detail.generated})`,
    figure.requests,
    figure.minRequests,
    ratio(figure.requests, figure.minRequests),
    figure.wallMs,
    figure.criticalPathMs,
    ratio(figure.wallMs, figure.criticalPathMs),
    floor,
    ratio(figure.wallMs, floor),
    threadFloor,
    ratio(figure.wallMs, threadFloor),
    detail.run.processMs,
    `${figure.peakRssMb} MB`,
    figure.checksMs,
    detail.run.findingsMs,
  ]);
});
process.stdout.write(
  `Scans at ${options.latencyMs} ms per request (seed ${options.seed}, CLI from ${options.cli})\n${scans.toString()}\n`,
);
for (const { size, cost, byService, run, serverCpuMs, load: during } of details) {
  const services = Object.keys({ ...byService, ...cost.minRequestsByService }).sort();
  const perService = services
    .map(
      (service) =>
        `${service} ${byService[service] ?? 0}/${cost.minRequestsByService[service as keyof typeof cost.minRequestsByService] ?? 0}`,
    )
    .join(", ");
  const bound =
    cost.criticalBound.kind === "chain"
      ? `chain of ${cost.criticalBound.type}`
      : `${cost.criticalBound.service} at ${SESSION_CONCURRENCY_PER_SERVICE} in flight`;
  process.stdout.write(
    `  ${size}: requests/minimum by service: ${perService}; ${cost.confirmations} confirmations; ` +
      `critical path ${cost.criticalRounds} requests (${bound}); listing ${run.listingMs} ms; ${run.findings} findings; ` +
      `CPU: scanner ${run.scanCpuMs} ms in the scan (${run.cpuMs} ms with start-up), fakecloud ${serverCpuMs} ms, ` +
      `${availableParallelism()} cores; scanner waiting for answers ${run.scanIdleMs} ms; load ${during}\n`,
  );
}

for (const line of replays) process.stdout.write(`${line}\n`);

if (options.checksRecords > 0) {
  const loadBefore = load();
  const timing = await checksAlone(options.checksRecords);
  process.stdout.write(
    `Checks alone on ${timing.records} generated records: runChecks ${timing.checksMs} ms (CPU ${timing.checksCpuMs} ms), ` +
      `findings ${timing.findingsMs} ms, ${timing.findings} findings; slowest: ` +
      `${timing.slowest.map(({ check, ms }) => `${check} ${ms} ms`).join(", ")}; load ${loadBefore} → ${load()}\n`,
  );
}
if (options.json === true) process.stdout.write(`${JSON.stringify(figures)}\n`);

/**
 * fakecloud seeded with the generated cloud of `size`, and how many resources that holds. The scenario is dropped
 * once seeded (fakecloud keeps records of its own): at 1M it is ≈ 100 MB more heap in the process that answers, whose
 * every garbage collection costs more the larger its heap.
 */
async function startGenerated(size: number): Promise<{ cloud: FakeCloud; generated: number }> {
  const { scenario, counts } = generateCloud({ resources: size, seed: options.seed, regions: options.regions });
  const cloud = await startFakeCloud({ scenario, latencyMs: options.latencyMs });
  return { cloud, generated: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/**
 * Saves the inventory of one more scan of `cloud`, then replays it with `--from-inventory` in a fresh process: the
 * offline scan an operator runs on a saved file, which holds every record at once and reads no answer.
 */
async function timeReplay(
  size: number,
  cloud: FakeCloud,
  scanArgs: readonly string[],
  findings: number,
): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), "stacksweep-bench-replay-"));
  try {
    const saved = join(directory, "inventory.json");
    const loadBefore = load();
    const saving = await runScan(cloud, options.cli, [...scanArgs, "--save-inventory", saved]);
    const bytes = (await stat(saved)).size;
    const replay = await runScan(cloud, options.cli, ["--from-inventory", saved]);
    if (replay.exitCode !== 0 && replay.exitCode !== 1)
      log(`${size}: the replay exited with ${String(replay.exitCode)}`);
    return (
      `  ${size}: replaying the saved inventory (${Math.round(bytes / 1e6)} MB): ${replay.processMs} ms, ` +
      `peak RSS ${replay.peakRssMb} MB, CPU ${replay.cpuMs} ms, ${replay.findings} findings (the scan: ${findings}); ` +
      `the scan that saved it peaked at ${saving.peakRssMb} MB; load ${loadBefore} → ${load()}`
    );
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** `npm run build` into dist/, so the scan runs what ships; type errors elsewhere do not stop tsc from emitting. */
async function buildCli(): Promise<void> {
  log("compiling the CLI into dist/ (the workspace packages first, then tsc -p tsconfig.build.json, then the bundle)");
  const repository = fileURLToPath(new URL("..", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  // The order of package.json's workspaces: a package builds after the ones it imports.
  for (const project of ["packages/names", "packages/fakecloud", "."]) {
    const child = spawn(process.execPath, [tsc, "-p", `${project}/tsconfig.build.json`], {
      cwd: repository,
      stdio: "ignore",
    });
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", () => resolve());
    });
  }
  if (!existsSync(`${repository}dist/cli/main.js`)) throw new Error("tsc wrote no dist/cli/main.js");
  // Then the command line is bundled over tsc's entry, as `npm run build` ships it.
  const bundle = spawn(process.execPath, ["scripts/bundle-cli.mjs"], { cwd: repository, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve, reject) => {
    bundle.once("error", reject);
    bundle.once("close", resolve);
  });
  if (code !== 0) throw new Error(`scripts/bundle-cli.mjs exited with ${String(code)}`);
}

/** Times the checks in a child process: a fresh heap, not this one with fakecloud's state in it. */
async function checksAlone(records: number): Promise<ChecksTiming> {
  const require = createRequire(import.meta.url);
  const entry = fileURLToPath(new URL("checks-alone-process.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=4096", "--import", pathToFileURL(require.resolve("tsx")).href, entry, String(records)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`the checks-alone process exited with ${String(code)}`);
  return checksTimingSchema.parse(JSON.parse(output));
}
