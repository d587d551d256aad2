// Measures the ceph source on a pool of generated images (empty ones are cheap): for 1,000 and 10,000 images named as
// Nova names disks, of which 100 belong to no listed server, the wall time, the rbd commands (by subcommand) and the
// CPU the rbd processes took, of one listing.
// Run by hand against the cluster of up.sh: `npx tsx test/e2e/ceph/measure-scale.ts` (its pool `scale-<pid>` is removed after).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { loadavg } from "node:os";
import { join } from "node:path";
import { CephSource } from "../../../src/deep/ceph/open.ts";
import { RbdCli, type RbdSubcommand } from "../../../src/deep/ceph/rbd-cli.ts";
import { cephSettingsSchema } from "../../../src/deep/ceph/settings.ts";

const STATE = process.env.STACKSWEEP_CEPH_STATE ?? "/var/lib/stacksweep-ceph";
const CONF = join(STATE, "ceph.conf");
// Its own pool each run: two measurements at once never remove the pool under each other.
const POOL = `scale-${process.pid}`;
const ORPHANS = 100;

const ceph = (...args: string[]): string => execFileSync("ceph", ["--conf", CONF, ...args], { encoding: "utf8" });

/** Creates images up to `total` with python3-rbd's thread pool (librbd releases the GIL while it waits). */
function createImages(names: string[]): void {
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
      POOL,
    ],
    { input: names.join("\n"), stdio: ["pipe", "inherit", "inherit"] },
  );
}

/** CPU seconds of the waited-for children of this process so far (cutime + cstime of /proc/self/stat). */
function childrenCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // After "pid (comm) ", cutime and cstime are fields 14 and 15 (0-based from the state field), in clock ticks.
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** Counts each subcommand the source runs (RbdCli.run), for the figures. */
class CountingCli extends RbdCli {
  readonly counts = new Map<string, number>();
  override run(subcommand: RbdSubcommand, args: readonly string[]): Promise<unknown> {
    this.counts.set(subcommand, (this.counts.get(subcommand) ?? 0) + 1);
    return super.run(subcommand, args);
  }
}

ceph("osd", "pool", "create", POOL, "8", "8", "replicated");
execFileSync("rbd", ["--conf", CONF, "pool", "init", POOL]);
const servers: string[] = [];
const orphans: string[] = [];
try {
  for (const total of [1_000, 10_000]) {
    const newServers = Array.from({ length: total - ORPHANS - servers.length }, () => randomUUID());
    const newOrphans = Array.from({ length: ORPHANS - orphans.length }, () => randomUUID());
    servers.push(...newServers);
    orphans.push(...newOrphans);
    createImages([...newServers, ...newOrphans].map((uuid) => `${uuid}_disk`));
    for (const usedBytes of [false, true]) {
      const settings = cephSettingsSchema.parse({ conf: CONF, id: "stacksweep", pools: { vms: POOL }, usedBytes });
      const cli = new CountingCli(settings);
      const source = new CephSource(settings, cli);
      const cpuBefore = childrenCpuSeconds();
      const started = performance.now();
      const listing = await source.list("compute.rbd-image", {
        cloud: "measure",
        region: "measure",
        inputs: new Map([["compute.server", servers.map((id) => ({ id }))]]),
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = childrenCpuSeconds() - cpuBefore;
      const opened = listing.records.filter((record) => record.opened === true).length;
      const counts = [...cli.counts].map(([subcommand, count]) => `${subcommand} ${count}`).join(", ");
      console.log(
        `${total} images, ${ORPHANS} orphans, usedBytes ${usedBytes}: ${seconds.toFixed(2)} s, ` +
          `${listing.requests} rbd commands (${counts}), rbd CPU ${cpu.toFixed(1)} s, ${opened} opened ` +
          `(load ${loadavg()[0]!.toFixed(1)})`,
      );
    }
  }
} finally {
  ceph("osd", "pool", "rm", POOL, POOL, "--yes-i-really-really-mean-it");
}
