// Object storage against the real Swift of the devcloud (test/e2e/devcloud/services/swift.sh): a deleted project's
// containers are found with their objects and bytes, what Swift cannot list is said rather than passed over, and
// `plan` + `apply --execute` empties the containers with bulk delete and deletes them, leaving a live project's alone.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as z from "zod";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, devcloudAdmin, openstackCliEnv } from "./support/devcloud.ts";
import { fakeCloudAdmin, startFakeCloud, type RunningFakeCloud } from "./support/fakecloud.ts";
import { ProjectBuilder } from "./support/project-builder.ts";
import type { RawResponse, RestSession } from "./support/rest-session.ts";
import { compareShapes, formatDifferences, shapeOf, type ShapeDifference } from "./support/shape.ts";
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
function accountUrl(projectId: string, session: RestSession = admin): string {
  const own = session.endpoint("object-store");
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
    // Apply deletes nothing unless the owner project still answers 404 when it runs.
    expect(plan).toContain(`identity.project ${orphaned.projectId} still answers 404`);
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

describe("fakecloud answers as the real Swift, for every call a scan and container.delete make", () => {
  let cloud: RunningFakeCloud | undefined;
  let fake: RestSession;
  /** The account each cloud compares: two containers, `contract-a` holding one object, `contract-b` empty. */
  const accounts = { real: "", fake: "" };

  beforeAll(async () => {
    cloud = await startFakeCloud();
    fake = await fakeCloudAdmin(cloud);
    const seeded = await fetch(`${cloud.url}/_control/scenario`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        projects: [{ name: "swift-contract" }],
        resources: {
          "object-store.container": [
            { project_id: "@project/swift-contract", name: "contract-a", count: 1, bytes: 1000 },
            { project_id: "@project/swift-contract", name: "contract-b" },
          ],
        },
      }),
    });
    expect(seeded.status, await seeded.text()).toBe(201);
    const projects = (await fake.get("identity", "/projects?name=swift-contract")) as { projects: { id: string }[] };
    accounts.fake = accountUrl(projects.projects[0]!.id, fake);
    // The devcloud: the same, written by the admin (ResellerAdmin) into the live project's account.
    accounts.real = accountUrl(live.projectId);
    for (const container of ["contract-a", "contract-b"])
      await admin.expect(201, "PUT", "object-store", `${accounts.real}/${container}`);
    await admin.expect(201, "PUT", "object-store", `${accounts.real}/contract-a/object`, { rawBody: bodies.small });
  }, 120_000);

  afterAll(async () => {
    await cloud?.close();
  });

  /** Status, the headers stacksweep reads, and the JSON body's shape; an empty body must be empty on both. */
  function compare(real: RawResponse, fakeAnswer: RawResponse, headers: readonly string[]): ShapeDifference[] {
    const differences: ShapeDifference[] = [];
    if (real.status !== fakeAnswer.status)
      differences.push({ path: "status", real: String(real.status), fake: String(fakeAnswer.status) });
    for (const header of ["x-openstack-request-id", ...headers])
      if (real.headers.has(header) !== fakeAnswer.headers.has(header))
        differences.push({
          path: `header ${header}`,
          real: real.headers.has(header) ? "present" : "absent",
          fake: fakeAnswer.headers.has(header) ? "present" : "absent",
        });
    if ((real.body === null) !== (fakeAnswer.body === null))
      differences.push({
        path: "(body)",
        real: real.body === null ? `not JSON: ${real.text.slice(0, 80)}` : "JSON",
        fake: fakeAnswer.body === null ? `not JSON: ${fakeAnswer.text.slice(0, 80)}` : "JSON",
      });
    else differences.push(...compareShapes(shapeOf(real.body), shapeOf(fakeAnswer.body)));
    return differences;
  }

  const CALLS: {
    call: string;
    method: string;
    path: (account: string) => string;
    headers?: string[];
    text?: string;
  }[] = [
    {
      call: "the account listing, one page of one",
      method: "GET",
      path: (account) => `${account}?format=json&limit=1`,
      headers: ["x-account-container-count", "x-account-bytes-used"],
    },
    { call: "the next page", method: "GET", path: (account) => `${account}?format=json&limit=1&marker=contract-a` },
    { call: "a limit above 10000", method: "GET", path: (account) => `${account}?format=json&limit=10001` },
    {
      call: "an account never written (autocreate)",
      method: "GET",
      path: (account) => `${account.slice(0, account.lastIndexOf("/"))}/AUTH_${randomHex()}?format=json`,
    },
    {
      call: "a container's HEAD (apply's live read)",
      method: "HEAD",
      path: (account) => `${account}/contract-a`,
      headers: ["x-container-object-count", "x-container-bytes-used"],
    },
    { call: "the HEAD of a container that is gone", method: "HEAD", path: (account) => `${account}/contract-gone` },
    {
      call: "a container's object listing",
      method: "GET",
      path: (account) => `${account}/contract-a?format=json&limit=10000`,
    },
    { call: "the DELETE of a container holding objects", method: "DELETE", path: (account) => `${account}/contract-a` },
    {
      call: "a bulk delete of an object that is not there",
      method: "POST",
      path: (account) => `${account}?bulk-delete`,
      text: "/contract-a/not-there\n",
    },
    { call: "the DELETE of an empty container", method: "DELETE", path: (account) => `${account}/contract-b` },
  ];

  // In order: the deletes come last, and the empty container's delete is the suite's one change to either cloud.
  test.each(CALLS.map((entry) => [entry.call, entry] as const))("%s", async (_call, entry) => {
    const send = (session: RestSession, account: string): Promise<RawResponse> =>
      session.request(entry.method, "object-store", entry.path(account), {
        ...(entry.text === undefined
          ? {}
          : { rawBody: new TextEncoder().encode(entry.text), headers: { "Content-Type": "text/plain" } }),
      });
    const [real, fakeAnswer] = await Promise.all([send(admin, accounts.real), send(fake, accounts.fake)]);
    const differences = compare(real, fakeAnswer, entry.headers ?? []);
    expect(
      differences,
      formatDifferences(`${entry.method} object-store ${entry.path("/AUTH_{project}")}`, differences),
    ).toEqual([]);
  });
});

function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
