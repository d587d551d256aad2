// Heat and Designate on the real devcloud (test/e2e/devcloud/services/heat.sh, designate.sh): a deleted project's
// stack (with the network it created and a nested stack) and its zone (with a record) are found and purged, the stack
// before what it created; and the broken states operators meet: a stack whose create failed, a stack an engine left
// in progress, zones in ERROR and stuck PENDING. Every assertion reads what the real services answered.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import {
  DEVCLOUD_CLOUD,
  DEVCLOUD_CLOUDS_YAML,
  devcloudAdmin,
  devcloudSql,
  openstackCliEnv,
} from "./support/devcloud.ts";
import { ProjectBuilder } from "./support/project-builder.ts";
import type { RestSession } from "./support/rest-session.ts";
import { runCommand, type CommandResult } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

const ALL_PROJECTS = { "x-auth-all-projects": "true" };
// A pool no designate-worker serves (as after a pool is retired from pools.yaml): Designate's periodic recovery
// leaves its zones as they are, so a planted ERROR or PENDING zone stays what the suite made it.
const RETIRED_POOL = "00000000-0000-4000-8000-00000000dead";

const findingSchema = z.looseObject({
  check: z.string(),
  summary: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  resource: z.looseObject({ type: z.string(), id: z.string(), projectId: z.string().nullable() }),
});
type Finding = z.infer<typeof findingSchema>;
const scanSchema = z.looseObject({
  findings: z.array(findingSchema),
  coverage: z.array(z.looseObject({ type: z.string(), coverage: z.looseObject({ status: z.string() }) })),
  inconclusive: z.array(z.looseObject({ check: z.string() })),
});
const planSchema = z.object({
  steps: z.array(z.looseObject({ action: z.string(), target: z.object({ type: z.string(), id: z.string() }) })),
});
const stackSchema = z.object({ stack: z.looseObject({ id: z.string(), stack_status: z.string() }) });
const createdStackSchema = z.object({ stack: z.object({ id: z.string() }) });
const zoneSchema = z.looseObject({ id: z.string(), status: z.string() });

const suffix = Date.now().toString(36);
const CHECKS = "orphaned-resource,stack-failed,stack-stuck,zone-error,zone-stuck-pending";

let admin: RestSession;
let orphan: ProjectBuilder;
let work: string;
let scan: z.infer<typeof scanSchema>;
const planted = {
  orphanStack: { name: `e2e-orphan-${suffix}`, id: "" },
  orphanNetwork: "",
  orphanZone: "",
  failedStack: { name: `e2e-failed-${suffix}`, id: "" },
  stuckStack: { name: `e2e-stuck-${suffix}`, id: "" },
  errorZone: "",
  pendingZone: "",
};
let purgePlan: z.infer<typeof planSchema>;
let purgeApply: CommandResult;

const template = (resources: Record<string, unknown>) => ({ heat_template_version: "2018-08-31", resources });

async function createStack(session: RestSession, name: string, resources: Record<string, unknown>): Promise<string> {
  const created = await session.expect(201, "POST", "orchestration", "/stacks", {
    body: { stack_name: name, template: template(resources), timeout_mins: 10 },
  });
  const id = createdStackSchema.parse(created.body).stack.id;
  await waitFor(`stack ${name} settled`, async () => {
    const { stack } = stackSchema.parse(await session.get("orchestration", `/stacks/${name}/${id}`));
    return stack.stack_status.endsWith("_IN_PROGRESS") ? { seen: stack.stack_status } : { done: stack.stack_status };
  });
  return id;
}

async function createZone(session: RestSession, name: string): Promise<string> {
  const created = await session.expect(202, "POST", "dns", "/v2/zones", {
    body: { name, email: `hostmaster@${name.slice(0, -1)}` },
  });
  const id = zoneSchema.parse(created.body).id;
  // Only an admin may ask for every project's zones: the owner reads its own without the header.
  const headers = session === admin ? ALL_PROJECTS : {};
  await waitFor(`zone ${name} ACTIVE`, async () => {
    const zone = zoneSchema.parse(await session.get("dns", `/v2/zones/${id}`, headers));
    return zone.status === "ACTIVE" ? { done: true } : { seen: zone.status };
  });
  return id;
}

async function stacksweep(args: readonly string[]): Promise<CommandResult> {
  const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
  return runCommand("npx", ["tsx", "src/cli/main.ts", ...args], { env, timeoutMs: 600_000 });
}

const findingsOf = (check: string, id: string): Finding[] =>
  scan.findings.filter((f) => f.check === check && f.resource.id === id);

beforeAll(async () => {
  admin = await devcloudAdmin();
  for (const service of ["orchestration", "dns"]) admin.endpoint(service); // throws naming the missing service
  work = await mkdtemp(join(tmpdir(), "stacksweep-e2e-heat-dns-"));

  // The project that will be deleted: a stack with a network and a nested stack, a zone with a record.
  orphan = await ProjectBuilder.create(admin, `e2e-heat-dns-${suffix}`);
  planted.orphanStack.id = await createStack(orphan.user, planted.orphanStack.name, {
    net: { type: "OS::Neutron::Net", properties: { name: `e2e-stack-net-${suffix}` } },
    group: {
      type: "OS::Heat::ResourceGroup",
      properties: { count: 2, resource_def: { type: "OS::Heat::None" } },
    },
  });
  const networks = z
    .object({ networks: z.array(z.object({ id: z.string() })) })
    .parse(await admin.get("network", `/v2.0/networks?name=e2e-stack-net-${suffix}`));
  planted.orphanNetwork = networks.networks[0]?.id ?? "";
  planted.orphanZone = await createZone(orphan.user, `orphan-${suffix}.test.`);
  await orphan.user.expect(202, "POST", "dns", `/v2/zones/${planted.orphanZone}/recordsets`, {
    body: { name: `www.orphan-${suffix}.test.`, type: "A", records: ["203.0.113.10"] },
  });

  // Broken states, in the admin's project. Heat's own test resource fails its create for real.
  planted.failedStack.id = await createStack(admin, planted.failedStack.name, {
    broken: { type: "OS::Heat::TestResource", properties: { fail: true } },
  });
  // An engine that died mid-update leaves the stack as the operator finds it in Heat's database.
  planted.stuckStack.id = await createStack(admin, planted.stuckStack.name, { nothing: { type: "OS::Heat::None" } });
  await devcloudSql(
    `UPDATE heat.stack SET action='UPDATE', status='IN_PROGRESS', updated_at=UTC_TIMESTAMP() - INTERVAL 3 HOUR ` +
      `WHERE id='${planted.stuckStack.id}'`,
  );
  planted.errorZone = await createZone(admin, `e2e-error-${suffix}.test.`);
  planted.pendingZone = await createZone(admin, `e2e-pending-${suffix}.test.`);
  await devcloudSql(
    `UPDATE designate.zones SET status='ERROR', action='UPDATE', pool_id=REPLACE('${RETIRED_POOL}','-',''), ` +
      `updated_at=UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE id=REPLACE('${planted.errorZone}','-','')`,
  );
  await devcloudSql(
    `UPDATE designate.zones SET status='PENDING', action='UPDATE', pool_id=REPLACE('${RETIRED_POOL}','-',''), ` +
      `updated_at=UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE id=REPLACE('${planted.pendingZone}','-','')`,
  );

  await orphan.deleteProject();
  const scanned = await stacksweep(["scan", "--os-cloud", DEVCLOUD_CLOUD, "-f", "json", "--checks", CHECKS]);
  // 1: findings; 4: some check inconclusive (asserted below, per check).
  if (![0, 1, 4].includes(scanned.code)) throw new Error(`scan exited ${scanned.code}: ${scanned.stderr}`);
  scan = scanSchema.parse(JSON.parse(scanned.stdout));

  // Purge exactly this suite's orphans (the devcloud is shared).
  const scanFile = join(work, "scan.json");
  const planFile = join(work, "plan.json");
  const store = join(work, "history.sqlite");
  const mine = scan.findings.filter(
    (f) => f.check === "orphaned-resource" && f.resource.projectId === orphan.projectId,
  );
  await writeFile(scanFile, JSON.stringify({ ...scan, findings: mine }));
  const planned = await stacksweep(["plan", "--from-scan", scanFile, "--grace", "0", "--store", store, "-o", planFile]);
  if (planned.code !== 0) throw new Error(`plan exited ${planned.code}: ${planned.stderr}`);
  purgePlan = planSchema.parse(JSON.parse(await readFile(planFile, "utf8")));
  purgeApply = await stacksweep([
    "apply",
    planFile,
    "--execute",
    "--yes",
    "--grace",
    "0",
    "--store",
    store,
    "--audit-file",
    join(work, "audit.jsonl"),
  ]);
});

afterAll(async () => {
  // Undo the database surgery first, so that the services can delete what the suite made.
  for (const zone of [planted.errorZone, planted.pendingZone].filter((id) => id !== "")) {
    await devcloudSql(
      `UPDATE designate.zones SET status='ACTIVE', action='NONE', pool_id='794ccc2cd75144feb57f8894c9f5c842' ` +
        `WHERE id=REPLACE('${zone}','-','')`,
    );
    await admin.request("DELETE", "dns", `/v2/zones/${zone}`, { headers: ALL_PROJECTS });
  }
  if (planted.stuckStack.id !== "")
    await devcloudSql(`UPDATE heat.stack SET status='COMPLETE' WHERE id='${planted.stuckStack.id}'`);
  for (const stack of [planted.failedStack, planted.stuckStack, planted.orphanStack].filter((s) => s.id !== ""))
    await admin.request("DELETE", "orchestration", `/stacks/${stack.name}/${stack.id}`);
  if (planted.orphanZone !== "")
    await admin.request("DELETE", "dns", `/v2/zones/${planted.orphanZone}`, { headers: ALL_PROJECTS });
  await orphan?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("Heat and Designate on the real devcloud", () => {
  test("lists stacks and zones completely, and every new check runs", () => {
    const coverage = Object.fromEntries(scan.coverage.map((c) => [c.type, c.coverage.status]));
    expect(coverage).toMatchObject({
      "orchestration.stack": "complete",
      "dns.zone": "complete",
      "dns.recordset": "complete",
    });
    expect(scan.inconclusive.filter((i) => i.check !== "orphaned-resource")).toEqual([]);
    // The orphan check reads every owned type: only another service's listing may leave it partial.
    expect(JSON.stringify(scan.inconclusive)).not.toMatch(/orchestration|dns\./);
  });

  test("finds the deleted project's stack, keyed as Heat's path needs it, and its zone with the name it answers", () => {
    const [stack] = findingsOf("orphaned-resource", `${planted.orphanStack.name}/${planted.orphanStack.id}`);
    expect(stack?.resource.projectId).toBe(orphan.projectId);
    expect(stack?.evidence).toMatchObject({ stack_status: "CREATE_COMPLETE" });
    const [zone] = findingsOf("orphaned-resource", planted.orphanZone);
    expect(zone?.summary).toBe(`zone owned by deleted project ${orphan.projectId}`);
    expect(zone?.evidence).toMatchObject({ status: "ACTIVE", recordsets: [`www.orphan-${suffix}.test. A`] });
    // The network the stack created is the project's orphan too; the nested stacks are not listed on their own.
    expect(findingsOf("orphaned-resource", planted.orphanNetwork)).toHaveLength(1);
    const stacks = scan.findings.filter(
      (f) => f.resource.type === "orchestration.stack" && f.resource.projectId === orphan.projectId,
    );
    expect(stacks).toHaveLength(1);
  });

  test("reports the failed create with Heat's reason, and the stack left in progress", () => {
    const [failed] = findingsOf("stack-failed", `${planted.failedStack.name}/${planted.failedStack.id}`);
    expect(failed?.summary).toBe("stack in CREATE_FAILED");
    expect(String(failed?.evidence["stack_status_reason"])).toMatch(/fail/i);
    const [stuck] = findingsOf("stack-stuck", `${planted.stuckStack.name}/${planted.stuckStack.id}`);
    expect(stuck?.summary).toMatch(/^stack stuck in UPDATE_IN_PROGRESS for (2h 5\dm|3h)/);
  });

  test("reports the zone in ERROR and the zone stuck PENDING, with the change each waits for", () => {
    expect(findingsOf("zone-error", planted.errorZone).map((f) => f.summary)).toEqual([
      expect.stringMatching(new RegExp(`^zone e2e-error-${suffix}\\.test\\. in ERROR \\(UPDATE\\) for`)),
    ]);
    expect(findingsOf("zone-stuck-pending", planted.pendingZone).map((f) => f.summary)).toEqual([
      expect.stringMatching(new RegExp(`^zone e2e-pending-${suffix}\\.test\\. PENDING \\(UPDATE\\) for`)),
    ]);
  });

  test("purges the stack before what it created, and the zone with its records", async () => {
    expect(purgeApply.code, purgeApply.stderr.slice(-3000)).toBe(0);
    const actions = purgePlan.steps.map((s) => s.action);
    expect(actions.indexOf("stack.delete")).toBe(0);
    expect(actions).toContain("zone.delete");
    expect(actions.indexOf("network.delete")).toBeGreaterThan(actions.indexOf("stack.delete"));
    const shown = await admin.request(
      "GET",
      "orchestration",
      `/stacks/${planted.orphanStack.name}/${planted.orphanStack.id}`,
    );
    // Heat keeps showing a deleted stack by id, as DELETE_COMPLETE.
    if (shown.status === 200) expect(stackSchema.parse(shown.body).stack.stack_status).toBe("DELETE_COMPLETE");
    else expect(shown.status).toBe(404);
    expect(
      (await admin.request("GET", "dns", `/v2/zones/${planted.orphanZone}`, { headers: ALL_PROJECTS })).status,
    ).toBe(404);
    expect((await admin.request("GET", "network", `/v2.0/networks/${planted.orphanNetwork}`)).status).toBe(404);
  });
});
