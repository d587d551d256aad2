// `stacksweep plan` and `apply --execute` against the real devcloud: a deleted project's orphans removed in dependency
// order, an attachment to a server Nova no longer has cleared, load balancers failed over (one in ERROR, one stuck
// PENDING_UPDATE fixed through Octavia's own MariaDB with --allow-db-write) and an amphora in ERROR replaced. Every
// assertion reads the real cloud after apply; a healthy project beside them must come out exactly as it went in.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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
import { attachToDeletedServer } from "./support/attach-to-deleted-server.ts";
import { ownedResources, type OwnedResource } from "./support/owned-resources.ts";
import { ensureFlavor, ensurePublicNetwork, ProjectBuilder } from "./support/project-builder.ts";
import type { RestSession } from "./support/rest-session.ts";
import { runCommand, type CommandResult } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

const planSchema = z.object({
  steps: z.array(
    z.object({
      step: z.number(),
      action: z.string(),
      target: z.object({ type: z.string(), id: z.string() }),
      status: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});
type Plan = z.infer<typeof planSchema>;
const volumeSchema = z.object({
  volume: z.object({ status: z.string(), attachments: z.array(z.unknown()) }),
});
const loadBalancerSchema = z.object({ loadbalancer: z.object({ provisioning_status: z.string() }) });
const amphoraeSchema = z.object({
  amphorae: z.array(z.object({ id: z.string(), status: z.string(), loadbalancer_id: z.string().nullable() })),
});

const scanFindingSchema = z.looseObject({
  resource: z.looseObject({ id: z.string(), projectId: z.string().nullable() }),
});
type ScanFinding = z.infer<typeof scanFindingSchema>;
const scanSchema = z.looseObject({ findings: z.array(scanFindingSchema) });

const OCTAVIA_PASSWORD_ENV = "STACKSWEEP_E2E_OCTAVIA_DB_PASSWORD";

let admin: RestSession;
let work: string;
const builders: ProjectBuilder[] = [];
let orphaned: ProjectBuilder;
let broken: ProjectBuilder;
let healthy: ProjectBuilder;
let orphansBefore: OwnedResource[] = [];
let healthyBefore: string[] = [];
const planted = {
  attachedToGoneServerVolume: "",
  errorLb: "",
  pendingUpdateLb: "",
  amphoraLb: "",
  errorAmphora: "",
};
let scanJson: z.infer<typeof scanSchema>;
let orphanPlan: Plan;
let brokenPlan: Plan;
let orphanApply: CommandResult;
let brokenApply: CommandResult;

/** Octavia's own connection URL from the devcloud's octavia.conf, split into stacksweep's url and the password. */
async function octaviaDatabase(): Promise<{ url: string; password: string }> {
  const conf = await readFile(join(DEVCLOUD_STATE, "etc", "octavia", "octavia.conf"), "utf8");
  const match = /^connection\s*=\s*mysql\+\w+:\/\/([^:@]+):([^@]*)@([^/]+)\/(\w+)/m.exec(conf);
  if (!match) throw new Error("octavia.conf of the devcloud has no [database] connection = mysql+...:// line");
  const [, user, password, host, database] = match as unknown as [string, string, string, string, string];
  return { url: `mysql://${user}@${host}/${database}`, password: decodeURIComponent(password) };
}

async function stacksweep(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "", ...extraEnv };
  return runCommand("npx", ["tsx", "src/cli/main.ts", ...args], { env, timeoutMs: 600_000 });
}

function describeRun(result: CommandResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout.slice(-6000)}\n--- stderr\n${result.stderr.slice(-3000)}`;
}

/**
 * Plans the scan's findings this suite planted (the devcloud is shared: nothing else may be touched), and applies
 * the plan. `--project` cannot select them alone: an amphora has no project.
 */
async function writeAndApplyPlan(
  name: string,
  mine: (finding: ScanFinding) => boolean,
  extra: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ plan: Plan; apply: CommandResult }> {
  const scanFile = join(work, `${name}-scan.json`);
  const planFile = join(work, `${name}-plan.json`);
  const store = join(work, "history.sqlite");
  await writeFile(scanFile, JSON.stringify({ ...scanJson, findings: scanJson.findings.filter(mine) }));
  const planned = await stacksweep(
    ["plan", "--from-scan", scanFile, "--grace", "0", "--store", store, "-o", planFile, ...extra],
    env,
  );
  if (planned.code !== 0) throw new Error(`stacksweep plan (${name}) failed: ${describeRun(planned)}`);
  const plan = planSchema.parse(JSON.parse(await readFile(planFile, "utf8")));
  const apply = await stacksweep(
    [
      "apply",
      planFile,
      "--execute",
      "--yes",
      "--grace",
      "0",
      "--max-destructive",
      "200",
      "--store",
      store,
      "--audit-file",
      join(work, "audit.jsonl"),
      ...extra,
    ],
    env,
  );
  return { plan, apply };
}

/** The healthy project's resources with the fields an unwanted change would show (status, attachments, ports). */
async function healthySnapshot(): Promise<string[]> {
  const owned = await ownedResources(admin, healthy.projectId);
  const lines = await Promise.all(
    owned.map(async (r) => {
      if (r.type === "compute.server") {
        const body = z
          .object({ server: z.object({ status: z.string() }) })
          .parse(await admin.get("compute", `/servers/${r.id}`));
        return `${r.type} ${r.id} ${body.server.status}`;
      }
      if (r.type === "block-storage.volume") {
        const body = volumeSchema.parse(await admin.get("block-storage", `/volumes/${r.id}`));
        return `${r.type} ${r.id} ${body.volume.status} attachments=${body.volume.attachments.length}`;
      }
      if (r.type === "load-balancer.loadbalancer") {
        const body = loadBalancerSchema.parse(await admin.get("load-balancer", `/v2/lbaas/loadbalancers/${r.id}`));
        return `${r.type} ${r.id} ${body.loadbalancer.provisioning_status}`;
      }
      return `${r.type} ${r.id}`;
    }),
  );
  return lines.sort();
}

async function loadBalancerStatus(id: string): Promise<string> {
  const show = await admin.request("GET", "load-balancer", `/v2/lbaas/loadbalancers/${id}`);
  if (show.status === 404) return "gone";
  return loadBalancerSchema.parse(show.body).loadbalancer.provisioning_status;
}

beforeAll(async () => {
  admin = await devcloudAdmin();
  work = await mkdtemp(join(tmpdir(), "stacksweep-remediation-e2e-"));
  const suffix = Date.now().toString(36);
  const [publicNetwork, flavor] = await Promise.all([ensurePublicNetwork(admin), ensureFlavor(admin)]);
  [orphaned, broken, healthy] = (await Promise.all(
    ["rem-orphaned", "rem-broken", "rem-healthy"].map((n) => ProjectBuilder.create(admin, `${n}-${suffix}`)),
  )) as [ProjectBuilder, ProjectBuilder, ProjectBuilder];
  builders.push(orphaned, broken, healthy);

  // allSettled: a failure in one project must not leave another's setup running past afterAll's cleanup.
  const built = await Promise.allSettled([
    (async () => {
      // Everything here becomes an orphan once the project is deleted in Keystone.
      // The volume is not attached to the server: a plan deleting an attached orphan volume expects it still
      // `in-use` after its server's delete freed it, and apply skips it (reported to the remediation owner).
      await orphaned.fullProject(publicNetwork, flavor, {
        cidr: "10.41.0.0/24",
        rule: { port: 443, remoteIpPrefix: "192.0.2.0/24" },
      });
    })(),
    (async () => {
      const p = broken;
      const network = await p.network(`${p.name}-net`);
      const subnet = await p.subnet(`${p.name}-subnet`, network, "10.42.0.0/24");
      const image = await p.image(`${p.name}-image`);
      const [gone, attachedVolume, errorLb, pendingLb, amphoraLb] = await Promise.all([
        p.server(`${p.name}-server-gone`, flavor, image, network),
        p.volume(`${p.name}-volume-attached`),
        p.loadBalancer(`${p.name}-lb-error`, subnet),
        p.loadBalancer(`${p.name}-lb-pending`, subnet),
        p.loadBalancer(`${p.name}-lb-amphora`, subnet),
      ]);
      // Known before the surgery, so that afterAll can undo it even when a later step fails.
      Object.assign(planted, { attachedToGoneServerVolume: attachedVolume, errorLb, pendingUpdateLb: pendingLb });
      planted.amphoraLb = amphoraLb;
      await attachToDeletedServer(admin, gone, attachedVolume);
      // The "database surgery" of an operator after a power outage, two hours back (past every threshold).
      await devcloudSql(
        `UPDATE octavia.load_balancer SET provisioning_status='ERROR', updated_at=NOW() - INTERVAL 2 HOUR ` +
          `WHERE id='${errorLb}';` +
          `UPDATE octavia.load_balancer SET provisioning_status='PENDING_UPDATE', updated_at=NOW() - INTERVAL 2 HOUR ` +
          `WHERE id='${pendingLb}';` +
          `UPDATE octavia.amphora SET status='ERROR', updated_at=NOW() - INTERVAL 2 HOUR ` +
          `WHERE load_balancer_id='${amphoraLb}';`,
      );
      const [amphora] = await devcloudSql(
        `SELECT id FROM octavia.amphora WHERE load_balancer_id='${amphoraLb}' AND status='ERROR'`,
      );
      planted.errorAmphora = amphora?.[0] ?? "";
    })(),
    (async () => {
      // Healthy look-alikes of what the others have: none of it may change.
      const p = healthy;
      const network = await p.network(`${p.name}-net`);
      const subnet = await p.subnet(`${p.name}-subnet`, network, "10.43.0.0/24");
      await p.router(`${p.name}-router`, publicNetwork, subnet);
      const image = await p.image(`${p.name}-image`);
      const port = await p.port(`${p.name}-port`, network);
      await p.floatingIp(publicNetwork, port);
      const group = await p.securityGroup(`${p.name}-sg`);
      await p.securityGroupRule(group, 443, "192.0.2.0/24");
      const [server, volume] = await Promise.all([
        p.server(`${p.name}-server`, flavor, image, network),
        p.volume(`${p.name}-volume`),
        p.loadBalancer(`${p.name}-lb`, subnet),
      ]);
      await p.attachVolume(server, volume);
    })(),
  ]);
  for (const outcome of built) if (outcome.status === "rejected") throw outcome.reason;
  orphansBefore = await ownedResources(admin, orphaned.projectId);
  await orphaned.deleteProject();
  healthyBefore = await healthySnapshot();

  const scan = await stacksweep(["scan", "--os-cloud", DEVCLOUD_CLOUD, "-f", "json"]);
  // 0: no finding at or above --fail-on; 1: findings. Anything else is a failed scan.
  if (scan.code !== 0 && scan.code !== 1) throw new Error(`stacksweep scan failed: ${describeRun(scan)}`);
  scanJson = scanSchema.parse(JSON.parse(scan.stdout));

  // One plan per project: the devcloud is shared, and only what this suite planted may be touched.
  ({ plan: orphanPlan, apply: orphanApply } = await writeAndApplyPlan(
    "orphaned",
    (f) => f.resource.projectId === orphaned.projectId,
    [],
    {},
  ));
  const database = await octaviaDatabase();
  const config = join(work, "stacksweep.yaml");
  await writeFile(
    config,
    `remediation:\n  octaviaDatabase:\n    url: "${database.url}"\n    passwordEnv: ${OCTAVIA_PASSWORD_ENV}\n`,
  );
  ({ plan: brokenPlan, apply: brokenApply } = await writeAndApplyPlan(
    "broken",
    (f) => f.resource.projectId === broken.projectId || f.resource.id === planted.errorAmphora,
    ["--allow-db-write", "--config", config],
    { [OCTAVIA_PASSWORD_ENV]: database.password },
  ));
}, 1_800_000);

afterAll(async () => {
  // Whatever a failed apply left, the API can delete once the surgery is undone (the devcloud is reused).
  if (planted.pendingUpdateLb) {
    await devcloudSql(
      `UPDATE octavia.load_balancer SET provisioning_status='ACTIVE' WHERE id IN ` +
        `('${planted.pendingUpdateLb}', '${planted.errorLb}', '${planted.amphoraLb}') ` +
        `AND provisioning_status NOT IN ('ACTIVE', 'DELETED');` +
        `UPDATE cinder.volume_attachment SET deleted=1, attach_status='detached' WHERE volume_id='${planted.attachedToGoneServerVolume}';` +
        `UPDATE cinder.volumes SET status='available', attach_status='detached' WHERE id='${planted.attachedToGoneServerVolume}';`,
    ).catch(() => undefined);
  }
  for (const builder of builders) await builder.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
}, 900_000);

describe("stacksweep apply against real OpenStack", () => {
  test("the deleted project's orphans are all gone, deleted in dependency order", async () => {
    expect(orphanApply.code, describeRun(orphanApply)).toBe(0);
    const stepOn = (type: string) => orphanPlan.steps.find((s) => s.target.type === type)?.step ?? 0;
    const types = ["compute.server", "network.floatingip", "network.router", "network.port", "network.subnet"];
    types.push("network.network", "network.security-group", "block-storage.volume", "image.image");
    for (const type of types) expect(stepOn(type), `a step on the orphaned ${type}`).toBeGreaterThan(0);
    // Users before what they use: the floating IP and the server before the ports, the router's interface before
    // the subnet, the subnet before the network.
    expect(stepOn("network.floatingip")).toBeLessThan(stepOn("network.port"));
    expect(stepOn("compute.server")).toBeLessThan(stepOn("network.port"));
    expect(stepOn("network.router")).toBeLessThan(stepOn("network.subnet"));
    expect(stepOn("network.port")).toBeLessThan(stepOn("network.subnet"));
    expect(stepOn("network.subnet")).toBeLessThan(stepOn("network.network"));
    expect(orphanPlan.steps.filter((s) => s.status !== "planned")).toEqual([]);
    // What the project owned: the planted resources, its default security group and rules, the router's interface
    // and DHCP ports (those go with the router's interface removal and the network's delete); all of it must go.
    expect(orphansBefore.length).toBeGreaterThanOrEqual(15);

    await waitFor("the orphaned project to own nothing", async () => {
      const left = await ownedResources(admin, orphaned.projectId);
      return left.length === 0 ? { done: true } : { seen: left };
    });
  });

  test("the volume attached to a vanished server is freed", async () => {
    expect(brokenApply.code, describeRun(brokenApply)).toBe(0);
    const actions = brokenPlan.steps
      .filter((s) => s.target.id === planted.attachedToGoneServerVolume || s.action.startsWith("attachment"))
      .map((s) => s.action);
    expect(actions.length).toBeGreaterThan(0);
    const deletesVolume = actions.some((a) => a.startsWith("volume.") && a.includes("delete"));
    const volume = await admin.request("GET", "block-storage", `/volumes/${planted.attachedToGoneServerVolume}`);
    if (deletesVolume) {
      expect(volume.status).toBe(404);
    } else {
      const body = volumeSchema.parse(volume.body);
      expect(body.volume.status).toBe("available");
      expect(body.volume.attachments).toEqual([]);
    }
    const [attachments] = await devcloudSql(
      `SELECT COUNT(*) FROM cinder.volume_attachment WHERE volume_id='${planted.attachedToGoneServerVolume}' AND deleted=0`,
    );
    expect(attachments?.[0]).toBe("0");
  });

  test("the load balancer in ERROR is failed over and ends ACTIVE", async () => {
    expect(brokenApply.code, describeRun(brokenApply)).toBe(0);
    const steps = brokenPlan.steps.filter((s) => s.target.id === planted.errorLb).map((s) => s.action);
    expect(steps).toEqual(["loadbalancer.failover"]);
    expect(
      await waitFor(
        `load balancer ${planted.errorLb} ACTIVE`,
        async () => {
          const status = await loadBalancerStatus(planted.errorLb);
          return status === "ACTIVE" ? { done: status } : { seen: status };
        },
        180_000,
        2_000,
      ),
    ).toBe("ACTIVE");
  });

  test("the load balancer stuck PENDING_UPDATE is set to ERROR in Octavia's MariaDB, failed over, and ends ACTIVE", async () => {
    expect(brokenApply.code, describeRun(brokenApply)).toBe(0);
    const steps = brokenPlan.steps.filter((s) => s.target.id === planted.pendingUpdateLb);
    expect(steps.map((s) => s.action)).toEqual(["loadbalancer.db-set-error", "loadbalancer.failover"]);
    expect(steps.map((s) => s.status)).toEqual(["planned", "planned"]);
    expect(
      await waitFor(
        `load balancer ${planted.pendingUpdateLb} ACTIVE`,
        async () => {
          const status = await loadBalancerStatus(planted.pendingUpdateLb);
          return status === "ACTIVE" ? { done: status } : { seen: status };
        },
        180_000,
        2_000,
      ),
    ).toBe("ACTIVE");
  });

  test("the amphora in ERROR is replaced by a failover and its load balancer ends ACTIVE", async () => {
    expect(brokenApply.code, describeRun(brokenApply)).toBe(0);
    expect(planted.errorAmphora).not.toBe("");
    const steps = brokenPlan.steps.filter(
      (s) => s.target.id === planted.errorAmphora || s.target.id === planted.amphoraLb,
    );
    expect(steps.map((s) => s.action)).toEqual(["amphora.failover"]);
    expect(await loadBalancerStatus(planted.amphoraLb)).toBe("ACTIVE");
    const body = amphoraeSchema.parse(
      await admin.get("load-balancer", `/v2/octavia/amphorae?loadbalancer_id=${planted.amphoraLb}`),
    );
    const live = body.amphorae.filter((a) => a.status !== "DELETED");
    expect(live.map((a) => a.id)).not.toContain(planted.errorAmphora);
    expect(live.map((a) => a.status)).toEqual(["ALLOCATED"]);
  });

  test("the healthy project beside them is exactly as it was", async () => {
    expect(await healthySnapshot()).toEqual(healthyBefore);
  });
});
