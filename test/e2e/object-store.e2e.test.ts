// Object storage against the real Swift of the devcloud (test/e2e/devcloud/services/swift.sh): a deleted project's
// containers are found with their objects and bytes, what Swift cannot list is said rather than passed over, and
// `plan` + `apply --execute` empties the containers with bulk delete and deletes them, leaving a live project's alone.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, devcloudAdmin, openstackCliEnv } from "./support/devcloud.ts";
import { ProjectBuilder } from "./support/project-builder.ts";
import type { RestSession } from "./support/rest-session.ts";
import { runCommand, type CommandResult } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

const scanSchema = z.object({
  findings: z.array(
    z.object({
      check: z.string(),
      summary: z.string(),
      evidence: z.record(z.string(), z.unknown()),
      resource: z.object({ type: z.string(), id: z.string(), projectId: z.string().nullable() }),
    }),
  ),
  coverage: z.array(
    z.object({ type: z.string(), coverage: z.object({ status: z.string(), scope: z.string().optional() }).loose() }),
  ),
});
type Scan = z.infer<typeof scanSchema> & { raw: string };

let admin: RestSession;
let work: string;
let orphaned: ProjectBuilder;
let onlyContainers: ProjectBuilder;
let live: ProjectBuilder;
let env: NodeJS.ProcessEnv;
let fullScan: Scan;
const bodies = { small: new Uint8Array(1000).fill(97), large: new Uint8Array(2345).fill(98) };

/** The URL of a project's account: the admin's catalog endpoint names the admin's own (`.../v1/AUTH_<id>`). */
function accountUrl(projectId: string): string {
  const own = admin.endpoint("object-store");
  return `${own.slice(0, own.lastIndexOf("/"))}/AUTH_${projectId}`;
}

async function putObject(builder: ProjectBuilder, container: string, name: string, data: Uint8Array): Promise<void> {
  await builder.user.expect(201, "PUT", "object-store", `/${container}/${name}`, { rawBody: data });
}

function stacksweep(args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return runCommand("npx", ["tsx", "src/cli/main.ts", ...args], { env: { ...env, ...extraEnv }, timeoutMs: 600_000 });
}

async function scan(extraEnv: NodeJS.ProcessEnv = {}): Promise<Scan> {
  const result = await stacksweep(["scan", "--os-cloud", DEVCLOUD_CLOUD, "-f", "json"], extraEnv);
  // 1: findings; 4: some check inconclusive (the devcloud is shared: another suite's state may leave a listing
  // unproven). Anything else is a failed scan.
  if (![0, 1, 4].includes(result.code)) throw new Error(`scan exited ${result.code}: ${result.stderr.slice(-3000)}`);
  return { ...scanSchema.parse(JSON.parse(result.stdout)), raw: result.stdout };
}

const containersOf = (result: Scan, projectId: string) =>
  result.findings
    .filter((f) => f.resource.type === "object-store.container" && f.resource.projectId === projectId)
    .map((f) => f.resource.id)
    .sort();

beforeAll(async () => {
  admin = await devcloudAdmin();
  work = await mkdtemp(join(tmpdir(), "stacksweep-object-store-"));
  env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
  const suffix = Date.now().toString(36);
  [orphaned, onlyContainers, live] = (await Promise.all(
    ["swift-orphan", "swift-only", "swift-live"].map((n) => ProjectBuilder.create(admin, `${n}-${suffix}`)),
  )) as [ProjectBuilder, ProjectBuilder, ProjectBuilder];

  // The projects' own users write their own accounts, as tenants do.
  for (const [builder, container] of [
    [orphaned, "backups"],
    [orphaned, "empty"],
    [onlyContainers, "archive"],
    [live, "site"],
  ] as const) {
    await builder.user.expect(201, "PUT", "object-store", `/${container}`);
  }
  await putObject(orphaned, "backups", "day-1.tar", bodies.small);
  await putObject(orphaned, "backups", "day 2.tar", bodies.large);
  await putObject(onlyContainers, "archive", "a", bodies.small);
  await putObject(live, "site", "index.html", bodies.small);
  // The account listing's counts come from Swift's container updater, a pass behind the writes.
  await waitFor("the container updater to report backups' objects to the account", async () => {
    const listing = await admin.request("GET", "object-store", `${accountUrl(orphaned.projectId)}?format=json`);
    const backups = (listing.body as { name: string; bytes: number }[]).find((c) => c.name === "backups");
    return backups?.bytes === 3345 ? { done: true } : { seen: listing.body };
  });
  // Something else the deleted project leaves: what names its id to a full scan.
  await orphaned.user.expect(201, "POST", "network", "/v2.0/security-groups", {
    body: { security_group: { name: "left-behind" } },
  });
  await orphaned.deleteProject();
  await onlyContainers.deleteProject();
  fullScan = await scan();
}, 900_000);

afterAll(async () => {
  // The containers of deleted projects that a test left, emptied as the admin (ResellerAdmin), then the projects.
  for (const builder of [orphaned, onlyContainers, live]) {
    const account = accountUrl(builder.projectId);
    const listing = await admin.request("GET", "object-store", `${account}?format=json`);
    for (const { name } of (listing.status === 200 ? listing.body : []) as { name: string }[]) {
      const objects = await admin.request("GET", "object-store", `${account}/${name}?format=json`);
      for (const object of (objects.status === 200 ? objects.body : []) as { name: string }[])
        await admin.request("DELETE", "object-store", `${account}/${name}/${encodeURIComponent(object.name)}`);
      await admin.request("DELETE", "object-store", `${account}/${name}`);
    }
    await builder.cleanup();
  }
  await rm(work, { recursive: true, force: true });
}, 600_000);

describe("Swift on the devcloud", () => {
  test("a full scan reports the deleted project's containers with their objects and bytes", () => {
    expect(containersOf(fullScan, orphaned.projectId)).toEqual([
      `${orphaned.projectId}/backups`,
      `${orphaned.projectId}/empty`,
    ]);
    const backups = fullScan.findings.find((f) => f.resource.id === `${orphaned.projectId}/backups`);
    expect(backups?.check).toBe("orphaned-resource");
    expect(backups?.evidence).toMatchObject({ count: 2, bytes: 3345 });
    expect(backups?.summary).toContain("3345 bytes in 2 objects");
    expect(containersOf(fullScan, live.projectId)).toEqual([]);
  });

  test("a full scan says which accounts it could not see, rather than passing over a project with only containers", () => {
    expect(containersOf(fullScan, onlyContainers.projectId)).toEqual([]);
    const coverage = fullScan.coverage.find((entry) => entry.type === "object-store.container")?.coverage;
    expect(coverage?.status).toBe("complete");
    expect(coverage?.scope).toContain("Swift has no call that lists accounts");
  });

  test("a project named in objectStore.projects has its account read", async () => {
    const settings = join(work, "stacksweep.yaml");
    await writeFile(settings, `objectStore:\n  projects: ["${onlyContainers.projectId}"]\n`);
    const named = await scan({ STACKSWEEP_CONFIG: settings });
    expect(containersOf(named, onlyContainers.projectId)).toEqual([`${onlyContainers.projectId}/archive`]);
  });

  test("plan and apply empty the deleted project's containers with bulk delete and delete them", async () => {
    const mine = fullScan.findings.filter(
      (f) => f.resource.type === "object-store.container" && f.resource.projectId === orphaned.projectId,
    );
    const scanFile = join(work, "scan.json");
    const planFile = join(work, "plan.json");
    const store = join(work, "history.sqlite");
    const raw = JSON.parse(fullScan.raw) as { findings: { resource: { id: string } }[] };
    const ids = new Set(mine.map((f) => f.resource.id));
    await writeFile(scanFile, JSON.stringify({ ...raw, findings: raw.findings.filter((f) => ids.has(f.resource.id)) }));
    const planned = await stacksweep([
      "plan",
      "--from-scan",
      scanFile,
      "--grace",
      "0",
      "--store",
      store,
      "-o",
      planFile,
    ]);
    expect(planned.code, planned.stderr).toBe(0);
    const plan = await readFile(planFile, "utf8");
    // The reviewed plan states what goes: the objects and bytes of each container.
    expect(plan).toContain("3345 bytes in 2 objects");
    const applied = await stacksweep([
      "apply",
      planFile,
      "--execute",
      "--yes",
      "--grace",
      "0",
      "--store",
      store,
      "--audit-file",
      join(work, "a.jsonl"),
    ]);
    expect(applied.code, `${applied.stdout}\n${applied.stderr}`).toBe(0);
    const account = accountUrl(orphaned.projectId);
    for (const container of ["backups", "empty"])
      expect((await admin.request("HEAD", "object-store", `${account}/${container}`)).status).toBe(404);
    // The live project's container and object are untouched.
    const site = await admin.request("HEAD", "object-store", `${accountUrl(live.projectId)}/site`);
    expect(site.headers.get("x-container-object-count")).toBe("1");
  });
});
