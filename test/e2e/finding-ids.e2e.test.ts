// Ids an operator can paste, and findings that do not wait: problems planted on the devcloud (through the APIs and by
// the database surgery an outage leaves), scanned at once. Every finding of the scan names its resource by what the
// real `openstack` CLI takes (a show, or a list filtered to that record), and the problems whose references a lookup
// settles (Octavia's ports, a rule's remote group, an amphora's load balancer, a deleted project, a consumer) are
// reported right after planting: aged two hours by SQL and scanned again, the findings are the same.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import type { ResourceTypeId } from "../../src/inventory/resource-type-id.ts";
import { cliShow } from "./support/cli-show.ts";
import {
  DEVCLOUD_CLOUD,
  DEVCLOUD_CLOUDS_YAML,
  devcloudAdmin,
  devcloudSql,
  openstackCliEnv,
} from "./support/devcloud.ts";
import { ensureFlavor, ProjectBuilder } from "./support/project-builder.ts";
import type { RestSession } from "./support/rest-session.ts";
import { runCommand } from "./support/run-command.ts";
import { scanDevcloud } from "./support/scan-devcloud.ts";

const findingSchema = z.object({
  id: z.string(),
  check: z.string(),
  resource: z.object({ type: z.string(), id: z.string(), projectId: z.string().nullable() }),
  evidence: z.record(z.string(), z.unknown()),
});
type Finding = z.infer<typeof findingSchema>;

let admin: RestSession;
let project: ProjectBuilder;
let target: ProjectBuilder;
const suffix = Date.now().toString(36);
/** What was planted, by the check that must report it: resource type and id. */
const planted: { check: string; type: ResourceTypeId; id: string }[] = [];
/** Undone newest first before the builders' cleanup: surgery reverted, then what the builders do not track deleted. */
const undo: (() => Promise<unknown>)[] = [];
let atOnce: Finding[] = [];
let later: Finding[] = [];
let whole: Finding[] = [];

const plant = (check: string, type: ResourceTypeId, id: string): void => void planted.push({ check, type, id });

beforeAll(async () => {
  admin = await devcloudAdmin();
  [project, target] = await Promise.all([
    ProjectBuilder.create(admin, `ids-${suffix}`),
    ProjectBuilder.create(admin, `ids-target-${suffix}`),
  ]);
  const flavor = await ensureFlavor(admin);
  const network = await project.network(`${project.name}-net`);
  const subnet = await project.subnet(`${project.name}-subnet`, network, "10.41.0.0/24");

  // Octavia's own ports, named after a load balancer, an amphora and a subnet that do not exist (what a controller
  // crash in the middle of a delete leaves): found at once, through the lookups.
  const octaviaPort = async (name: string, owner: string): Promise<string> =>
    idOf(
      (
        await admin.expect(201, "POST", "network", "/v2.0/ports", {
          body: { port: { name, network_id: network, device_owner: owner, project_id: project.projectId } },
        })
      ).body,
      "port",
    );
  for (const [name, owner] of [
    [`octavia-lb-${randomUUID()}`, "Octavia"],
    [`octavia-lb-vrrp-${randomUUID()}`, "Octavia"],
    [`ovn-lb-hm-${randomUUID()}`, "ovn-lb-hm:distributed"],
  ] as const) {
    const id = await octaviaPort(name, owner);
    undo.push(() => admin.request("DELETE", "network", `/v2.0/ports/${id}`));
    plant("port-device-missing", "network.port", id);
  }

  // A rule whose remote group is gone: Neutron's foreign key cascades a group's delete to the rules naming it, so
  // only database surgery leaves one behind.
  const group = await project.securityGroup(`${project.name}-sg`);
  const rule = idOf(
    (
      await project.user.expect(201, "POST", "network", "/v2.0/security-group-rules", {
        body: { security_group_rule: { security_group_id: group, direction: "ingress", remote_group_id: group } },
      })
    ).body,
    "security_group_rule",
  );
  await devcloudSql(
    `SET FOREIGN_KEY_CHECKS=0; UPDATE neutron.securitygrouprules SET remote_group_id='${randomUUID()}' WHERE id='${rule}'`,
  );
  undo.push(() => admin.request("DELETE", "network", `/v2.0/security-group-rules/${rule}`));
  plant("security-group-rule-dangling", "network.security-group-rule", rule);

  // A load balancer in ERROR, whose amphora now serves one that does not exist.
  const lb = await project.loadBalancer(`${project.name}-lb`, subnet);
  const [amphora] = await devcloudSql(`SELECT id FROM octavia.amphora WHERE load_balancer_id='${lb}'`);
  await devcloudSql(
    `UPDATE octavia.load_balancer SET provisioning_status='ERROR' WHERE id='${lb}'; SET FOREIGN_KEY_CHECKS=0; ` +
      `UPDATE octavia.amphora SET load_balancer_id='${randomUUID()}' WHERE id='${amphora![0]!}'`,
  );
  undo.push(() =>
    devcloudSql(
      `UPDATE octavia.load_balancer SET provisioning_status='ACTIVE' WHERE id='${lb}'; ` +
        `UPDATE octavia.amphora SET load_balancer_id='${lb}' WHERE id='${amphora![0]!}'`,
    ),
  );
  plant("loadbalancer-error", "load-balancer.loadbalancer", lb);
  plant("amphora-orphaned", "load-balancer.amphora", amphora![0]!);

  // A volume and a snapshot in error.
  const volume = await project.volume(`${project.name}-volume`);
  const snapshot = await project.snapshot(`${project.name}-snapshot`, volume);
  await devcloudSql(
    `UPDATE cinder.volumes SET status='error' WHERE id='${volume}'; UPDATE cinder.snapshots SET status='error' WHERE id='${snapshot}'`,
  );
  undo.push(() =>
    devcloudSql(
      `UPDATE cinder.volumes SET status='available' WHERE id='${volume}'; ` +
        `UPDATE cinder.snapshots SET status='available' WHERE id='${snapshot}'`,
    ),
  );
  plant("volume-error", "block-storage.volume", volume);
  plant("snapshot-error", "block-storage.snapshot", snapshot);

  // A server in ERROR.
  const image = await project.image(`${project.name}-image`, "shared");
  const server = await project.server(`${project.name}-server`, flavor, image, network);
  await devcloudSql(`UPDATE nova.instances SET vm_state='error' WHERE uuid='${server}'`);
  undo.push(() => devcloudSql(`UPDATE nova.instances SET vm_state='active' WHERE uuid='${server}'`));
  plant("server-error", "compute.server", server);

  // An image shared with, and a network shared to, a project then deleted; a resource of that project: its orphan.
  await project.imageMember(image, target.projectId);
  plant("image-member-missing", "image.member", `${image}/${target.projectId}`);
  plant("rbac-policy-target-missing", "network.rbac-policy", await project.rbacPolicy(network, target.projectId));
  const targetNetwork = await target.network(`${target.name}-net`);
  plant("orphaned-resource", "network.network", targetNetwork);
  await target.deleteProject();

  // Placement capacity held by a consumer that is no server.
  const [provider] = await devcloudSql("SELECT uuid FROM placement.resource_providers LIMIT 1");
  const consumer = randomUUID();
  await admin.expect(204, "PUT", "placement", `/allocations/${consumer}`, {
    headers: { "OpenStack-API-Version": "placement 1.28" },
    body: {
      allocations: { [provider![0]!]: { resources: { VCPU: 1 } } },
      project_id: project.projectId,
      user_id: project.projectId,
      consumer_generation: null,
    },
  });
  undo.push(() => admin.request("DELETE", "placement", `/allocations/${consumer}`));
  plant("allocation-orphaned", "placement.allocation", consumer);

  // A Cinder and a Nova service that stopped reporting two hours ago.
  const host = `ids-${suffix}`;
  await devcloudSql(
    "INSERT INTO cinder.services (created_at, updated_at, deleted, host, `binary`, topic, report_count, disabled, " +
      `availability_zone, uuid) VALUES (NOW() - INTERVAL 2 HOUR, NOW() - INTERVAL 2 HOUR, 0, '${host}@lvm', ` +
      "'cinder-volume', 'cinder-volume', 1, 0, 'nova', UUID()); " +
      "INSERT INTO nova.services (created_at, updated_at, deleted, host, `binary`, topic, report_count, disabled, " +
      `uuid, version, forced_down, last_seen_up) VALUES (NOW() - INTERVAL 2 HOUR, NOW() - INTERVAL 2 HOUR, 0, '${host}', ` +
      "'nova-compute', 'compute', 1, 0, UUID(), 64, 0, NOW() - INTERVAL 2 HOUR)",
  );
  undo.push(() =>
    devcloudSql(`DELETE FROM cinder.services WHERE host='${host}@lvm'; DELETE FROM nova.services WHERE host='${host}'`),
  );
  plant("service-down", "block-storage.service", `cinder-volume/${host}@lvm`);
  const [novaService] = await devcloudSql(`SELECT uuid FROM nova.services WHERE host='${host}'`);
  plant("service-down", "compute.service", novaService![0]!);

  atOnce = await scan();
  whole = atOnce;
  // "Later" without waiting: every planted record's own clock put two hours back, the age windows' view of an hour on.
  await devcloudSql(
    `UPDATE neutron.standardattributes SET updated_at = updated_at - INTERVAL 2 HOUR, created_at = created_at - INTERVAL 2 HOUR ` +
      `WHERE id IN (SELECT standard_attr_id FROM neutron.ports WHERE project_id='${project.projectId}' ` +
      `UNION SELECT standard_attr_id FROM neutron.securitygrouprules WHERE project_id='${project.projectId}'); ` +
      `UPDATE octavia.amphora SET updated_at = NOW() - INTERVAL 2 HOUR, created_at = NOW() - INTERVAL 2 HOUR WHERE id='${amphora![0]!}'`,
  );
  later = await scan();
}, 1_200_000);

afterAll(async () => {
  for (const step of undo.reverse()) await step().catch(() => undefined);
  await project.cleanup();
  await target.cleanup();
}, 600_000);

async function scan(): Promise<Finding[]> {
  return z.object({ findings: z.array(findingSchema) }).parse(await scanDevcloud()).findings;
}

function idOf(body: unknown, key: string): string {
  return z.object({ [key]: z.object({ id: z.string() }) }).parse(body)[key]!.id;
}

/** The planted findings among a scan's, as "check type id", sorted. */
function plantedIn(findings: readonly Finding[]): string[] {
  const wanted = new Set(planted.map((p) => `${p.check} ${p.type} ${p.id}`));
  return findings
    .map((f) => `${f.check} ${f.resource.type} ${f.resource.id}`)
    .filter((key) => wanted.has(key))
    .sort();
}

describe("findings on the devcloud", () => {
  test("every planted problem is reported by the scan made right after planting", () => {
    expect(plantedIn(atOnce)).toEqual(planted.map((p) => `${p.check} ${p.type} ${p.id}`).sort());
  });

  test("the same findings two hours later: where a lookup settles a reference, no age window holds one back", () => {
    console.info(
      `planted ${planted.length}: ${plantedIn(atOnce).length} reported at once, ${plantedIn(later).length} two hours later`,
    );
    expect(plantedIn(later)).toEqual(plantedIn(atOnce));
  });

  test("every finding's resource id is what the openstack CLI takes", async () => {
    const env = openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD);
    const failed: { finding: Finding; why: string }[] = [];
    let answered = 0;
    // The shows run in one `openstack` process reading commands from stdin (its interactive shell): a process per
    // finding spends seconds starting Python on a busy machine. Each answer names its record's id.
    const batch: Finding[] = [];
    for (const finding of whole) {
      const command = cliShow(finding.resource.type as ResourceTypeId, finding.resource.id);
      if (command === null) failed.push({ finding, why: "no openstack command takes this type" });
      else if (command.found === undefined && finding.resource.type !== "placement.allocation") batch.push(finding);
      else {
        // A list filtered to the record, or an allocation (whose answer names providers, not the consumer).
        const result = await runCommand("openstack", [...command.argv, "-f", "json"], { env, timeoutMs: 300_000 });
        const rows = result.code === 0 ? (JSON.parse(result.stdout) as unknown) : null;
        const ok =
          result.code === 0 &&
          (command.found === undefined || command.found(z.array(z.record(z.string(), z.unknown())).parse(rows)));
        if (ok) answered += 1;
        else failed.push({ finding, why: `openstack ${command.argv.join(" ")}: ${result.stderr.trim()}` });
      }
    }
    const script = batch.map(
      (f) => `${cliShow(f.resource.type as ResourceTypeId, f.resource.id)!.argv.join(" ")} -f json`,
    );
    const shell = await runCommand("openstack", [], { env, input: `${script.join("\n")}\n`, timeoutMs: 600_000 });
    const shown = new Set(
      shell.stdout
        .split(/\n(?=\{)/)
        .filter((doc) => doc.trim() !== "")
        .map((doc) => z.record(z.string(), z.unknown()).parse(JSON.parse(doc)))
        .map((doc) => String(doc["id"] ?? doc["ID"])),
    );
    for (const finding of batch) {
      if (shown.has(finding.resource.id)) answered += 1;
      else failed.push({ finding, why: `openstack ${script[batch.indexOf(finding)]}: not shown` });
    }
    // Other suites share the devcloud: one of their resources may go between the scan and the command. A refusal
    // counts unless the resource is not ours and a new scan no longer reports it.
    const ours = new Set(planted.map((p) => p.id));
    const still = failed.some((f) => !ours.has(f.finding.resource.id))
      ? new Set((await scan()).map((f) => f.id))
      : null;
    const refused = failed.filter((f) => ours.has(f.finding.resource.id) || still?.has(f.finding.id) === true);
    console.info(
      `finding ids: ${answered} of ${whole.length} answered the openstack CLI, ${failed.length - refused.length} gone since the scan`,
    );
    expect(refused.map((f) => f.why)).toEqual([]);
    expect(answered).toBeGreaterThanOrEqual(planted.length);
  }, 900_000);
});
