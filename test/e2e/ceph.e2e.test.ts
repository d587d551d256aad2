// `stacksweep scan --deep ceph` against the real devcloud and the real single-node Ceph of test/e2e/ceph (started by
// run.sh beside the devcloud; join-devcloud.sh gives Cinder its RBD backend in zone `ceph` and Glance its `rbd`
// store). Volumes, snapshots and images are made by the real Cinder and Glance on Ceph, then broken the way
// production breaks them: a volume row and a snapshot row soft-deleted by hand in Cinder's database (their RBD data
// stays), an image row soft-deleted in Glance's, an RBD image removed behind a live volume and behind a live image.
// Nova's disks are not on Ceph in the devcloud: images under Nova's naming for servers that do not exist are made
// here, some cloned from a Glance image's snap as Nova clones them.
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import {
  DEVCLOUD_CLOUD,
  DEVCLOUD_CLOUDS_YAML,
  DEVCLOUD_STATE,
  devcloudAdmin,
  devcloudSql,
  openstackCliEnv,
} from "./support/devcloud.ts";
import { ensureFlavor, ProjectBuilder } from "./support/project-builder.ts";
import { runCommand } from "./support/run-command.ts";

const STATE = process.env.STACKSWEEP_CEPH_STATE ?? "/var/lib/stacksweep-ceph";
const CONF = join(STATE, "ceph.conf");
const RBD_CHECKS = [
  "rbd-image-orphaned",
  "rbd-image-missing",
  "rbd-snapshot-orphaned",
  "rbd-snapshot-orphan-clones",
  "rbd-trash-expired",
];
/** The Cinder backend and Glance store join-devcloud.sh puts on Ceph. */
const CEPH_ZONE = "ceph";
const CEPH_STORE = "rbd";

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
  coverage: z.array(
    z.object({ type: z.string(), coverage: z.object({ status: z.string(), via: z.string().optional() }) }),
  ),
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
  goneVolume: "",
  snapshot: "",
  lostSnapshot: "",
  glanceImage: "",
  goneImage: "",
  parentImage: "",
  heldImage: "",
  goneServer: randomUUID(),
  watchedServer: randomUUID(),
  cloneServers: [randomUUID(), randomUUID()],
  heldCloneServer: randomUUID(),
  goneBackup: randomUUID(),
  trashedVolume: randomUUID(),
};
const scratch = `operator-scratch-${Date.now().toString(36)}`;
const planted: string[] = [];
let builder: ProjectBuilder;
let watcher: ChildProcess | undefined;
let scan: Scan;
/** The same scan with the candidates opened by `rbd` commands (the fallback when python3-rbd is missing). */
let rbdCommandsScan: Scan;
let missingPoolScan: Scan;
let wrongKeyringScan: Scan;
let configDir: string;

function settings(ceph: Record<string, unknown>, remediation?: Record<string, unknown>): string {
  const file = join(configDir, `stacksweep-${planted.length}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    JSON.stringify({
      thresholds: {
        "rbd-image-orphaned": { minAgeSeconds: 0 },
        "rbd-snapshot-orphan-clones": { minAgeSeconds: 0 },
        "rbd-trash-expired": { graceSeconds: 0 },
      },
      deep: [{ cloud: DEVCLOUD_CLOUD, ceph }],
      ...(remediation === undefined ? {} : { remediation }),
    }),
  );
  return file;
}

const goodPools = { vms: "vms", backups: "backups" };
/** The volumes and images pools, Cinder's RBD backend and Glance's rbd store, all read from the services' configs. */
const goodCeph = (): Record<string, unknown> => ({
  conf: CONF,
  id: "stacksweep",
  pools: goodPools,
  cinderConf: join(DEVCLOUD_STATE, "etc", "cinder", "cinder.conf"),
  glanceApiConf: join(DEVCLOUD_STATE, "etc", "glance", "glance-api.conf"),
});

const cliEnv = (): NodeJS.ProcessEnv => ({
  ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD),
  PATH: process.env.PATH ?? "",
});

/** `stacksweep scan --deep ceph` of the RBD checks; `save`: where to keep its JSON for `plan --from-scan`. */
async function runScan(config: string, save?: string): Promise<Scan> {
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
    { env: cliEnv(), timeoutMs: 300_000 },
  );
  // 0: nothing found; 1: findings; 4: some checks inconclusive (the bad-input scans). Anything else failed.
  if (![0, 1, 4].includes(result.code)) {
    throw new Error(`stacksweep scan exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  }
  if (save !== undefined) writeFileSync(save, result.stdout);
  return scanSchema.parse(JSON.parse(result.stdout));
}

/** `stacksweep <args>` as an operator runs it; its exit code and output. */
function stacksweep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCommand("npx", ["tsx", "src/cli/main.ts", ...args], { env: cliEnv(), timeoutMs: 300_000 });
}

/**
 * A running VM's librbd client: it holds a watch on its disk for as long as it has it open. Resolves once the
 * image is open.
 */
async function openWatcher(image: string): Promise<ChildProcess> {
  const child = spawn(
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
      image,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the watcher exited (${code})`)));
  });
  return child;
}

async function closeWatcher(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Soft-deletes a row as an operator does by hand (the service's own delete never reached its storage). */
async function softDelete(table: string, rowId: string): Promise<void> {
  await devcloudSql(`UPDATE ${table} SET deleted=1, deleted_at=NOW(), status='deleted' WHERE id='${rowId}'`);
}

beforeAll(async () => {
  if (!existsSync(CONF)) throw new Error(`no Ceph: ${CONF} is missing; run the tier with \`npm run test:e2e\``);
  configDir = mkdtempSync(join(tmpdir(), "stacksweep-ceph-e2e-"));
  const admin = await devcloudAdmin();
  builder = await ProjectBuilder.create(admin, `ceph-${Date.now().toString(36)}`);
  // Real RBD volumes, snapshots (Cinder protects each RBD snap) and images (Glance's `<id>@snap`, protected).
  id.volume = await builder.volume("on-ceph", CEPH_ZONE);
  id.lostVolume = await builder.volume("data-lost", CEPH_ZONE);
  id.goneVolume = await builder.volume("row-deleted", CEPH_ZONE);
  id.snapshot = await builder.snapshot("on-ceph-snap", id.volume);
  id.lostSnapshot = await builder.snapshot("row-deleted-snap", id.volume);
  id.glanceImage = await builder.image("image-lost", "private", CEPH_STORE);
  id.goneImage = await builder.image("image-row-deleted", "private", CEPH_STORE);
  id.parentImage = await builder.image("parent-of-orphans", "private", CEPH_STORE);
  id.heldImage = await builder.image("parent-held", "private", CEPH_STORE);
  // A live server of a project other than the admin's: Nova's listing proves it spans projects (an empty one proves
  // nothing, and a devcloud between suites may have no server at all).
  const network = await builder.network("net");
  await builder.subnet("subnet", network, "10.97.0.0/24");
  await builder.server("live", await ensureFlavor(admin), await builder.image("boot"), network);

  const plant = async (spec: string, size = "64M"): Promise<void> => {
    await rbd("create", "--size", size, spec);
    planted.push(spec);
  };
  // The debris. Cinder's and Glance's rows deleted by hand: their RBD data stays.
  await rbd("bench", "--io-type", "write", "--io-size", "1M", "--io-total", "8M", `volumes/volume-${id.goneVolume}`);
  await softDelete("cinder.volumes", id.goneVolume);
  await softDelete("cinder.snapshots", id.lostSnapshot);
  await softDelete("glance.images", id.goneImage);
  // Storage lost behind a live volume and a live image.
  await rbd("rm", "--no-progress", `volumes/volume-${id.lostVolume}`);
  await rbd("snap", "unprotect", `images/${id.glanceImage}@snap`);
  await rbd("snap", "purge", "--no-progress", `images/${id.glanceImage}`);
  await rbd("rm", "--no-progress", `images/${id.glanceImage}`);
  // Nova's disks of servers that do not exist; two cloned from one Glance image as Nova clones them, and one from
  // another image that also has a clone no service names (an operator's): only the first parent is held by debris.
  await plant(`vms/${id.goneServer}_disk`, "1G");
  await plant(`vms/${id.goneServer}_disk.config`, "1M");
  await plant(`vms/${id.watchedServer}_disk`);
  for (const server of id.cloneServers) {
    await rbd("clone", `images/${id.parentImage}@snap`, `vms/${server}_disk`);
    planted.push(`vms/${server}_disk`);
  }
  await rbd("clone", `images/${id.heldImage}@snap`, `vms/${id.heldCloneServer}_disk`);
  planted.push(`vms/${id.heldCloneServer}_disk`);
  await rbd("clone", `images/${id.heldImage}@snap`, `vms/${scratch}`);
  planted.push(`vms/${scratch}`);
  // A backup image of a backup Cinder never had, and a volume image left in the trash past its deferment.
  await plant(`backups/volume-${id.volume}.backup.${id.goneBackup}`);
  await rbd("create", "--size", "1M", `volumes/volume-${id.trashedVolume}`);
  await rbd("trash", "mv", `volumes/volume-${id.trashedVolume}`);

  // A running VM's librbd client on its disk.
  watcher = await openWatcher(`${id.watchedServer}_disk`);

  scan = await runScan(settings(goodCeph()));
  [rbdCommandsScan, missingPoolScan, wrongKeyringScan] = await Promise.all([
    runScan(settings({ ...goodCeph(), inspect: "rbd" })),
    runScan(settings({ ...goodCeph(), pools: { ...goodPools, vms: "no-such-pool" } })),
    runScan(settings({ ...goodCeph(), keyring: join(configDir, "no-such.keyring") })),
  ]);
}, 600_000);

afterAll(async () => {
  // The watcher first: a librbd client left open would keep the image busy (and hang if the cluster went away).
  await closeWatcher(watcher);
  // The clones before their parents, and the RBD snap whose row was deleted before Cinder deletes its volume.
  for (const spec of planted) await rbd("rm", "--no-progress", spec).catch(() => undefined);
  await rbd("snap", "unprotect", `volumes/volume-${id.volume}@snapshot-${id.lostSnapshot}`).catch(() => undefined);
  await rbd("snap", "rm", "--no-progress", `volumes/volume-${id.volume}@snapshot-${id.lostSnapshot}`).catch(
    () => undefined,
  );
  await builder?.cleanup();
  // What no service will delete any more: the data of the rows deleted by hand.
  await rbd("rm", "--no-progress", `volumes/volume-${id.goneVolume}`).catch(() => undefined);
  await rbd("snap", "unprotect", `images/${id.goneImage}@snap`).catch(() => undefined);
  await rbd("snap", "purge", "--no-progress", `images/${id.goneImage}`).catch(() => undefined);
  await rbd("rm", "--no-progress", `images/${id.goneImage}`).catch(() => undefined);
  await rbd("trash", "purge", "volumes").catch(() => undefined);
  // What the apply test moved to the trash.
  const trashed = await rbd("trash", "ls", "--format", "json", "vms").catch(() => "[]");
  for (const entry of z.array(z.object({ id: z.string(), name: z.string() })).parse(JSON.parse(trashed)))
    if (planted.includes(`vms/${entry.name}`)) await rbd("trash", "rm", "--no-progress", `vms/${entry.id}`);
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

  test("rbd-image-orphaned: the orphans exactly, never the disk a client has open nor an image no rule names", () => {
    const ours = [
      id.goneServer,
      id.watchedServer,
      id.goneVolume,
      id.goneImage,
      id.goneBackup,
      ...id.cloneServers,
      id.heldCloneServer,
      scratch,
    ];
    const found = ofCheck(scan, "rbd-image-orphaned").filter((key) => ours.some((name) => key.includes(name)));
    expect(found).toEqual(
      [
        `block-storage.rbd-image volumes/volume-${id.goneVolume}`,
        `compute.rbd-image vms/${id.goneServer}_disk`,
        `compute.rbd-image vms/${id.goneServer}_disk.config`,
        ...id.cloneServers.map((server) => `compute.rbd-image vms/${server}_disk`),
        `compute.rbd-image vms/${id.heldCloneServer}_disk`,
        `image.rbd-image images/${id.goneImage}`,
        `block-storage.rbd-backup backups/volume-${id.volume}.backup.${id.goneBackup}`,
      ].sort(),
    );
    const disk = scan.findings.find((finding) => finding.resource.id === `vms/${id.goneServer}_disk`);
    expect(disk?.evidence).toMatchObject({ provisioned_bytes: 1024 ** 3, used_bytes: 0, watchers: 0 });
    // Cinder made it 1 GiB; 8 MiB were written to it before its row was deleted.
    const written = scan.findings.find((finding) => finding.resource.id === `volumes/volume-${id.goneVolume}`);
    expect(written?.evidence).toMatchObject({ provisioned_bytes: 1024 ** 3, owner: "volume" });
    expect(written?.evidence.used_bytes).toBeGreaterThanOrEqual(8 * 1024 ** 2);
    const clone = scan.findings.find((finding) => finding.resource.id === `vms/${id.cloneServers[0]}_disk`);
    expect(clone?.evidence.parent).toBe(`images/${id.parentImage}@snap`);
  });

  test("rbd-image-missing: the volume and the Glance image whose RBD image is gone, critical; not the healthy ones", () => {
    const found = ofCheck(scan, "rbd-image-missing");
    expect(found).toContain(`block-storage.volume ${id.lostVolume}`);
    expect(found).toContain(`image.image ${id.glanceImage}`);
    for (const healthy of [id.volume, id.parentImage, id.heldImage]) {
      expect(found.filter((key) => key.includes(healthy))).toEqual([]);
    }
    for (const finding of scan.findings.filter((f) => f.check === "rbd-image-missing")) {
      expect(finding.severity).toBe("critical");
    }
  });

  test("rbd-snapshot-orphaned: the RBD snapshot whose Cinder row was deleted, not the one Cinder lists", () => {
    expect(ofCheck(scan, "rbd-snapshot-orphaned").filter((key) => key.includes(id.volume))).toEqual([
      `block-storage.rbd-image volumes/volume-${id.volume}@snapshot-${id.lostSnapshot}`,
    ]);
  });

  test("rbd-snapshot-orphan-clones: the Glance snap only orphans hold, not the one an operator's clone holds", () => {
    const found = ofCheck(scan, "rbd-snapshot-orphan-clones").filter(
      (key) => key.includes(id.parentImage) || key.includes(id.heldImage),
    );
    expect(found).toEqual([`image.rbd-image images/${id.parentImage}@snap`]);
    const finding = scan.findings.find((f) => f.resource.id === `images/${id.parentImage}@snap`);
    expect(finding?.evidence.clones).toEqual(id.cloneServers.map((server) => `vms/${server}_disk`).sort());
  });

  test("rbd-trash-expired: the trash entry past its deferment", () => {
    const trashed = scan.findings.filter(
      (finding) => finding.check === "rbd-trash-expired" && finding.evidence.name === `volume-${id.trashedVolume}`,
    );
    expect(trashed).toHaveLength(1);
  });

  test("the candidates were opened with python3-rbd, one process per pool, and the rbd commands find the same", () => {
    const viaOf = (result: Scan): Record<string, string | undefined> =>
      Object.fromEntries(
        result.coverage
          .filter((entry) => entry.type.endsWith(".rbd-image") || entry.type.endsWith(".rbd-backup"))
          .map((entry) => [entry.type, entry.coverage.via]),
      );
    // Each pool holds images this suite planted that no service owns: each was opened.
    expect(viaOf(scan)).toEqual({
      "block-storage.rbd-image": "python3-rbd",
      "compute.rbd-image": "python3-rbd",
      "image.rbd-image": "python3-rbd",
      "block-storage.rbd-backup": "python3-rbd",
    });
    expect(Object.values(viaOf(rbdCommandsScan))).toEqual(["rbd", "rbd", "rbd", "rbd"]);
    // What this suite planted, found alike, with the same evidence (sizes, bytes used, watchers, parents, clones).
    const planted = Object.values(id).flat();
    const ours = (result: Scan): unknown[] =>
      result.findings
        .filter((finding) => RBD_CHECKS.includes(finding.check))
        .filter((finding) => planted.some((value) => JSON.stringify(finding).includes(value)))
        .map(({ check, resource, evidence }) => ({ check, resource, evidence }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(ours(scan).length).toBeGreaterThan(8);
    expect(ours(rbdCommandsScan)).toEqual(ours(scan));
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

describe("stacksweep apply: the opt-in RBD trash for images no service owns", () => {
  test("moves an idle orphan to the trash, leaves one a client opened since and one whose volume came back", async () => {
    const idle = `${id.goneServer}_disk`;
    const opened = `${id.goneServer}_disk.config`;
    const revived = `volume-${id.goneVolume}`;
    const config = settings(goodCeph(), {
      grace: "0",
      // The cluster's admin may write; the scan's client.stacksweep is read-only.
      rbdTrash: { enabled: true, id: "admin" },
      // Only this suite's images: the shared cluster may hold other suites' debris.
      allow: [
        { resourceType: "compute.rbd-image", name: `^${id.goneServer}_disk` },
        { resourceType: "block-storage.rbd-image", name: `^${revived}$` },
      ],
    });
    const saved = join(configDir, "scan-for-plan.json");
    const store = join(configDir, "history.sqlite");
    const audit = join(configDir, "audit.jsonl");
    const planFile = join(configDir, "plan.json");
    await runScan(config, saved);
    const planned = await stacksweep(
      "plan",
      "--config",
      config,
      "--from-scan",
      saved,
      "--checks",
      "rbd-image-orphaned",
      "--store",
      store,
      "-o",
      planFile,
    );
    expect(planned.code, planned.stderr).toBe(0);
    for (const spec of [`vms/${idle}`, `vms/${opened}`, `volumes/${revived}`])
      expect(planned.stdout).toContain(`rbd trash mv ${spec}`);

    // Between the review and apply: a client opens one orphan, and Cinder's row of another is restored.
    const client = await openWatcher(opened);
    await devcloudSql(
      `UPDATE cinder.volumes SET deleted=0, deleted_at=NULL, status='available' WHERE id='${id.goneVolume}'`,
    );
    let applied: { code: number; stdout: string; stderr: string };
    try {
      applied = await stacksweep(
        "apply",
        planFile,
        "--execute",
        "--yes",
        "--config",
        config,
        "--store",
        store,
        "--audit-file",
        audit,
      );
    } finally {
      await closeWatcher(client);
      await softDelete("cinder.volumes", id.goneVolume);
    }
    // 5: some steps were skipped, the others ran.
    expect(applied.code, applied.stderr).toBe(5);
    // Each step's outcome: "  1. done         rbd-image.trash-move compute.rbd-image vms/<name>[: reason]".
    const outcomes = applied.stdout.split("\n").filter((line) => /^\s*\d+\. \S+\s+rbd-image\.trash-move /.test(line));
    const outcome = (spec: string): string =>
      outcomes.find((line) => line.endsWith(` ${spec}`) || line.includes(` ${spec}: `)) ?? "";
    expect(outcome(`vms/${idle}`)).toMatch(/ done /);
    expect(outcome(`vms/${opened}`)).toMatch(/skipped .*a client has the image open \(rbd status shows 1 watcher\)/);
    expect(outcome(`volumes/${revived}`)).toMatch(
      new RegExp(`skipped .*block-storage\\.volume ${id.goneVolume} exists again`),
    );

    const trash = z
      .array(z.object({ id: z.string(), name: z.string() }))
      .parse(JSON.parse(await rbd("trash", "ls", "--format", "json", "vms")));
    expect(trash.map((entry) => entry.name)).toContain(idle);
    const pool = z.array(z.string()).parse(JSON.parse(await rbd("ls", "--format", "json", "vms")));
    expect(pool).not.toContain(idle);
    expect(pool).toContain(opened);
    expect(z.array(z.string()).parse(JSON.parse(await rbd("ls", "--format", "json", "volumes")))).toContain(revived);
  }, 900_000);
});
