// `stacksweep scan --deep database` against the devcloud's real MariaDB with Zed's schemas: each database check is
// proven on rows planted by SQL (the leftovers of an outage) beside healthy look-alikes, an API check and a database
// check that see the same resource make one finding, and a scan whose Octavia API is unreachable (its endpoint
// overridden to a closed port, for this scan only: the shared octavia-api keeps running) still reports the load
// balancer stuck in PENDING_* from Octavia's database. Every planted row is removed afterwards.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
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
import type { RestSession } from "./support/rest-session.ts";
import { runCommand } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

const findingSchema = z.object({
  check: z.string(),
  resource: z.object({ type: z.string(), id: z.string() }),
  evidence: z.record(z.string(), z.unknown()),
});
const scanResultSchema = z.object({
  findings: z.array(findingSchema),
  inconclusive: z.array(z.object({ check: z.string(), reason: z.string() })),
  coverage: z.array(z.object({ type: z.string(), coverage: z.record(z.string(), z.unknown()) })),
});
type ScanResult = z.infer<typeof scanResultSchema>;

const ETC = join(DEVCLOUD_STATE, "etc");
/** The services' own config files, as an operator would name them. */
const DATABASES = {
  nova: { config: join(ETC, "nova", "nova-db.conf") },
  cinder: { config: join(ETC, "cinder", "cinder.conf") },
  octavia: { config: join(ETC, "octavia", "octavia.conf") },
  glance: { config: join(ETC, "glance", "glance-api.conf") },
  placement: { config: join(ETC, "placement", "placement.conf") },
};

let admin: RestSession;
let builder: ProjectBuilder;
let dir: string;
const id = {
  server: "",
  liveVolume: "",
  lbStuck: "",
  lbHealthy: "",
  listenerStuck: "",
  listenerOk: "",
  amphoraStuck: "",
  amphoraHealthy: "",
  imageOk: "",
  imageKilled: "",
  imagePending: "",
  provider: "",
  consumerGone: randomUUID(),
  volumeGone: randomUUID(),
  attachmentGone: randomUUID(),
  metadataGone: "",
  metadataOk: "",
  bdmGone: "",
  mappingGone: randomUUID(),
};
let deep: ScanResult;
let fallback: ScanResult;

beforeAll(async () => {
  admin = await devcloudAdmin();
  dir = mkdtempSync(join(tmpdir(), "stacksweep-db-e2e-"));
  const suffix = Date.now().toString(36);
  const flavor = await ensureFlavor(admin);
  builder = await ProjectBuilder.create(admin, `db-checks-${suffix}`);
  const p = builder;
  const network = await p.network(`${p.name}-net`);
  const subnet = await p.subnet(`${p.name}-subnet`, network, "10.41.0.0/24");
  id.imageOk = await p.image(`${p.name}-image`);
  [id.server, id.liveVolume, id.lbStuck, id.lbHealthy, id.imageKilled, id.imagePending] = await Promise.all([
    p.server(`${p.name}-server`, flavor, id.imageOk, network),
    p.volume(`${p.name}-volume`),
    p.loadBalancer(`${p.name}-lb-stuck`, subnet),
    p.loadBalancer(`${p.name}-lb-healthy`, subnet),
    p.image(`${p.name}-image-killed`),
    p.image(`${p.name}-image-pending`),
  ]);
  id.listenerStuck = await listener(id.lbHealthy, 80);
  id.listenerOk = await listener(id.lbHealthy, 81);
  const amphora = async (lb: string): Promise<string> =>
    (
      await devcloudSql(`SELECT id FROM octavia.amphora WHERE load_balancer_id='${lb}' AND status='ALLOCATED'`)
    )[0]?.[0] ?? "";
  [id.amphoraStuck, id.amphoraHealthy] = await Promise.all([amphora(id.lbStuck), amphora(id.lbHealthy)]);
  id.provider = (await devcloudSql("SELECT uuid FROM placement.resource_providers ORDER BY id LIMIT 1"))[0]?.[0] ?? "";

  // The surgery: what an outage leaves behind, two hours old (past every threshold), beside healthy look-alikes.
  const twoHoursAgo = "NOW() - INTERVAL 2 HOUR";
  await devcloudSql(
    [
      `UPDATE octavia.load_balancer SET provisioning_status='PENDING_UPDATE', updated_at=${twoHoursAgo} WHERE id='${id.lbStuck}'`,
      `UPDATE octavia.listener SET provisioning_status='PENDING_UPDATE', updated_at=${twoHoursAgo} WHERE id='${id.listenerStuck}'`,
      `INSERT INTO octavia.amphora_health VALUES ('${id.amphoraStuck}', ${twoHoursAgo}, 1), ('${id.amphoraHealthy}', NOW(), 0)`,
      `UPDATE glance.images SET status='killed' WHERE id='${id.imageKilled}'`,
      `UPDATE glance.images SET status='pending_delete', deleted=1, deleted_at=NOW() - INTERVAL 3 DAY WHERE id='${id.imagePending}'`,
      `INSERT INTO placement.consumers (uuid, project_id, user_id, generation, created_at) SELECT '${id.consumerGone}', ` +
        `(SELECT MIN(id) FROM placement.projects), (SELECT MIN(id) FROM placement.users), 0, NOW()`,
      `INSERT INTO placement.allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) ` +
        `SELECT id, '${id.consumerGone}', 0, 1, NOW() FROM placement.resource_providers WHERE uuid='${id.provider}'`,
      `INSERT INTO cinder.volumes (id, volume_type_id, status, deleted, deleted_at, created_at, project_id, size) ` +
        `SELECT '${id.volumeGone}', id, 'deleted', 1, ${twoHoursAgo}, ${twoHoursAgo}, '${builder.projectId}', 1 ` +
        `FROM cinder.volume_types LIMIT 1`,
      `INSERT INTO cinder.volume_attachment (id, volume_id, instance_uuid, attach_status, deleted, created_at) ` +
        `VALUES ('${id.attachmentGone}', '${id.volumeGone}', '${id.server}', 'attached', 0, ${twoHoursAgo})`,
      `INSERT INTO cinder.volume_metadata (volume_id, \`key\`, value, deleted, created_at) VALUES ` +
        `('${id.volumeGone}', 'owner', 'gone', 0, NOW()), ('${id.liveVolume}', 'owner', 'live', 0, NOW())`,
      `INSERT INTO nova.block_device_mapping (instance_uuid, volume_id, source_type, destination_type, device_name, ` +
        `delete_on_termination, deleted, created_at, uuid) VALUES ('${id.server}', '${id.volumeGone}', 'volume', ` +
        `'volume', '/dev/vdz', 0, 0, NOW(), '${randomUUID()}')`,
      // Cinder's usage of volumes says 3 more than the project holds; its gigabytes usage is left true.
      `UPDATE cinder.quota_usages SET in_use = in_use + 3, updated_at = ${twoHoursAgo} ` +
        `WHERE project_id = '${builder.projectId}' AND resource = 'volumes' AND deleted = 0`,
      `INSERT INTO nova_api.instance_mappings (instance_uuid, cell_id, project_id, queued_for_delete, created_at) ` +
        `VALUES ('${id.mappingGone}', NULL, '${builder.projectId}', 0, ${twoHoursAgo})`,
    ].join(";\n") + ";",
  );
  const [metadataGone, metadataOk] = await devcloudSql(
    `SELECT id FROM cinder.volume_metadata WHERE volume_id IN ('${id.volumeGone}', '${id.liveVolume}') ` +
      `ORDER BY volume_id = '${id.liveVolume}'`,
  );
  id.metadataGone = metadataGone?.[0] ?? "";
  id.metadataOk = metadataOk?.[0] ?? "";
  id.bdmGone =
    (await devcloudSql(`SELECT id FROM nova.block_device_mapping WHERE volume_id='${id.volumeGone}'`))[0]?.[0] ?? "";

  // The Octavia API of the fallback scan: a loopback port nothing listens on.
  const closed = await closedPort();
  const clouds = readFileSync(DEVCLOUD_CLOUDS_YAML, "utf8").replace(
    "    region_name: RegionOne\n",
    `    region_name: RegionOne\n    load_balancer_endpoint_override: http://127.0.0.1:${closed}/\n`,
  );
  writeFileSync(join(dir, "clouds-octavia-down.yaml"), clouds);
  writeSettings("deep.yaml", DATABASES);
  // Glance's database with a wrong password: its checks inconclusive, every other check unaffected.
  writeSettings("fallback.yaml", {
    ...DATABASES,
    glance: { url: "mysql+pymysql://devcloud:not-the-password@127.0.0.1:3306/glance" },
  });
  [deep, fallback] = [
    await scan(DEVCLOUD_CLOUDS_YAML, "deep.yaml"),
    await scan(join(dir, "clouds-octavia-down.yaml"), "fallback.yaml"),
  ];
}, 1_200_000);

afterAll(async () => {
  // Undo the surgery first, so that the APIs can delete what they made (the devcloud is shared and reused).
  await devcloudSql(
    [
      `UPDATE octavia.load_balancer SET provisioning_status='ACTIVE' WHERE id IN ('${id.lbStuck}', '${id.lbHealthy}')`,
      `UPDATE octavia.listener SET provisioning_status='ACTIVE' WHERE id='${id.listenerStuck}'`,
      `DELETE FROM octavia.amphora_health WHERE amphora_id IN ('${id.amphoraStuck}', '${id.amphoraHealthy}')`,
      `UPDATE glance.images SET status='active', deleted=0, deleted_at=NULL WHERE id IN ('${id.imageKilled}', '${id.imagePending}')`,
      `DELETE FROM placement.allocations WHERE consumer_id='${id.consumerGone}'`,
      `DELETE FROM placement.consumers WHERE uuid='${id.consumerGone}'`,
      `DELETE FROM nova.block_device_mapping WHERE volume_id='${id.volumeGone}'`,
      `DELETE FROM cinder.volume_metadata WHERE volume_id IN ('${id.volumeGone}', '${id.liveVolume}')`,
      `DELETE FROM cinder.volume_attachment WHERE id='${id.attachmentGone}'`,
      `DELETE FROM cinder.volumes WHERE id='${id.volumeGone}'`,
      `DELETE FROM nova_api.instance_mappings WHERE instance_uuid='${id.mappingGone}'`,
      `UPDATE cinder.quota_usages SET in_use = in_use - 3 WHERE project_id = '${builder.projectId}' AND resource = 'volumes' AND deleted = 0`,
    ].join(";\n") + ";",
  ).catch(() => undefined);
  await builder?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 600_000);

async function listener(lb: string, port: number): Promise<string> {
  const created = await builder.user.expect(201, "POST", "load-balancer", "/v2/lbaas/listeners", {
    body: { listener: { loadbalancer_id: lb, protocol: "HTTP", protocol_port: port } },
  });
  const listenerId = z.object({ listener: z.object({ id: z.string() }) }).parse(created.body).listener.id;
  await waitFor(`load balancer ${lb} ACTIVE with listener ${port}`, async () => {
    const body = z
      .object({ loadbalancer: z.object({ provisioning_status: z.string() }) })
      .parse(await builder.user.get("load-balancer", `/v2/lbaas/loadbalancers/${lb}`));
    const status = body.loadbalancer.provisioning_status;
    return status === "ACTIVE" ? { done: true } : { seen: status };
  });
  return listenerId;
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function writeSettings(name: string, database: Record<string, unknown>): void {
  writeFileSync(join(dir, name), JSON.stringify({ deep: [{ cloud: DEVCLOUD_CLOUD, database }] }));
}

async function scan(cloudsYaml: string, settings: string): Promise<ScanResult> {
  const env = { ...openstackCliEnv(cloudsYaml, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
  const args = ["tsx", "src/cli/main.ts", "scan", "--os-cloud", DEVCLOUD_CLOUD, "-f", "json"];
  const result = await runCommand("npx", [...args, "--deep", "database", "--config", join(dir, settings)], {
    env,
    timeoutMs: 300_000,
  });
  // 0, or 4 when some check was inconclusive (the wrong password): anything else is a failed scan.
  if (result.code !== 0 && result.code !== 4) {
    throw new Error(`stacksweep scan exited ${result.code}:\n${result.stderr.slice(-3000)}`);
  }
  return scanResultSchema.parse(JSON.parse(result.stdout));
}

/** The findings on these resource ids, as "check type id". */
function on(result: ScanResult, ...ids: string[]): string[] {
  return result.findings
    .filter((f) => ids.includes(f.resource.id))
    .map((f) => `${f.check} ${f.resource.type} ${f.resource.id}`)
    .sort();
}

function evidenceOf(result: ScanResult, check: string, resourceId: string): Record<string, unknown> | undefined {
  return result.findings.find((f) => f.check === check && f.resource.id === resourceId)?.evidence;
}

describe("stacksweep scan --deep database on the devcloud's MariaDB", () => {
  test("every database check ran conclusively", () => {
    const database = [
      "image-unlisted",
      "loadbalancer-child-stuck-pending",
      "amphora-heartbeat-stopped",
      "allocation-consumer-gone",
      "cinder-row-parent-deleted",
      "block-device-mapping-volume-deleted",
      "instance-mapping-unresolved",
      "volume-quota-usage-drift",
    ];
    expect(deep.inconclusive.filter((i) => database.includes(i.check))).toEqual([]);
  });

  test("images the Image API never lists: killed, and pending_delete past the scrubber's delay", () => {
    expect(on(deep, id.imageKilled, id.imagePending, id.imageOk)).toEqual(
      [
        `image-unlisted database.image-unlisted ${id.imageKilled}`,
        `image-unlisted database.image-unlisted ${id.imagePending}`,
      ].sort(),
    );
  });

  test("a listener stuck in PENDING_UPDATE is one finding, the API check's with the database's evidence", () => {
    expect(on(deep, id.listenerStuck, id.listenerOk, id.lbHealthy)).toEqual([
      `loadbalancer-stuck-pending load-balancer.listener ${id.listenerStuck}`,
    ]);
    expect(evidenceOf(deep, "loadbalancer-stuck-pending", id.listenerStuck)?.database).toMatchObject({
      table: "listener",
      provisioning_status: "PENDING_UPDATE",
      load_balancer_id: id.lbHealthy,
    });
  });

  test("an amphora whose heartbeat stopped with its health row busy, not the one beating", () => {
    expect(id.amphoraStuck).not.toBe("");
    // (The devcloud's noop compute driver gives amphorae no server: amphora-server-missing is said of both.)
    expect(on(deep, id.amphoraStuck, id.amphoraHealthy).filter((f) => f.startsWith("amphora-heartbeat"))).toEqual([
      `amphora-heartbeat-stopped load-balancer.amphora ${id.amphoraStuck}`,
    ]);
    expect(evidenceOf(deep, "amphora-heartbeat-stopped", id.amphoraStuck)).toMatchObject({ busy: true });
  });

  test("placement allocations of a consumer that is no instance in any cell: one finding, not the server's", () => {
    const keys = deep.findings
      .filter((f) => f.resource.id.endsWith(id.consumerGone) || f.resource.id.endsWith(id.server))
      .filter((f) => f.resource.type === "placement.allocation")
      .map((f) => f.resource.id);
    expect(keys).toEqual([id.consumerGone]);
  });

  test("Cinder rows of a deleted volume, not the live volume's metadata", () => {
    const rows = deep.findings.filter((f) => f.check === "cinder-row-parent-deleted").map((f) => f.resource.id);
    expect(rows).toEqual(
      expect.arrayContaining([`volume_attachment/${id.attachmentGone}`, `volume_metadata/${id.metadataGone}`]),
    );
    expect(rows).not.toContain(`volume_metadata/${id.metadataOk}`);
  });

  test("a server's block device mapping of a deleted volume is one finding, the API check's with the mapping", () => {
    expect(on(deep, id.server)).toEqual([`server-volume-missing compute.server ${id.server}`]);
    expect(evidenceOf(deep, "server-volume-missing", id.server)?.database).toMatchObject({
      cell: "cell1",
      block_device_mapping: [{ id: `cell1/${id.bdmGone}`, volume_id: id.volumeGone, volume_row: "deleted" }],
    });
  });

  test("Cinder's volumes usage that drifted from the project's one volume, not its true gigabytes usage", () => {
    const drift = deep.findings.filter(
      (f) => f.check === "volume-quota-usage-drift" && f.resource.id.startsWith(`${builder.projectId}/`),
    );
    expect(drift.map((f) => [f.resource.id, f.evidence.in_use, f.evidence.actual])).toEqual([
      [`${builder.projectId}/volumes`, 4, 1],
    ]);
  });

  test("an instance mapping without cell or build request, not the live server's", () => {
    expect(on(deep, id.mappingGone)).toEqual([
      `instance-mapping-unresolved database.instance-mapping-unresolved ${id.mappingGone}`,
    ]);
  });
});

describe("stacksweep scan --deep database while Octavia's API is unreachable", () => {
  test("load balancers come from Octavia's database, and the one stuck in PENDING_UPDATE is reported", () => {
    const coverage = fallback.coverage.find((c) => c.type === "load-balancer.loadbalancer")?.coverage;
    expect(coverage).toMatchObject({ status: "complete", source: "database" });
    expect(String(coverage?.apiFailure)).toContain("load-balancer");
    expect(on(fallback, id.lbStuck, id.lbHealthy)).toEqual([
      `loadbalancer-stuck-pending load-balancer.loadbalancer ${id.lbStuck}`,
    ]);
    expect(evidenceOf(fallback, "loadbalancer-stuck-pending", id.lbStuck)).toMatchObject({
      provisioning_status: "PENDING_UPDATE",
      source: "database",
    });
  });

  test("a database with a wrong password makes its checks inconclusive with one line, and nothing else", () => {
    expect(fallback.inconclusive.find((i) => i.check === "image-unlisted")?.reason).toMatch(
      /^database\.image-unlisted: failed \(cannot open the glance database at 127\.0\.0\.1:3306\/glance: access denied: wrong user or password \(ER_ACCESS_DENIED_ERROR\)\)$/,
    );
    expect(JSON.stringify(fallback)).not.toContain("not-the-password");
    expect(fallback.inconclusive.map((i) => i.check)).not.toContain("amphora-heartbeat-stopped");
    expect(fallback.inconclusive.map((i) => i.check)).not.toContain("server-volume-missing");
  });
});
