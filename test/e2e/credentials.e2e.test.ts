// Trusts, application credentials and key pairs on the devcloud: a user delegates a trust on one project and creates an
// application credential on another, another user has a key pair. The credential's project and the key pair's user
// are deleted in Keystone, and the trustor vanishes from its backend (as from an LDAP directory). Keystone keeps the
// trust and the credential, Nova the key pair. `stacksweep scan --deep database` (Keystone's and Nova's databases named
// by their own config files) reports all three; plan and apply remove them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
import { ProjectBuilder } from "./support/project-builder.ts";
import { RestSession } from "./support/rest-session.ts";
import { runCommand, type CommandResult } from "./support/run-command.ts";

const NOVA_2_10 = { "OpenStack-API-Version": "compute 2.10" };
const findingSchema = z.looseObject({
  check: z.string(),
  summary: z.string(),
  resource: z.looseObject({ type: z.string(), id: z.string() }),
  evidence: z.record(z.string(), z.unknown()),
});
const scanSchema = z.looseObject({
  findings: z.array(findingSchema),
  inconclusive: z.array(z.looseObject({ check: z.string(), reason: z.string() })),
  coverage: z.array(z.looseObject({ type: z.string(), coverage: z.looseObject({ status: z.string() }) })),
});
type Scan = z.infer<typeof scanSchema>;
const planSchema = z.object({
  steps: z.array(z.object({ action: z.string(), target: z.object({ type: z.string(), id: z.string() }) })),
});

let admin: RestSession;
let builder: ProjectBuilder;
let dir: string;
const id = { user: "", trustee: "", keyUser: "", keptProject: "", trust: "", credential: "", keypair: "e2e-key" };
let result: Scan;
let applied: CommandResult;

const idIn = (body: unknown, key: string): string =>
  z.object({ [key]: z.object({ id: z.string() }) }).parse(body)[key]!.id;

async function stacksweep(args: readonly string[]): Promise<CommandResult> {
  const env = { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" };
  return runCommand("npx", ["tsx", "src/cli/main.ts", ...args], { env, timeoutMs: 600_000 });
}

async function scan(): Promise<Scan> {
  const run = await stacksweep([
    "scan",
    "--os-cloud",
    DEVCLOUD_CLOUD,
    "-f",
    "json",
    "--deep",
    "database",
    "--config",
    join(dir, "deep.yaml"),
    "--checks",
    "trust-orphaned,credential-orphaned",
  ]);
  if (![0, 1, 4].includes(run.code)) throw new Error(`stacksweep scan exited ${run.code}:\n${run.stderr.slice(-3000)}`);
  return scanSchema.parse(JSON.parse(run.stdout));
}

/** Plans the findings on what this suite created (the devcloud is shared) and applies the plan. */
async function planAndApply(result: Scan): Promise<CommandResult> {
  const mine = result.findings.filter(ours);
  const scanFile = join(dir, "scan.json");
  const planFile = join(dir, "plan.json");
  const store = join(dir, "history.sqlite");
  writeFileSync(scanFile, JSON.stringify({ ...result, findings: mine }));
  const planned = await stacksweep(["plan", "--from-scan", scanFile, "--grace", "0", "--store", store, "-o", planFile]);
  if (planned.code !== 0) throw new Error(`stacksweep plan failed: ${planned.stderr.slice(-3000)}`);
  expect(planSchema.parse(JSON.parse(readFileSync(planFile, "utf8"))).steps.length).toBe(mine.length);
  const audit = join(dir, "audit.jsonl");
  return stacksweep(["apply", planFile, "--execute", "--yes", "--grace", "0", "--store", store, "--audit-file", audit]);
}

/** A finding on what this suite created: the devcloud is shared, nothing else may be touched. */
function ours(finding: z.infer<typeof findingSchema>): boolean {
  const ids = [id.trust, `${id.user}/${id.credential}`, `${id.keyUser}/${id.keypair}`];
  return ["trust-orphaned", "credential-orphaned"].includes(finding.check) && ids.includes(finding.resource.id);
}

const status = async (service: string, path: string, headers: Record<string, string> = {}): Promise<number> =>
  (await admin.request("GET", service, path, { headers })).status;

beforeAll(async () => {
  admin = await devcloudAdmin();
  dir = mkdtempSync(join(tmpdir(), "stacksweep-credentials-e2e-"));
  const name = `creds-${Date.now().toString(36)}`;
  builder = await ProjectBuilder.create(admin, name);
  const users = z
    .object({ users: z.array(z.object({ id: z.string() })) })
    .parse(await admin.get("identity", `/users?name=${name}-user`));
  id.user = users.users[0]!.id;
  for (const [key, suffix] of [
    ["trustee", "trustee"],
    ["keyUser", "keys"],
  ] as const) {
    const created = await admin.expect(201, "POST", "identity", "/users", {
      body: { user: { name: `${name}-${suffix}`, password: `${name}-password`, domain_id: "default" } },
    });
    id[key] = idIn(created.body, "user");
  }
  // A second project the user is a member of, which stays: Keystone deletes a project's trusts with the project
  // (resource/core.py _post_delete_cleanup_project), so the trust is delegated there.
  const kept = await admin.expect(201, "POST", "identity", "/projects", {
    body: { project: { name: `${name}-kept`, domain_id: "default", description: "stacksweep e2e" } },
  });
  id.keptProject = idIn(kept.body, "project");
  const roles = z
    .object({ roles: z.array(z.object({ id: z.string(), name: z.string() })) })
    .parse(await admin.get("identity", "/roles?name=member"));
  await admin.expect(
    204,
    "PUT",
    "identity",
    `/projects/${id.keptProject}/users/${id.user}/roles/${roles.roles[0]!.id}`,
  );
  const login = (projectName: string) =>
    RestSession.login(`devcloud:${projectName}`, {
      authUrl: admin.authUrl,
      username: `${name}-user`,
      password: `${name}-password`,
      projectName,
    });
  const trust = await (
    await login(`${name}-kept`)
  ).expect(201, "POST", "identity", "/OS-TRUST/trusts", {
    body: {
      trust: {
        trustor_user_id: id.user,
        trustee_user_id: id.trustee,
        project_id: id.keptProject,
        roles: [{ name: "member" }],
        impersonation: false,
      },
    },
  });
  id.trust = idIn(trust.body, "trust");
  const credential = await (
    await login(name)
  ).expect(201, "POST", "identity", `/users/${id.user}/application_credentials`, {
    body: { application_credential: { name: "e2e-ci" } },
  });
  id.credential = idIn(credential.body, "application_credential");
  // An admin creates a key pair for another user (microversion 2.10); Nova generates it.
  await admin.expect([200, 201], "POST", "compute", "/os-keypairs", {
    body: { keypair: { name: id.keypair, user_id: id.keyUser } },
    headers: NOVA_2_10,
  });

  // The application credential's project is deleted: Keystone keeps the credential. The key pairs' user is deleted:
  // Nova keeps its key pair. The trustor vanishes from its backend, as an LDAP user removed from the directory does:
  // Keystone is never told, and keeps its trust and its application credential. Its row is removed by hand, after
  // an update that drops Keystone's cached copy of the user (memcached), which would answer for it otherwise.
  await builder.deleteProject();
  await admin.expect(204, "DELETE", "identity", `/users/${id.keyUser}`);
  await admin.expect(200, "PATCH", "identity", `/users/${id.user}`, { body: { user: { description: "vanishing" } } });
  await devcloudSql(`DELETE FROM keystone.user WHERE id = '${id.user}'`);
  const etc = join(DEVCLOUD_STATE, "etc");
  const database = {
    keystone: { config: join(etc, "keystone", "keystone.conf") },
    nova: { config: join(etc, "nova", "nova-db.conf") },
  };
  writeFileSync(join(dir, "deep.yaml"), JSON.stringify({ deep: [{ cloud: DEVCLOUD_CLOUD, database }] }));
  result = await scan();
  applied = await planAndApply(result);
}, 900_000);

afterAll(async () => {
  // What a failed apply left, then what the suite made. The vanished user's rows go as Keystone's own delete would
  // have taken them (its assignments, credentials and trusts).
  await admin.request("DELETE", "compute", `/os-keypairs/${id.keypair}?user_id=${id.keyUser}`, { headers: NOVA_2_10 });
  await admin.request("DELETE", "identity", `/projects/${id.keptProject}`);
  await admin.request("DELETE", "identity", `/users/${id.trustee}`);
  if (id.user !== "")
    await devcloudSql(
      `DELETE FROM keystone.application_credential WHERE user_id = '${id.user}';` +
        `DELETE FROM keystone.trust WHERE trustor_user_id = '${id.user}';` +
        `DELETE FROM keystone.assignment WHERE actor_id = '${id.user}'`,
    );
  await builder.cleanup();
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

/** "type id summary" of the scan's findings on what this suite created. */
function mine(result: Scan): string[] {
  return result.findings
    .filter(ours)
    .map((f) => `${f.resource.type} ${f.resource.id} ${f.summary}`)
    .sort();
}

describe("trusts, application credentials and key pairs of a deleted project and user", () => {
  test("lists users and trusts through Keystone's API, credentials and key pairs from the databases, completely", () => {
    const types = ["identity.user", "identity.trust", "identity.application-credential", "compute.keypair"];
    const coverage = result.coverage.filter((entry) => types.includes(entry.type));
    expect(coverage.map((entry) => `${entry.type} ${entry.coverage.status}`).sort()).toEqual(
      types.map((type) => `${type} complete`).sort(),
    );
    expect(result.inconclusive.filter((entry) => entry.check.endsWith("-orphaned"))).toEqual([]);
  });

  test("reports the vanished trustor's trust, the credential of a deleted project and user, the key pair", () => {
    expect(mine(result)).toEqual(
      [
        `identity.trust ${id.trust} trust of deleted trustor ${id.user}`,
        `identity.application-credential ${id.user}/${id.credential} application credential of deleted user ${id.user} and project ${builder.projectId}`,
        `compute.keypair ${id.keyUser}/${id.keypair} key pair of deleted user ${id.keyUser}`,
      ].sort(),
    );
  });

  test("plan and apply remove all three, each after its user or project answered 404 again", async () => {
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/done 3, already gone 0, done earlier 0, skipped 0, failed 0/);
    // Debian's Keystone 22.0.2 (Zed) carries 2024.1's trust policy: an admin may show and delete any trust.
    expect(await status("identity", `/OS-TRUST/trusts/${id.trust}`)).toBe(404);
    expect(await status("identity", `/users/${id.user}/application_credentials/${id.credential}`)).toBe(404);
    expect(await status("compute", `/os-keypairs/${id.keypair}?user_id=${id.keyUser}`, NOVA_2_10)).toBe(404);
  });
});
