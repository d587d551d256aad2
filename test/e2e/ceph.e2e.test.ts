// `stacksweep scan --deep ceph` against the real devcloud and the real single-node Ceph of test/e2e/ceph (started by
// run.sh beside the devcloud). Debris is planted the way production breaks: RBD images under Nova's naming for
// servers that do not exist, a Cinder-named image with no volume, a Glance-named one with its protected snap, a
// backup image of a backup Cinder never had, an RBD snapshot Cinder forgot, a trash entry nobody purged, and a
// volume (and a Glance image) whose RBD image was removed behind the service's record. The devcloud's Cinder and
// Glance keep their own fake and file backends: the ceph settings name those backends as the ones on Ceph
// (`volumeBackends: [fake]`, `imageStores: [file]`), so the real services' records stand for RBD-backed ones, and
// the images that would hold their data are created here as Cinder and Glance name them.
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, devcloudAdmin, openstackCliEnv } from "./support/devcloud.ts";
import { ensureFlavor, ProjectBuilder } from "./support/project-builder.ts";
import { runCommand } from "./support/run-command.ts";

const STATE = process.env.STACKSWEEP_CEPH_STATE ?? "/var/lib/stacksweep-ceph";
const CONF = join(STATE, "ceph.conf");
const RBD_CHECKS = ["rbd-image-orphaned", "rbd-image-missing", "rbd-snapshot-orphaned", "rbd-trash-expired"];

const scanSchema = z.object({
  findings: z.array(
    z.object({
      check: z.string(),
      severity: z.string(),
      resource: z.object({ type: z.string(), id: z.string() }),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
  inconclusive: z.array(z.object({ check: z.string(), reason: z.string() })),
});
type Scan = z.infer<typeof scanSchema>;

/** As the cluster's admin: what Cinder, Nova and Glance would do with their own write access. */
async function rbd(...args: string[]): Promise<string> {
  const result = await runCommand("rbd", ["--conf", CONF, "--id", "admin", ...args], { timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`rbd ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

const id = {
  volume: "",
  lostVolume: "",
  snapshot: "",
  glanceImage: "",
  goneServer: randomUUID(),
  watchedServer: randomUUID(),
  goneVolume: randomUUID(),
  goneImage: randomUUID(),
  goneBackup: randomUUID(),
  lostSnapshot: randomUUID(),
  trashedVolume: randomUUID(),
};
const planted: string[] = [];
let builder: ProjectBuilder;
let watcher: ChildProcess | undefined;
let scan: Scan;
let missingPoolScan: Scan;
let wrongKeyringScan: Scan;
let configDir: string;

function settings(ceph: Record<string, unknown>): string {
  const file = join(configDir, `stacksweep-${planted.length}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    JSON.stringify({
      thresholds: { "rbd-image-orphaned": { minAgeSeconds: 0 }, "rbd-trash-expired": { graceSeconds: 0 } },
      deep: [{ cloud: DEVCLOUD_CLOUD, ceph }],
    }),
  );
  return file;
}

const goodPools = { volumes: "volumes", vms: "vms", images: "images", backups: "backups" };
const goodCeph = (): Record<string, unknown> => ({
  conf: CONF,
  id: "stacksweep",
  pools: goodPools,
  volumeBackends: ["fake"],
  imageStores: ["file"],
});

async function runScan(config: string): Promise<Scan> {
  const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
  const result = await runCommand(
    "npx",
    [
      "tsx",
      "src/cli/main.ts",
      "scan",
      "--config",
      config,
      "--deep",
      "ceph",
      "--checks",
      RBD_CHECKS.join(","),
      "-f",
      "json",
    ],
    { env, timeoutMs: 300_000 },
  );
  // 0: nothing found; 1: findings; 4: some checks inconclusive (the bad-input scans). Anything else failed.
  if (![0, 1, 4].includes(result.code)) {
    throw new Error(`stacksweep scan exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  }
  return scanSchema.parse(JSON.parse(result.stdout));
}

beforeAll(async () => {
  if (!existsSync(CONF)) throw new Error(`no Ceph: ${CONF} is missing; run the tier with \`npm run test:e2e\``);
  configDir = mkdtempSync(join(tmpdir(), "stacksweep-ceph-e2e-"));
  const admin = await devcloudAdmin();
  builder = await ProjectBuilder.create(admin, `ceph-${Date.now().toString(36)}`);
  id.volume = await builder.volume("on-ceph");
  id.lostVolume = await builder.volume("data-lost");
  id.snapshot = await builder.snapshot("on-ceph-snap", id.volume);
  id.glanceImage = await builder.image("image-lost");
  // A live server of a project other than the admin's: Nova's listing proves it spans projects (an empty one proves
  // nothing, and a devcloud between suites may have no server at all).
  const network = await builder.network("net");
  await builder.subnet("subnet", network, "10.97.0.0/24");
  await builder.server("live", await ensureFlavor(admin), await builder.image("boot"), network);

  // What the services would have made: the volume's image with its snapshot's RBD snap, protected as Cinder does.
  const plant = async (spec: string, size = "64M"): Promise<void> => {
    await rbd("create", "--size", size, spec);
    planted.push(spec);
  };
  await plant(`volumes/volume-${id.volume}`);
  for (const snap of [`snapshot-${id.snapshot}`, `snapshot-${id.lostSnapshot}`]) {
    await rbd("snap", "create", "--no-progress", `volumes/volume-${id.volume}@${snap}`);
    await rbd("snap", "protect", `volumes/volume-${id.volume}@${snap}`);
  }
  // The debris.
  await plant(`volumes/volume-${id.goneVolume}`);
  await rbd("bench", "--io-type", "write", "--io-size", "1M", "--io-total", "8M", `volumes/volume-${id.goneVolume}`);
  await plant(`vms/${id.goneServer}_disk`, "1G");
  await plant(`vms/${id.goneServer}_disk.config`, "1M");
  await plant(`vms/${id.watchedServer}_disk`);
  await plant(`images/${id.goneImage}`);
  await rbd("snap", "create", "--no-progress", `images/${id.goneImage}@snap`);
  await rbd("snap", "protect", `images/${id.goneImage}@snap`);
  await plant(`backups/volume-${id.volume}.backup.${id.goneBackup}`);
  await rbd("create", "--size", "1M", `volumes/volume-${id.trashedVolume}`);
  await rbd("trash", "mv", `volumes/volume-${id.trashedVolume}`);

  // A running VM's librbd client: it holds a watch on its disk for as long as it has it open.
  watcher = spawn(
    "/usr/bin/python3",
    [
      "-c",
      [
        "import signal, sys, time, rados, rbd",
        "signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))",
        "c = rados.Rados(conffile=sys.argv[1], name='client.admin'); c.connect()",
        "io = c.open_ioctx('vms'); img = rbd.Image(io, sys.argv[2]); print('open', flush=True)",
        "try:\n    time.sleep(600)\nfinally:\n    img.close(); io.close(); c.shutdown()",
      ].join("\n"),
      CONF,
      `${id.watchedServer}_disk`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    watcher!.stdout!.once("data", () => resolve());
    watcher!.once("exit", (code) => reject(new Error(`the watcher exited (${code})`)));
  });

  scan = await runScan(settings(goodCeph()));
  [missingPoolScan, wrongKeyringScan] = await Promise.all([
    runScan(settings({ ...goodCeph(), pools: { ...goodPools, vms: "no-such-pool" } })),
    runScan(settings({ ...goodCeph(), keyring: join(configDir, "no-such.keyring") })),
  ]);
}, 600_000);

afterAll(async () => {
  // The watcher first: a librbd client left open would keep the image busy (and hang if the cluster went away).
  if (watcher !== undefined && watcher.exitCode === null) {
    const exited = new Promise((resolve) => watcher!.once("exit", resolve));
    watcher.kill("SIGTERM");
    await exited;
  }
  for (const spec of planted) {
    await rbd("snap", "purge", spec).catch(() => undefined);
    await rbd("snap", "unprotect", `${spec}@snap`).catch(() => undefined);
  }
  for (const snap of [`snapshot-${id.snapshot}`, `snapshot-${id.lostSnapshot}`, "snap"]) {
    for (const spec of planted) await rbd("snap", "unprotect", `${spec}@${snap}`).catch(() => undefined);
  }
  for (const spec of planted) {
    await rbd("snap", "purge", spec).catch(() => undefined);
    await rbd("rm", "--no-progress", spec).catch(() => undefined);
  }
  await rbd("trash", "purge", "volumes").catch(() => undefined);
  await builder?.cleanup();
}, 300_000);

const ofCheck = (result: Scan, check: string): string[] =>
  result.findings
    .filter((finding) => finding.check === check)
    .map((finding) => `${finding.resource.type} ${finding.resource.id}`)
    .sort();

describe("stacksweep scan --deep ceph against a real Ceph", () => {
  test("every RBD check ran conclusively on every pool", () => {
    expect(scan.inconclusive.filter((entry) => RBD_CHECKS.includes(entry.check))).toEqual([]);
  });

  test("rbd-image-orphaned: the planted orphans exactly, never the disk a client has open", () => {
    const ours = new Set([id.goneServer, id.watchedServer, id.goneVolume, id.goneImage, id.goneBackup]);
    const found = ofCheck(scan, "rbd-image-orphaned").filter((key) => [...ours].some((uuid) => key.includes(uuid)));
    expect(found).toEqual(
      [
        `block-storage.rbd-image volumes/volume-${id.goneVolume}`,
        `compute.rbd-image vms/${id.goneServer}_disk`,
        `compute.rbd-image vms/${id.goneServer}_disk.config`,
        `image.rbd-image images/${id.goneImage}`,
        `block-storage.rbd-backup backups/volume-${id.volume}.backup.${id.goneBackup}`,
      ].sort(),
    );
    const disk = scan.findings.find((finding) => finding.resource.id === `vms/${id.goneServer}_disk`);
    expect(disk?.evidence).toMatchObject({ provisioned_bytes: 1024 ** 3, used_bytes: 0, watchers: 0 });
    const written = scan.findings.find((finding) => finding.resource.id === `volumes/volume-${id.goneVolume}`);
    expect(written?.evidence.used_bytes).toBeGreaterThanOrEqual(8 * 1024 ** 2);
  });

  test("rbd-image-missing: the volume and the Glance image whose RBD image is gone, critical; not the healthy volume", () => {
    const found = ofCheck(scan, "rbd-image-missing");
    expect(found).toContain(`block-storage.volume ${id.lostVolume}`);
    expect(found).toContain(`image.image ${id.glanceImage}`);
    expect(found).not.toContain(`block-storage.volume ${id.volume}`);
    for (const finding of scan.findings.filter((f) => f.check === "rbd-image-missing")) {
      expect(finding.severity).toBe("critical");
    }
  });

  test("rbd-snapshot-orphaned: the RBD snapshot Cinder forgot, not the one it lists", () => {
    expect(ofCheck(scan, "rbd-snapshot-orphaned").filter((key) => key.includes(id.volume))).toEqual([
      `block-storage.rbd-image volumes/volume-${id.volume}@snapshot-${id.lostSnapshot}`,
    ]);
  });

  test("rbd-trash-expired: the trash entry past its deferment", () => {
    const trashed = scan.findings.filter(
      (finding) => finding.check === "rbd-trash-expired" && finding.evidence.name === `volume-${id.trashedVolume}`,
    );
    expect(trashed).toHaveLength(1);
  });

  test("a missing pool: one clear line, its checks partial, the other pools still checked", () => {
    const reasons = missingPoolScan.inconclusive.filter((entry) => entry.check === "rbd-image-orphaned");
    expect(reasons.map((entry) => entry.reason).join("\n")).toMatch(
      /compute\.rbd-image: failed \(rbd (trash )?ls (--long )?no-such-pool: error opening pool 'no-such-pool': \(2\) No such file or directory/,
    );
    const orphans = ofCheck(missingPoolScan, "rbd-image-orphaned");
    expect(orphans).toContain(`block-storage.rbd-image volumes/volume-${id.goneVolume}`);
    expect(orphans.filter((key) => key.startsWith("compute.rbd-image"))).toEqual([]);
  });

  test("a wrong keyring: one clear line per pool, every RBD check inconclusive, no finding", () => {
    expect(wrongKeyringScan.findings.filter((finding) => RBD_CHECKS.includes(finding.check))).toEqual([]);
    const reasons = wrongKeyringScan.inconclusive.filter((entry) => RBD_CHECKS.includes(entry.check));
    expect(reasons.map((entry) => entry.check).sort()).toEqual([...RBD_CHECKS].sort());
    for (const entry of reasons) expect(entry.reason).toMatch(/couldn't connect to the cluster/);
  });
});
