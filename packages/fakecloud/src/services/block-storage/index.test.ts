import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { list, obj, pluck, type Json } from "../../../../../test/support/fakecloud/json-reader.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;
let adminProject: string;
let acme: string;

function projectId(name: string): string {
  for (const p of cloud.state.collection("identity.project").values()) if (p["name"] === name) return p.id;
  throw new Error(`no project ${name}`);
}

async function call(
  token: string,
  project: string,
  path: string,
  init: { method?: string; body?: unknown; version?: string } = {},
) {
  const response = await fetch(`${cloud.url}/volume/v3/${project}${path}`, {
    method: init.method ?? "GET",
    headers: {
      "x-auth-token": token,
      "content-type": "application/json",
      "openstack-api-version": `volume ${init.version ?? "3.70"}`,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as Json | undefined };
}

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }],
      users: [{ name: "alice", password: "pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "block-storage.volume": [
          {
            name: "data",
            "os-vol-tenant-attr:tenant_id": "@project/acme",
            attachments: [{ server_id: "5f1c0c3e-0000-4000-8000-000000000001" }],
            created_at: "-3h",
          },
          { name: "scratch", "os-vol-tenant-attr:tenant_id": "@project/acme", created_at: "-2h" },
          { name: "ops", created_at: "-1h" },
        ],
        "block-storage.backup": [{ name: "nightly", volume_id: "@block-storage.volume/data" }],
        "block-storage.service": [
          { binary: "cinder-volume", host: "cinder-2@lvm", state: "down" },
          { binary: "cinder-scheduler", host: "ctl-1" },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
  alice = await passwordToken(cloud, { username: "alice", password: "pw", projectName: "acme" });
  adminProject = projectId("admin");
  acme = projectId("acme");
});
afterAll(async () => cloud.close());

describe("block-storage volumes", () => {
  it("lists every project's volumes for an admin with all_tenants, and only the caller's otherwise", async () => {
    const all = await call(admin, adminProject, "/volumes/detail?all_tenants=1");
    expect(pluck(list(all.body, "volumes"), "name").sort()).toEqual(["data", "ops", "scratch"]);
    const data = list(all.body, "volumes").find((v) => v["name"] === "data")!;
    expect(data["os-vol-tenant-attr:tenant_id"]).toBe(acme);
    expect(data["status"]).toBe("in-use");
    expect(list(data, "attachments")[0]).toMatchObject({
      server_id: "5f1c0c3e-0000-4000-8000-000000000001",
      volume_id: data.id,
      device: "/dev/vdb",
    });
    const own = await call(admin, adminProject, "/volumes/detail");
    expect(pluck(list(own.body, "volumes"), "name")).toEqual(["ops"]);
    const member = await call(alice, acme, "/volumes/detail?all_tenants=1");
    expect(pluck(list(member.body, "volumes"), "name")).toEqual(["scratch", "data"]);
    expect(list(member.body, "volumes")[0]).not.toHaveProperty("os-vol-host-attr:host");
  });

  it("pages newest first with volumes_links and answers 404 for an unknown marker", async () => {
    const first = await call(admin, adminProject, "/volumes/detail?all_tenants=1&limit=2");
    expect(pluck(list(first.body, "volumes"), "name")).toEqual(["ops", "scratch"]);
    const next = new URL(String(list(first.body, "volumes_links")[0]!["href"]));
    const second = await call(admin, adminProject, `/volumes/detail${next.search}`);
    expect(pluck(list(second.body, "volumes"), "name")).toEqual(["data"]);
    expect(second.body).not.toHaveProperty("volumes_links");
    const unknown = await call(admin, adminProject, "/volumes/detail?all_tenants=1&marker=nope");
    expect(unknown).toEqual({
      status: 404,
      body: { itemNotFound: { code: 404, message: "Volume nope could not be found." } },
    });
  });

  it("refuses a project id in the URL that is not the token's", async () => {
    const response = await call(alice, adminProject, "/volumes");
    expect(response).toEqual({ status: 400, body: { badRequest: { code: 400, message: "Malformed request url" } } });
  });

  it("lists attachments without collection links, even on a full page (Cinder's attachment view has none)", async () => {
    const page = await call(admin, adminProject, "/attachments/detail?all_tenants=1&limit=1");
    expect(list(page.body, "attachments")).toHaveLength(1);
    expect(page.body).not.toHaveProperty("attachments_links");
    const volumes = await call(admin, adminProject, "/volumes/detail?all_tenants=1&limit=1");
    expect(pluck(list(volumes.body, "volumes_links"), "rel")).toEqual(["next"]);
  });

  it("refuses to delete an attached volume, and frees it when its attachment is deleted (3.27+)", async () => {
    const volumes = cloud.state.collection("block-storage.volume");
    const data = [...volumes.values()].find((v) => v["name"] === "data")!;
    // An earlier test detached it; attached again the way a database edit would leave it.
    volumes.update(data.id, { status: "in-use" });
    const refused = await call(admin, adminProject, `/volumes/${data.id}?force=true`, { method: "DELETE" });
    expect(refused.status).toBe(400);
    expect(obj(refused.body, "badRequest")["message"]).toBe(
      "Invalid volume: Volume  must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.",
    );
    const attachments = await call(admin, adminProject, "/attachments/detail?all_tenants=1");
    const attachment = list(attachments.body, "attachments").find((a) => a["volume_id"] === data.id)!;
    expect(attachment).toMatchObject({
      status: "attached",
      instance: "5f1c0c3e-0000-4000-8000-000000000001",
      attach_mode: "rw",
    });
    const old = await call(admin, adminProject, `/attachments/${String(attachment["id"])}`, {
      method: "DELETE",
      version: "3.26",
    });
    expect(old.status).toBe(404);
    const removed = await call(admin, adminProject, `/attachments/${String(attachment["id"])}`, { method: "DELETE" });
    expect(removed).toEqual({ status: 200, body: { attachments: [] } });
    const after = await call(admin, adminProject, `/volumes/${data.id}`);
    expect(obj(after.body, "volume")).toMatchObject({ status: "available", attachments: [] });
  });

  it("lets only an admin reset a status, with Cinder's policy message and preconditions", async () => {
    const scratch = [...cloud.state.collection("block-storage.volume").values()].find((v) => v["name"] === "scratch")!;
    const member = await call(alice, acme, `/volumes/${scratch.id}/action`, {
      method: "POST",
      body: { "os-reset_status": { status: "error" } },
    });
    expect(member).toEqual({
      status: 403,
      body: {
        forbidden: {
          code: 403,
          message: "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed.",
        },
      },
    });
    const inUse = await call(admin, adminProject, `/volumes/${scratch.id}/action`, {
      method: "POST",
      body: { "os-reset_status": { status: "in-use" } },
    });
    expect(obj(inUse.body, "badRequest")["message"]).toBe(
      "Cannot reset-state to in-use because volume does not have any attachments.",
    );
    const ok = await call(admin, adminProject, `/volumes/${scratch.id}/action`, {
      method: "POST",
      body: { "os-reset_status": { status: "detaching" } },
    });
    expect(ok.status).toBe(202);
    await call(admin, adminProject, `/volumes/${scratch.id}/action`, {
      method: "POST",
      body: { "os-roll_detaching": {} },
    });
    expect(obj((await call(admin, adminProject, `/volumes/${scratch.id}`)).body, "volume")["status"]).toBe("in-use");
  });
});

describe("block-storage snapshots", () => {
  it("creates a snapshot of an available volume (creating, then available) and links a full page", async () => {
    const scratch = [...cloud.state.collection("block-storage.volume").values()].find((v) => v["name"] === "ops")!;
    const created = await call(admin, adminProject, "/snapshots", {
      method: "POST",
      body: { snapshot: { name: "snap", volume_id: scratch.id } },
    });
    expect(created.status).toBe(202);
    const snapshot = obj(created.body, "snapshot");
    expect(snapshot).toMatchObject({ name: "snap", volume_id: scratch.id, status: "creating", size: 10 });
    // The create answer is the plain view: the extended attributes come with show and detail only.
    expect(snapshot).not.toHaveProperty("os-extended-snapshot-attributes:project_id");
    const id = String(snapshot["id"]);
    await new Promise((resolve) => setImmediate(resolve));
    const shown = obj((await call(admin, adminProject, `/snapshots/${id}`)).body, "snapshot");
    expect(shown).toMatchObject({ status: "available", "os-extended-snapshot-attributes:progress": "100%" });
    // Cinder links a next page whenever the page is full, even when nothing follows.
    const page = await call(admin, adminProject, "/snapshots/detail?limit=1");
    expect(list(page.body, "snapshots")).toHaveLength(1);
    expect(pluck(list(page.body, "snapshots_links"), "rel")).toEqual(["next"]);
    const summary = list((await call(admin, adminProject, "/snapshots")).body, "snapshots")[0]!;
    expect(summary).not.toHaveProperty("os-extended-snapshot-attributes:progress");
  });

  it("needs force for an in-use volume before 3.66, and 404s an unknown volume", async () => {
    const volumes = cloud.state.collection("block-storage.volume");
    const data = [...volumes.values()].find((v) => v["name"] === "data")!;
    // An earlier test detached it; attached again the way a database edit would leave it.
    volumes.update(data.id, { status: "in-use" });
    const body = { snapshot: { volume_id: data.id } };
    const refused = await call(admin, adminProject, "/snapshots", { method: "POST", body, version: "3.0" });
    expect(refused).toEqual({
      status: 400,
      body: {
        badRequest: {
          code: 400,
          message: `Invalid volume: Volume ${data.id} status must be available, but current status is: in-use.`,
        },
      },
    });
    const forced = { snapshot: { volume_id: data.id, force: true } };
    expect(
      (await call(admin, adminProject, "/snapshots", { method: "POST", body: forced, version: "3.0" })).status,
    ).toBe(202);
    expect((await call(admin, adminProject, "/snapshots", { method: "POST", body, version: "3.66" })).status).toBe(202);
    const unknown = { snapshot: { volume_id: "00000000-0000-4000-8000-000000000000" } };
    expect((await call(alice, acme, "/snapshots", { method: "POST", body: unknown })).status).toBe(404);
  });

  it("refuses every delete of a snapshot whose volume is gone with Cinder's 404 for the volume", async () => {
    // A volume row soft-deleted in Cinder's database leaves its snapshot listed (measured on Zed).
    const gone = "00000000-0000-4000-8000-0000000000aa";
    const snapshot = { id: "00000000-0000-4000-8000-0000000000ab", volume_id: gone };
    cloud.state.collection("block-storage.snapshot").insert({
      ...snapshot,
      status: "available",
      "os-extended-snapshot-attributes:project_id": acme,
    });
    const notFound = {
      status: 404,
      body: { itemNotFound: { code: 404, message: `Volume ${gone} could not be found.` } },
    };
    expect(await call(admin, adminProject, `/snapshots/${snapshot.id}`, { method: "DELETE" })).toEqual(notFound);
    const force = { "os-force_delete": {} };
    expect(
      await call(admin, adminProject, `/snapshots/${snapshot.id}/action`, { method: "POST", body: force }),
    ).toEqual(notFound);
    expect((await call(admin, adminProject, `/snapshots/${snapshot.id}`)).status).toBe(200);
  });
});

describe("block-storage backups and services", () => {
  it("shows a backup's owner only from 3.18", async () => {
    const modern = await call(admin, adminProject, "/backups/detail?all_tenants=1");
    expect(list(modern.body, "backups")[0]!["os-backup-project-attr:project_id"]).toBe(acme);
    const legacy = await call(admin, adminProject, "/backups/detail?all_tenants=1", { version: "3.17" });
    expect(list(legacy.body, "backups")[0]).not.toHaveProperty("os-backup-project-attr:project_id");
  });

  it("reports a service down from its stale heartbeat and a heartbeating one up", async () => {
    const services = await call(admin, adminProject, "/os-services");
    const byHost = Object.fromEntries(list(services.body, "services").map((s) => [String(s["host"]), s]));
    expect(byHost["cinder-2@lvm"]).toMatchObject({ state: "down", status: "enabled", binary: "cinder-volume" });
    expect(byHost["ctl-1"]).toMatchObject({ state: "up" });
    expect((await call(alice, acme, "/os-services")).status).toBe(403);
  });

  it("answers version discovery without a token", async () => {
    const response = await fetch(`${cloud.url}/volume/`);
    expect(response.status).toBe(300);
    expect(list(await response.json(), "versions")[0]).toMatchObject({
      id: "v3.0",
      version: "3.70",
      min_version: "3.0",
    });
  });
});
