// Manila and Barbican on the devcloud (test/e2e/devcloud/services/{manila,barbican}.sh): a project leaves a replicated
// share with a snapshot on its share network, a share in error, a Barbican secret and a certificate container, and is
// deleted in Keystone. `stacksweep scan --deep database` (Barbican's database named by its own barbican.conf) reports
// each piece with its fix, and proves Barbican's API shows the deleted project's secret to nobody, an admin included.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
import { runCommand } from "./support/run-command.ts";
import { waitFor } from "./support/wait-for.ts";

const MANILA = { "X-OpenStack-Manila-API-Version": "2.73" };
const scanSchema = z.object({
  findings: z.array(
    z.object({
      check: z.string(),
      resource: z.object({ type: z.string(), id: z.string() }),
      remediation: z.array(z.object({ action: z.string() })),
    }),
  ),
  inconclusive: z.array(z.object({ check: z.string(), reason: z.string() })),
  coverage: z.array(z.object({ type: z.string(), coverage: z.object({ status: z.string() }) })),
});
type Scan = z.infer<typeof scanSchema>;

let admin: RestSession;
let builder: ProjectBuilder;
let dir: string;
const id = {
  network: "",
  share: "",
  snapshot: "",
  replica: "",
  activeReplica: "",
  broken: "",
  secret: "",
  container: "",
};
let result: Scan;
let adminSecrets: unknown;

const idIn = (body: unknown, key: string): string =>
  z.object({ [key]: z.object({ id: z.string() }) }).parse(body)[key]!.id;
const refId = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1);
/** waitFor's probe from a condition: done when it holds. */
const until = (condition: () => Promise<boolean>) => async (): Promise<{ done: true } | { seen: boolean }> =>
  (await condition()) ? { done: true } : { seen: false };

async function manilaStatus(path: string, key: string): Promise<string> {
  const body = z
    .record(z.string(), z.object({ status: z.string() }))
    .parse(await admin.get("shared-file-system", path, MANILA));
  return body[key]!.status;
}

beforeAll(async () => {
  admin = await devcloudAdmin();
  dir = mkdtempSync(join(tmpdir(), "stacksweep-shares-e2e-"));
  builder = await ProjectBuilder.create(admin, `shares-${Date.now().toString(36)}`);
  // Barbican's Zed policy (legacy rules on) lets `creator` store secrets; the devcloud script creates the role.
  const roles = z
    .object({ roles: z.array(z.object({ id: z.string(), name: z.string() })) })
    .parse(await admin.get("identity", "/roles"));
  const creator = roles.roles.find((role) => role.name === "creator")!;
  const users = z
    .object({ users: z.array(z.object({ id: z.string() })) })
    .parse(await admin.get("identity", `/users?name=${builder.name}-user`));
  await admin.expect(
    204,
    "PUT",
    "identity",
    `/projects/${builder.projectId}/users/${users.users[0]!.id}/roles/${creator.id}`,
  );
  // A new token: roles are read from the token.
  const member = await RestSession.login(`devcloud:${builder.name}`, {
    authUrl: admin.authUrl,
    username: `${builder.name}-user`,
    password: `${builder.name}-password`,
    projectName: builder.name,
  });

  const post = async (path: string, body: unknown): Promise<unknown> =>
    (await member.expect([200, 201, 202], "POST", "shared-file-system", path, { body, headers: MANILA })).body;
  id.network = idIn(await post("/share-networks", { share_network: { name: "e2e-share-net" } }), "share_network");
  id.share = idIn(
    await post("/shares", { share: { share_proto: "NFS", size: 1, name: "e2e-replicated", share_type: "replicated" } }),
    "share",
  );
  id.broken = idIn(await post("/shares", { share: { share_proto: "NFS", size: 1, name: "e2e-broken" } }), "share");
  for (const share of [id.share, id.broken]) {
    await waitFor(
      `share ${share} available`,
      until(async () => (await manilaStatus(`/shares/${share}`, "share")) === "available"),
    );
  }
  id.snapshot = idIn(await post("/snapshots", { snapshot: { share_id: id.share, name: "e2e-snap" } }), "snapshot");
  id.replica = idIn(await post("/share-replicas", { share_replica: { share_id: id.share } }), "share_replica");
  await waitFor(
    "snapshot and replica available",
    until(
      async () =>
        (await manilaStatus(`/snapshots/${id.snapshot}`, "snapshot")) === "available" &&
        (await manilaStatus(`/share-replicas/${id.replica}`, "share_replica")) === "available",
    ),
  );
  const replicas = z
    .object({ share_replicas: z.array(z.object({ id: z.string(), replica_state: z.string().nullable() })) })
    .parse(await admin.get("shared-file-system", `/share-replicas/detail?share_id=${id.share}`, MANILA));
  id.activeReplica = replicas.share_replicas.find((r) => r.replica_state === "active")!.id;
  // What an operator meets after a backend failure: Manila's admin reset_status sets the share's status alone.
  await admin.expect(202, "POST", "shared-file-system", `/shares/${id.broken}/action`, {
    body: { reset_status: { status: "error" } },
    headers: MANILA,
  });

  const secret = await member.expect(201, "POST", "key-manager", "/v1/secrets", {
    body: {
      name: "e2e-tls-key",
      payload: "not a real key",
      payload_content_type: "text/plain",
      secret_type: "private",
    },
  });
  id.secret = refId(z.object({ secret_ref: z.string() }).parse(secret.body).secret_ref);
  const container = await member.expect(201, "POST", "key-manager", "/v1/containers", {
    body: {
      name: "e2e-tls",
      type: "generic",
      secret_refs: [{ name: "private_key", secret_ref: `${member.endpoint("key-manager")}/v1/secrets/${id.secret}` }],
    },
  });
  id.container = refId(z.object({ container_ref: z.string() }).parse(container.body).container_ref);

  await builder.deleteProject();
  adminSecrets = await admin.get("key-manager", "/v1/secrets?limit=100");
  writeFileSync(
    join(dir, "deep.yaml"),
    JSON.stringify({
      deep: [
        {
          cloud: DEVCLOUD_CLOUD,
          database: {
            barbican: { config: join(DEVCLOUD_STATE, "etc", "barbican-home", ".barbican", "barbican.conf") },
          },
        },
      ],
    }),
  );
  const run = await runCommand(
    "npx",
    [
      "tsx",
      "src/cli/main.ts",
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
      "orphaned-resource,share-error,share-stuck,secret-orphaned",
    ],
    {
      env: { ...openstackCliEnv(DEVCLOUD_CLOUDS_YAML, DEVCLOUD_CLOUD), PATH: process.env.PATH ?? "" },
      timeoutMs: 300_000,
    },
  );
  // 4 (partial) is allowed: the orphan check also lists Nova and Cinder, whose empty listings on a devcloud other
  // suites left bare cannot prove they span projects; Manila's and Barbican's types are asserted complete below.
  if (run.code !== 0 && run.code !== 1 && run.code !== 4)
    throw new Error(`stacksweep scan exited ${run.code}:\n${run.stderr.slice(-3000)}`);
  result = scanSchema.parse(JSON.parse(run.stdout));
}, 600_000);

afterAll(async () => {
  // As Manila's admin, children first (Manila refuses a share with replicas or snapshots); Barbican's rows as its
  // keystone listener would mark them, since no API call can delete a deleted project's secret.
  const del = (path: string) => admin.request("DELETE", "shared-file-system", path, { headers: MANILA });
  // Manila refuses to delete what a busy neighbour holds (a snapshot while its share's replica is being deleted, a
  // share while its replica or snapshot is): each delete is asked again until the thing is gone, or it stays on the
  // shared devcloud and other suites meet it (a leftover replica breaks the contract suite's paging).
  const gone = async (path: string): Promise<boolean> => {
    if (path.endsWith("/")) return true;
    if ((await admin.request("GET", "shared-file-system", path, { headers: MANILA })).status === 404) return true;
    await del(path);
    return false;
  };
  for (const paths of [
    [`/share-replicas/${id.replica}`, `/snapshots/${id.snapshot}`],
    [`/shares/${id.share}`, `/shares/${id.broken}`],
  ]) {
    await waitFor(
      `${paths.join(" and ")} gone`,
      until(async () => (await Promise.all(paths.map(gone))).every(Boolean)),
    ).catch(() => undefined);
  }
  await del(`/share-networks/${id.network}`);
  if (id.secret !== "") {
    await devcloudSql(
      `UPDATE barbican.container_secret SET deleted = 1 WHERE container_id = '${id.container}';` +
        `UPDATE barbican.containers SET deleted = 1, deleted_at = now() WHERE id = '${id.container}';` +
        `UPDATE barbican.secrets SET deleted = 1, deleted_at = now() WHERE id = '${id.secret}'`,
    );
  }
  await builder.cleanup();
  rmSync(dir, { recursive: true, force: true });
}, 300_000);

/** "check type id first-action" of the findings on these ids. */
function on(...ids: string[]): string[] {
  return result.findings
    .filter((f) => ids.includes(f.resource.id))
    .map((f) => `${f.check} ${f.resource.type} ${f.resource.id} ${f.remediation[0]?.action ?? ""}`)
    .sort();
}

describe("Manila and Barbican debris of a deleted project", () => {
  test("lists Manila's and Barbican's types completely, whatever the other services' listings proved", () => {
    const mine = result.coverage.filter(
      (entry) => entry.type.startsWith("shared-file-system.") || entry.type.startsWith("key-manager."),
    );
    expect(mine.length).toBeGreaterThanOrEqual(6);
    expect(mine.filter((entry) => entry.coverage.status !== "complete")).toEqual([]);
  });

  test("every piece of Manila debris is an orphan, with the delete that removes it in Manila's order", () => {
    // Nova's and Cinder's empty listings may leave the orphan check partial; nothing of Manila's may.
    expect(result.inconclusive.filter((entry) => /shared-file-system|key-manager/.test(entry.reason))).toEqual([]);
    expect(on(id.share, id.snapshot, id.replica, id.activeReplica, id.network)).toEqual(
      [
        `orphaned-resource shared-file-system.share ${id.share} share.delete`,
        `orphaned-resource shared-file-system.snapshot ${id.snapshot} share-snapshot.delete`,
        `orphaned-resource shared-file-system.share-replica ${id.replica} share-replica.delete`,
        // The active replica is the share itself: Manila refuses to delete it alone.
        `orphaned-resource shared-file-system.share-replica ${id.activeReplica} report`,
        `orphaned-resource shared-file-system.share-network ${id.network} share-network.delete`,
      ].sort(),
    );
  });

  test("a share Manila left in error is share-error, deleted directly, as well as an orphan", () => {
    expect(on(id.broken)).toEqual(
      [
        `orphaned-resource shared-file-system.share ${id.broken} share.delete`,
        `share-error shared-file-system.share ${id.broken} share.delete`,
      ].sort(),
    );
  });

  test("the secret and the container come from Barbican's database; its API shows them to no admin", () => {
    expect(on(id.secret, id.container)).toEqual(
      [
        `secret-orphaned key-manager.container ${id.container} report`,
        `secret-orphaned key-manager.secret ${id.secret} report`,
      ].sort(),
    );
    const refs = z.object({ secrets: z.array(z.object({ secret_ref: z.string() })) }).parse(adminSecrets);
    expect(refs.secrets.map((s) => refId(s.secret_ref))).not.toContain(id.secret);
  });
});
