// Measures the ceph source on a pool of generated images (empty ones are cheap): for 1,000 and 10,000 images named as
// Nova names disks, of which 100 belong to no listed server, the wall time and the rbd commands of one listing.
// Run by hand against the cluster of up.sh: `npx tsx test/e2e/ceph/measure-scale.ts` (the pool `scale` is removed after).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { CephSource } from "../../../src/deep/ceph/open.ts";
import { cephSettingsSchema } from "../../../src/deep/ceph/settings.ts";

const STATE = process.env.STACKSWEEP_CEPH_STATE ?? "/var/lib/stacksweep-ceph";
const CONF = join(STATE, "ceph.conf");
const POOL = "scale";
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
      const source = new CephSource(settings);
      const started = performance.now();
      const listing = await source.list("compute.rbd-image", {
        cloud: "measure",
        region: "measure",
        inputs: new Map([["compute.server", servers.map((id) => ({ id }))]]),
      });
      const seconds = (performance.now() - started) / 1000;
      const opened = listing.records.filter((record) => record.opened === true).length;
      console.log(
        `${total} images, ${ORPHANS} orphans, usedBytes ${usedBytes}: ${seconds.toFixed(2)} s, ` +
          `${listing.requests} rbd commands, ${opened} opened (load ${(await import("node:os")).loadavg()[0]!.toFixed(1)})`,
      );
    }
  }
} finally {
  ceph("osd", "pool", "rm", POOL, POOL, "--yes-i-really-really-mean-it");
}
