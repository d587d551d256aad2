// `npm run bench -- --ceph [--rounds 3]`: the ceph source on the real single-node Ceph of test/e2e/ceph/up.sh, in a
// pool of its own (`stacksweep-bench-<pid>`, removed afterwards) holding 100 images named as Nova names disks of
// servers that do not exist.
// 1. When the devcloud is up too: a full scan with and without `--deep ceph` (that pool as the vms pool, the others
//    as the devcloud's Cinder and Glance use them), alternating, for `--rounds` rounds: what the source adds to a scan.
//    First, while the cluster is quiet: removing a pool of 10,000 images keeps its OSD busy for a while.
// 2. The pool grown to 1,000 then 10,000 images, the rest of servers that do exist: one listing each way of opening
//    the candidates (python3-rbd, the rbd commands), with and without used bytes: wall time, commands by kind, CPU of
//    the child processes.
// A benchmark, not a test: it prints figures and asserts nothing.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import Table from "cli-table3";
import * as z from "zod";
import { CephSource } from "../src/deep/ceph/open.ts";
import { RbdCli, type RbdSubcommand } from "../src/deep/ceph/rbd-cli.ts";
import { cephSettingsSchema, type CephSettings } from "../src/deep/ceph/settings.ts";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, DEVCLOUD_STATE } from "../test/e2e/support/devcloud.ts";
import { cliArgs, timedRun, type RealServicesBench } from "./devcloud.ts";
import { median } from "./startup.ts";

const STATE = process.env.STACKSWEEP_CEPH_STATE ?? "/var/lib/stacksweep-ceph";
const CONF = join(STATE, "ceph.conf");
const ORPHANS = 100;
const SIZES = [1_000, 10_000];

/** Counts each subcommand the source runs, for the figures. */
class CountingCli extends RbdCli {
  readonly counts = new Map<string, number>();
  override run(subcommand: RbdSubcommand, args: readonly string[]): Promise<unknown> {
    this.counts.set(subcommand, (this.counts.get(subcommand) ?? 0) + 1);
    return super.run(subcommand, args);
  }
}

/** CPU seconds of the waited-for children of this process so far (cutime + cstime of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // After "pid (comm) ", cutime and cstime are fields 14 and 15 (0-based from the state field), in clock ticks.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const scanSchema = z.looseObject({
  findings: z.array(z.looseObject({ check: z.string(), resource: z.looseObject({ id: z.string() }) })),
  coverage: z.array(z.looseObject({ type: z.string(), coverage: z.looseObject({ via: z.string().optional() }) })),
});

interface PoolFigures {
  images: number;
  inspect: CephSettings["inspect"];
  usedBytes: boolean;
  wallMs: number;
  commands: number;
  byKind: string;
  childCpuS: number;
  opened: number;
  via: string;
  load: string;
}

export async function runCephBench(options: RealServicesBench): Promise<number> {
  const { log } = options;
  if (!existsSync(CONF)) {
    log(`no Ceph: ${CONF} is missing; start it with test/e2e/ceph/up.sh`);
    return 2;
  }
  // A pool of its own each run: two measurements at once never remove the pool under each other.
  const pool = `stacksweep-bench-${process.pid}`;
  const ceph = (...args: string[]): string => execFileSync("ceph", ["--conf", CONF, ...args], { encoding: "utf8" });
  ceph("osd", "pool", "create", pool, "8", "8", "replicated");
  let scans: ScanFigures | null = null;
  let pools: PoolFigures[];
  try {
    execFileSync("rbd", ["--conf", CONF, "pool", "init", pool]);
    const orphans = Array.from({ length: ORPHANS }, () => randomUUID());
    createImages(
      pool,
      orphans.map((uuid) => `${uuid}_disk`),
    );
    if (existsSync(DEVCLOUD_CLOUDS_YAML)) scans = await compareScans(options, pool);
    else log(`no devcloud (${DEVCLOUD_CLOUDS_YAML}): the scan with and without --deep ceph is skipped`);
    pools = await measurePools(pool, log);
  } finally {
    ceph("osd", "pool", "rm", pool, pool, "--yes-i-really-really-mean-it");
  }
  const table = new Table({
    head: ["images", "opened with", "usedBytes", "wall s", "commands", "by kind", "child CPU s", "load"],
    style: { head: [], border: [] },
  });
  for (const row of pools) {
    table.push([
      row.images.toLocaleString("en"),
      row.via,
      String(row.usedBytes),
      (row.wallMs / 1000).toFixed(2),
      row.commands,
      row.byKind,
      row.childCpuS.toFixed(1),
      row.load,
    ]);
  }
  process.stdout.write(
    `The ceph source on one pool of generated Nova disks, ${ORPHANS} of no listed server (one listing each)\n` +
      `${table.toString()}\n`,
  );
  if (options.json) process.stdout.write(`${JSON.stringify({ pools, scans })}\n`);
  return 0;
}

/** Grows `pool` (its orphans already made) to each size with disks of servers that exist, and lists it each way. */
async function measurePools(pool: string, log: (line: string) => void): Promise<PoolFigures[]> {
  const figures: PoolFigures[] = [];
  const servers: string[] = [];
  for (const total of SIZES) {
    const newServers = Array.from({ length: total - ORPHANS - servers.length }, () => randomUUID());
    servers.push(...newServers);
    log(`creating ${newServers.length} more images in ${pool}`);
    createImages(
      pool,
      newServers.map((uuid) => `${uuid}_disk`),
    );
    for (const inspect of ["python3-rbd", "rbd"] as const) {
      for (const usedBytes of [false, true]) {
        const settings = cephSettingsSchema.parse({
          conf: CONF,
          id: "stacksweep",
          pools: { vms: pool },
          usedBytes,
          inspect,
        });
        const cli = new CountingCli(settings);
        const source = new CephSource(settings, cli);
        const loadBefore = loadavg()[0]!.toFixed(1);
        const cpuBefore = childrenCpuSeconds();
        const started = performance.now();
        const listing = await source.list("compute.rbd-image", {
          cloud: "bench",
          region: "bench",
          inputs: new Map([["compute.server", servers.map((id) => ({ id }))]]),
        });
        const row: PoolFigures = {
          images: total,
          inspect,
          usedBytes,
          wallMs: performance.now() - started,
          commands: listing.requests,
          byKind: [
            ...[...cli.counts].map(([subcommand, count]) => `${subcommand} ${count}`),
            ...(listing.via === "python3-rbd" ? ["python3 1"] : []),
          ].join(", "),
          childCpuS: childrenCpuSeconds() - cpuBefore,
          opened: listing.records.filter((record) => record.opened === true).length,
          via: listing.via ?? "-",
          load: `${loadBefore} → ${loadavg()[0]!.toFixed(1)}`,
        };
        figures.push(row);
        log(
          `${total} images, ${inspect}, usedBytes ${usedBytes}: ${(row.wallMs / 1000).toFixed(2)} s, ` +
            `${row.commands} commands (${row.byKind}), child CPU ${row.childCpuS.toFixed(1)} s, ${row.opened} opened`,
        );
      }
    }
  }
  return figures;
}

/** Creates the images with python3-rbd's thread pool (librbd releases the GIL while it waits), as the admin. */
function createImages(pool: string, names: string[]): void {
  execFileSync(
    "/usr/bin/python3",
    [
      "-c",
      [
        "import sys, rados, rbd",
        "from concurrent.futures import ThreadPoolExecutor",
        "c = rados.Rados(conffile=sys.argv[1], name='client.admin'); c.connect(); io = c.open_ioctx(sys.argv[2])",
        "names = sys.stdin.read().split()",
        "with ThreadPoolExecutor(8) as ex: list(ex.map(lambda n: rbd.RBD().create(io, n, 1 << 20), names))",
        "io.close(); c.shutdown()",
      ].join("\n"),
      CONF,
      pool,
    ],
    { input: names.join("\n"), stdio: ["pipe", "inherit", "inherit"] },
  );
}

interface ScanFigures {
  /** How the warm-up scan with the source opened the bench pool's orphans, and how many it reported. */
  vmsVia: string;
  orphansFound: number;
  withoutMs: number;
  withMs: number;
  rounds: { withoutMs: number; withMs: number; load: string }[];
}

/** A full scan of the devcloud with and without `--deep ceph` (`vms` as its vms pool), alternating which goes first. */
async function compareScans(options: RealServicesBench, vms: string): Promise<ScanFigures> {
  const directory = await mkdtemp(join(tmpdir(), "stacksweep-ceph-bench-"));
  try {
    const config = join(directory, "stacksweep.yaml");
    await writeFile(
      config,
      JSON.stringify({
        // The bench's orphans are minutes old: reported as older ones would be, so the scan does all it would.
        thresholds: { "rbd-image-orphaned": { minAgeSeconds: 0 } },
        deep: [
          {
            cloud: DEVCLOUD_CLOUD,
            ceph: {
              conf: CONF,
              id: "stacksweep",
              pools: { vms, backups: "backups" },
              cinderConf: join(DEVCLOUD_STATE, "etc", "cinder", "cinder.conf"),
              glanceApiConf: join(DEVCLOUD_STATE, "etc", "glance", "glance-api.conf"),
            },
          },
        ],
      }),
    );
    const scan = async (deep: boolean): Promise<number> => {
      const args = [
        ...cliArgs(options.cli),
        "scan",
        "--config",
        config,
        "-f",
        "json",
        "-o",
        join(directory, "scan.json"),
      ];
      const run = await timedRun(process.execPath, deep ? [...args, "--deep", "ceph"] : args, directory);
      // 0: nothing found, 1: findings, 4: some checks inconclusive; anything else is a failed scan, not a figure.
      if (run.exitCode === null || ![0, 1, 4].includes(run.exitCode)) {
        throw new Error(`stacksweep ${args.join(" ")} exited ${String(run.exitCode)}`);
      }
      return run.wallMs;
    };
    // Unmeasured: both meet the services' caches and this machine's file cache warm.
    await scan(false);
    await scan(true);
    const warm = scanSchema.parse(JSON.parse(readFileSync(join(directory, "scan.json"), "utf8")));
    const vmsVia = warm.coverage.find((entry) => entry.type === "compute.rbd-image")?.coverage.via ?? "-";
    const orphansFound = warm.findings.filter(
      (finding) => finding.check === "rbd-image-orphaned" && finding.resource.id.startsWith(`${vms}/`),
    ).length;
    const rounds: ScanFigures["rounds"] = [];
    for (let round = 0; round < options.rounds; round++) {
      const loadBefore = loadavg()[0]!.toFixed(1);
      const first = await scan(round % 2 === 1);
      const second = await scan(round % 2 === 0);
      const [withoutMs, withMs] = round % 2 === 0 ? [first, second] : [second, first];
      rounds.push({ withoutMs, withMs, load: `${loadBefore} → ${loadavg()[0]!.toFixed(1)}` });
      options.log(`round ${round + 1}: without ${Math.round(withoutMs)} ms, with --deep ceph ${Math.round(withMs)} ms`);
    }
    const figures = {
      vmsVia,
      orphansFound,
      withoutMs: median(rounds.map((round) => round.withoutMs)),
      withMs: median(rounds.map((round) => round.withMs)),
      rounds,
    };
    const table = new Table({
      head: ["round", "scan ms", "with --deep ceph ms", "longer by", "load"],
      style: { head: [], border: [] },
    });
    const longer = (without: number, withCeph: number): string =>
      `${(((withCeph - without) / without) * 100).toFixed(1)} %`;
    rounds.forEach((round, index) =>
      table.push([
        index + 1,
        Math.round(round.withoutMs),
        Math.round(round.withMs),
        longer(round.withoutMs, round.withMs),
        round.load,
      ]),
    );
    table.push([
      "median",
      Math.round(figures.withoutMs),
      Math.round(figures.withMs),
      longer(figures.withoutMs, figures.withMs),
      "",
    ]);
    process.stdout.write(
      `The devcloud: a full scan with and without the ceph source (its vms pool ${ORPHANS} orphan disks, opened via ` +
        `${vmsVia}, ${orphansFound} reported), wall time of each process\n${table.toString()}\n`,
    );
    return figures;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
