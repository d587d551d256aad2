// `stacksweep scan -f json` against the real devcloud: real problems made through the real APIs (a deleted project's
// orphans, a leaked port, an open security group rule) and by the "database surgery" an operator does after a power
// outage (a volume stuck detaching, a load balancer stuck PENDING_UPDATE, an amphora in ERROR, an attachment to a
// server Nova no longer has). The scan must report exactly those, and nothing on the healthy project beside them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import { devcloudAdmin, devcloudSql } from "./support/devcloud.ts";
import { attachToDeletedServer } from "./support/attach-to-deleted-server.ts";
import { ownedResources } from "./support/owned-resources.ts";
import { ensureFlavor, ensurePublicNetwork, ProjectBuilder } from "./support/project-builder.ts";
import type { RestSession } from "./support/rest-session.ts";
import { scanDevcloud } from "./support/scan-devcloud.ts";

const findingSchema = z.object({
  check: z.string(),
  severity: z.string(),
  resource: z.object({ type: z.string(), id: z.string(), projectId: z.string().nullable() }),
});
const scanResultSchema = z.object({
  findings: z.array(findingSchema),
  inconclusive: z.array(z.object({ check: z.string(), reason: z.string() })),
});
type Finding = z.infer<typeof findingSchema>;

/** "check resource-type resource-id", sorted: a readable set for exact comparisons. */
const keyOf = (check: string, type: string, id: string) => `${check} ${type} ${id}`;
const keysOf = (findings: readonly Finding[]) =>
  findings.map((f) => keyOf(f.check, f.resource.type, f.resource.id)).sort();

let admin: RestSession;
const builders: ProjectBuilder[] = [];
let orphaned: ProjectBuilder;
let broken: ProjectBuilder;
let healthy: ProjectBuilder;
const planted = {
  orphanedOpenRule: "",
  attachedToGoneServerVolume: "",
  detachingVolume: "",
  pendingUpdateLb: "",
  errorAmphora: "",
  leakedPort: "",
  openRule: "",
};
const loadBalancers: string[] = [];
let findings: Finding[] = [];
let inconclusive: { check: string; reason: string }[] = [];

beforeAll(async () => {
  admin = await devcloudAdmin();
  const suffix = Date.now().toString(36);
  const [publicNetwork, flavor] = await Promise.all([ensurePublicNetwork(admin), ensureFlavor(admin)]);
  [orphaned, broken, healthy] = (await Promise.all(
    ["scan-orphaned", "scan-broken", "scan-healthy"].map((n) => ProjectBuilder.create(admin, `${n}-${suffix}`)),
  )) as [ProjectBuilder, ProjectBuilder, ProjectBuilder];
  builders.push(orphaned, broken, healthy);

  // Each project is built concurrently with the others; within one, steps follow their dependencies.
  await Promise.all([
    (async () => {
      // A full project, then deleted in Keystone: everything in it becomes an orphan.
      const p = orphaned;
      const { subnet, rule, server, volume } = await p.fullProject(publicNetwork, flavor, {
        cidr: "10.31.0.0/24",
        rule: { port: 22, remoteIpPrefix: "0.0.0.0/0" },
      });
      planted.orphanedOpenRule = rule;
      await p.attachVolume(server, volume);
      loadBalancers.push(await p.loadBalancer(`${p.name}-lb`, subnet));
    })(),
    (async () => {
      // A live project whose resources broke.
      const p = broken;
      const network = await p.network(`${p.name}-net`);
      const subnet = await p.subnet(`${p.name}-subnet`, network, "10.32.0.0/24");
      const image = await p.image(`${p.name}-image`);
      // A port whose server was never there: what a failed server delete leaves behind.
      planted.leakedPort = await p.port(`${p.name}-leaked-port`, network, {
        device_owner: "compute:nova",
        device_id: randomUUID(),
      });
      const group = await p.securityGroup(`${p.name}-sg`);
      planted.openRule = await p.securityGroupRule(group, 3389, "0.0.0.0/0");
      const [gone, attachedVolume, detachingVolume, lb] = await Promise.all([
        p.server(`${p.name}-server-gone`, flavor, image, network),
        p.volume(`${p.name}-volume-attached`),
        p.volume(`${p.name}-volume-detaching`),
        p.loadBalancer(`${p.name}-lb`, subnet),
      ]);
      loadBalancers.push(lb);
      await attachToDeletedServer(admin, gone, attachedVolume);
      planted.attachedToGoneServerVolume = attachedVolume;
      // Stuck for two hours: past the 1 h threshold for detaching and the 30 min one for PENDING_*.
      await devcloudSql(
        `UPDATE cinder.volumes SET status='detaching', updated_at=NOW() - INTERVAL 2 HOUR WHERE id='${detachingVolume}';` +
          `UPDATE octavia.load_balancer SET provisioning_status='PENDING_UPDATE', updated_at=NOW() - INTERVAL 2 HOUR ` +
          `WHERE id='${lb}';` +
          `UPDATE octavia.amphora SET status='ERROR', updated_at=NOW() - INTERVAL 2 HOUR WHERE load_balancer_id='${lb}';`,
      );
      planted.detachingVolume = detachingVolume;
      planted.pendingUpdateLb = lb;
      const [amphora] = await devcloudSql(`SELECT id FROM octavia.amphora WHERE load_balancer_id='${lb}'`);
      planted.errorAmphora = amphora?.[0] ?? "";
    })(),
    (async () => {
      // A healthy project beside them, with look-alikes of every planted problem done right.
      const p = healthy;
      const network = await p.network(`${p.name}-net`);
      const subnet = await p.subnet(`${p.name}-subnet`, network, "10.33.0.0/24");
      await p.router(`${p.name}-router`, publicNetwork, subnet);
      const image = await p.image(`${p.name}-image`);
      const group = await p.securityGroup(`${p.name}-sg`);
      await p.securityGroupRule(group, 443, "0.0.0.0/0");
      await p.securityGroupRule(group, 22, "192.0.2.0/24");
      const [server, volume] = await Promise.all([
        p.server(`${p.name}-server`, flavor, image, network),
        p.volume(`${p.name}-volume`),
      ]);
      await p.attachVolume(server, volume);
      const serverPort = await p.port(`${p.name}-fip-port`, network);
      await p.floatingIp(publicNetwork, serverPort);
      loadBalancers.push(await p.loadBalancer(`${p.name}-lb`, subnet));
    })(),
  ]);
  await orphaned.deleteProject();

  const scan = await runScan();
  findings = scan.result.findings;
  inconclusive = scan.result.inconclusive;
}, 1_200_000);

afterAll(async () => {
  // Undo the surgery so the API can delete what it made, then remove everything (the devcloud is reused).
  if (planted.pendingUpdateLb) {
    await devcloudSql(
      `UPDATE octavia.load_balancer SET provisioning_status='ACTIVE' WHERE id='${planted.pendingUpdateLb}';` +
        `UPDATE cinder.volume_attachment SET deleted=1, attach_status='detached' WHERE volume_id='${planted.attachedToGoneServerVolume}';` +
        `UPDATE cinder.volumes SET status='available', attach_status='detached' WHERE id IN ` +
        `('${planted.attachedToGoneServerVolume}', '${planted.detachingVolume}');`,
    ).catch(() => undefined);
  }
  for (const builder of builders) await builder.cleanup();
}, 600_000);

async function runScan(): Promise<{ result: z.infer<typeof scanResultSchema> }> {
  return { result: scanResultSchema.parse(await scanDevcloud()) };
}

describe("stacksweep scan against real OpenStack", () => {
  test("every check the planted problems need ran conclusively", () => {
    const needed = [
      "orphaned-resource",
      "volume-attached-to-missing-server",
      "volume-stuck",
      "loadbalancer-stuck-pending",
      "amphora-error",
      "port-device-missing",
      "security-group-rule-open",
    ];
    expect(inconclusive.filter((i) => needed.includes(i.check))).toEqual([]);
  });

  test("the deleted project's resources are all orphans, and nothing else is said of them", async () => {
    const owned = await ownedResources(admin, orphaned.projectId);
    expect(owned.length).toBeGreaterThanOrEqual(15);
    const expected = owned.map((r) => keyOf("orphaned-resource", r.type, r.id));
    expected.push(keyOf("security-group-rule-open", "network.security-group-rule", planted.orphanedOpenRule));
    const ownedIds = new Set(owned.map((r) => r.id));
    const actual = findings.filter((f) => ownedIds.has(f.resource.id) || f.resource.projectId === orphaned.projectId);
    expect(keysOf(actual)).toEqual(expected.sort());
    for (const finding of actual.filter((f) => f.check === "orphaned-resource")) {
      expect(finding.resource.projectId).toBe(orphaned.projectId);
    }
  });

  test("the broken project's planted problems, exactly", async () => {
    const owned = await ownedResources(admin, broken.projectId);
    const ownedIds = new Set(owned.map((r) => r.id));
    const actual = findings.filter((f) => ownedIds.has(f.resource.id) || f.resource.projectId === broken.projectId);
    expect(keysOf(actual)).toEqual(
      [
        keyOf("volume-attached-to-missing-server", "block-storage.volume", planted.attachedToGoneServerVolume),
        keyOf("volume-stuck", "block-storage.volume", planted.detachingVolume),
        keyOf("loadbalancer-stuck-pending", "load-balancer.loadbalancer", planted.pendingUpdateLb),
        keyOf("port-device-missing", "network.port", planted.leakedPort),
        keyOf("security-group-rule-open", "network.security-group-rule", planted.openRule),
      ].sort(),
    );
  });

  test("the amphora set to ERROR is reported", () => {
    expect(planted.errorAmphora).not.toBe("");
    const onAmphora = findings.filter((f) => f.resource.id === planted.errorAmphora).map((f) => f.check);
    expect(onAmphora).toContain("amphora-error");
  });

  test("nothing is reported on the healthy project", async () => {
    const owned = await ownedResources(admin, healthy.projectId);
    const ownedIds = new Set(owned.map((r) => r.id));
    const actual = findings.filter((f) => ownedIds.has(f.resource.id) || f.resource.projectId === healthy.projectId);
    expect(keysOf(actual)).toEqual([]);
  });
});
