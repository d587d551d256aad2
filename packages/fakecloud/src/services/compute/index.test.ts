import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

interface ServerList {
  servers: Record<string, unknown>[];
  servers_links?: { rel: string; href: string }[];
}

const IMAGE = "3e1f0c1a-5d2b-4c8e-9a7f-0000000000a1";
const QUEUED_IMAGE = "3e1f0c1a-5d2b-4c8e-9a7f-0000000000a2";
const VOLUME = "6a2e9d4b-1c3f-4e5a-8b7c-0000000000c1";

let cloud: FakeCloud;
let admin: string;
let member: string;
let compute: string;

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }, { name: "globex" }, { name: "gone", deleted: true }],
      users: [{ name: "alice", password: "alice-pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "compute.server": [
          { name: "acme-web", tenant_id: "@project/acme", created: "-3h", updated: "-3h" },
          { name: "acme-db", tenant_id: "@project/acme", created: "-2h", updated: "-2h", locked: true },
          { name: "globex-web", tenant_id: "@project/globex", status: "ERROR", created: "-1h", updated: "-1h" },
          {
            name: "orphan",
            tenant_id: "@project/gone",
            "OS-EXT-STS:task_state": "deleting",
            created: "-5h",
            updated: "-4h",
          },
          { name: "cell-down", tenant_id: "@project/globex", "fakecloud:down_cell": true, created: "-6h" },
          {
            name: "with-volume",
            tenant_id: "@project/acme",
            "os-extended-volumes:volumes_attached": [
              { id: "0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11", delete_on_termination: true },
            ],
            created: "-7h",
          },
        ],
        "compute.service": [{ host: "compute-1" }, { host: "compute-2", state: "down" }],
        "block-storage.volume": [{ id: VOLUME, name: "data", "os-vol-tenant-attr:tenant_id": "@project/acme" }],
        "image.image": [
          { id: IMAGE, name: "cirros", visibility: "public" },
          { id: QUEUED_IMAGE, name: "empty", visibility: "public", status: "queued" },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
  member = await passwordToken(cloud, { username: "alice", password: "alice-pw", projectName: "acme" });
  compute = `${cloud.url}/compute/v2.1`;
});
afterAll(async () => {
  await cloud.close();
});

async function get(path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${compute}${path}`, { headers: { "x-auth-token": token, ...headers } });
  const body: unknown = await response.json();
  return { status: response.status, headers: response.headers, body };
}

const names = (list: unknown): string[] => (list as ServerList).servers.map((server) => String(server["name"])).sort();

describe("servers: policy", () => {
  it("shows an admin every project's servers with all_tenants, newest first", async () => {
    const { status, body } = await get("/servers/detail?all_tenants=1", admin, {
      "OpenStack-API-Version": "compute 2.96",
    });
    expect(status).toBe(200);
    const list = (body as ServerList).servers;
    expect(list.map((server) => server["name"] ?? server["status"])).toEqual([
      "globex-web",
      "acme-db",
      "acme-web",
      "orphan",
      "UNKNOWN", // down cell, 2.69+
      "with-volume",
    ]);
  });

  it("shows an admin without all_tenants only the admin project, ignoring project_id (as nova does)", async () => {
    const acme = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!.id;
    const { body } = await get(`/servers/detail?project_id=${acme}`, admin);
    expect((body as ServerList).servers).toEqual([]);
    const filtered = await get(`/servers/detail?all_tenants=true&project_id=${acme}`, admin);
    expect(names(filtered.body)).toEqual(["acme-db", "acme-web", "with-volume"]);
  });

  it("forbids all_tenants to a member with nova's policy message, and shows a member only their project", async () => {
    const forbidden = await get("/servers/detail?all_tenants=1", member);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({
      forbidden: {
        code: 403,
        message: "Policy doesn't allow os_compute_api:servers:detail:get_all_tenants to be performed.",
      },
    });
    const own = await get("/servers/detail", member);
    expect(names(own.body)).toEqual(["acme-db", "acme-web", "with-volume"]);
    expect((own.body as ServerList).servers[0]).not.toHaveProperty("OS-EXT-SRV-ATTR:host");
  });

  it("answers 404 itemNotFound for another project's server to a member", async () => {
    const globex = [...cloud.state.collection("compute.server").values()].find((s) => s["name"] === "globex-web")!;
    const { status, body } = await get(`/servers/${globex.id}`, member);
    expect(status).toBe(404);
    expect(body).toEqual({ itemNotFound: { code: 404, message: `Instance ${globex.id} could not be found.` } });
  });
});

describe("servers: fields and microversions", () => {
  it("shows an ERROR server's fault, task state, and volumes_attached with delete_on_termination from 2.3", async () => {
    const { body } = await get("/servers/detail?all_tenants=1", admin, { "OpenStack-API-Version": "compute 2.3" });
    const list = (body as ServerList).servers;
    const error = list.find((server) => server["name"] === "globex-web")!;
    expect(error["status"]).toBe("ERROR");
    expect(error["fault"]).toMatchObject({ code: 500 });
    expect(list.find((server) => server["name"] === "orphan")!["OS-EXT-STS:task_state"]).toBe("deleting");
    const withVolume = list.find((server) => server["name"] === "with-volume")!;
    expect(withVolume["os-extended-volumes:volumes_attached"]).toEqual([
      { id: "0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11", delete_on_termination: true },
    ]);
    const old = await get("/servers/detail?all_tenants=1", admin);
    const oldWithVolume = (old.body as ServerList).servers.find((server) => server["name"] === "with-volume")!;
    expect(oldWithVolume["os-extended-volumes:volumes_attached"]).toEqual([
      { id: "0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11" },
    ]);
    expect(oldWithVolume).not.toHaveProperty("tags"); // tags appear at 2.26
  });

  it("leaves a down cell's servers out before 2.69 and shows them UNKNOWN from 2.69", async () => {
    const before = await get("/servers/detail?all_tenants=1", admin, { "OpenStack-API-Version": "compute 2.68" });
    expect((before.body as ServerList).servers).toHaveLength(5);
    const after = await get("/servers/detail?all_tenants=1", admin, { "OpenStack-API-Version": "compute 2.69" });
    const unknown = (after.body as ServerList).servers.find((server) => server["status"] === "UNKNOWN")!;
    expect(Object.keys(unknown).sort()).toEqual(
      [
        "OS-EXT-AZ:availability_zone",
        "OS-EXT-STS:power_state",
        "created",
        "flavor",
        "id",
        "image",
        "links",
        "status",
        "tenant_id",
        "user_id",
      ].sort(),
    );
  });

  it("negotiates microversions: echo, latest, legacy header, 406 out of range, 400 malformed", async () => {
    const latest = await get("/servers/detail", admin, { "OpenStack-API-Version": "compute latest" });
    expect(latest.headers.get("openstack-api-version")).toBe("compute 2.96");
    expect(latest.headers.get("x-openstack-nova-api-version")).toBe("2.96");
    const legacy = await get("/servers/detail", admin, { "X-OpenStack-Nova-API-Version": "2.60" });
    expect(legacy.headers.get("openstack-api-version")).toBe("compute 2.60");
    const none = await get("/servers/detail", admin);
    expect(none.headers.get("openstack-api-version")).toBe("compute 2.1");
    const tooHigh = await get("/servers/detail", admin, { "OpenStack-API-Version": "compute 2.97" });
    expect(tooHigh.status).toBe(406);
    expect(tooHigh.body).toEqual({
      computeFault: {
        code: 406,
        message: "Version 2.97 is not supported by the API. Minimum is 2.1 and maximum is 2.96.",
      },
    });
    const malformed = await get("/servers/detail", admin, { "OpenStack-API-Version": "compute two" });
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body as object)).toEqual(["badRequest"]);
  });

  it("filters by changes-since on updated", async () => {
    const since = new Date(Date.now() - 150 * 60_000).toISOString();
    const { body } = await get(`/servers/detail?all_tenants=1&changes-since=${encodeURIComponent(since)}`, admin);
    expect(names(body)).toEqual(["acme-db", "globex-web"]);
  });
});

describe("servers: pagination", () => {
  it("follows servers_links to the end and rejects an unknown marker with 400", async () => {
    const seen: string[] = [];
    let url: string | undefined = `${compute}/servers/detail?all_tenants=1&limit=2`;
    let pages = 0;
    while (url !== undefined) {
      const response = await fetch(url, { headers: { "x-auth-token": admin } });
      const body = (await response.json()) as ServerList;
      seen.push(...body.servers.map((server) => server["id"] as string));
      url = body.servers_links?.find((link) => link.rel === "next")?.href;
      pages += 1;
    }
    expect(new Set(seen).size).toBe(5); // the down-cell server is hidden at 2.1
    expect(pages).toBe(3); // 2 + 2 + 1
    const unknown = await get("/servers/detail?all_tenants=1&marker=00000000-0000-0000-0000-00000000dead", admin);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      badRequest: { code: 400, message: "marker [00000000-0000-0000-0000-00000000dead] not found" },
    });
  });
});

describe("servers: actions", () => {
  it("resets a stuck server to active (admin only) and clears its task state", async () => {
    const orphan = [...cloud.state.collection("compute.server").values()].find((s) => s["name"] === "orphan")!;
    const action = (token: string, body: unknown) =>
      fetch(`${compute}/servers/${orphan.id}/action`, {
        method: "POST",
        headers: { "x-auth-token": token, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await action(member, { "os-resetState": { state: "active" } })).status).toBe(403);
    expect((await action(admin, { "os-resetState": { state: "bogus" } })).status).toBe(400);
    expect((await action(admin, { "os-resetState": { state: "active" } })).status).toBe(202);
    const { body } = await get(`/servers/${orphan.id}`, admin);
    expect((body as { server: Record<string, unknown> }).server).toMatchObject({
      status: "ACTIVE",
      "OS-EXT-STS:vm_state": "active",
      "OS-EXT-STS:task_state": null,
    });
  });

  it("refuses to delete a locked server for a member (409) and force-deletes for an admin", async () => {
    const locked = [...cloud.state.collection("compute.server").values()].find((s) => s["name"] === "acme-db")!;
    const refused = await fetch(`${compute}/servers/${locked.id}`, {
      method: "DELETE",
      headers: { "x-auth-token": member },
    });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      conflictingRequest: { code: 409, message: `Instance ${locked.id} is locked` },
    });
    const forced = await fetch(`${compute}/servers/${locked.id}/action`, {
      method: "POST",
      headers: { "x-auth-token": admin, "content-type": "application/json" },
      body: JSON.stringify({ forceDelete: null }),
    });
    expect(forced.status).toBe(202);
    expect((await get(`/servers/${locked.id}`, admin)).status).toBe(404);
  });

  it("lists and detaches a server's volume attachments", async () => {
    const server = [...cloud.state.collection("compute.server").values()].find((s) => s["name"] === "with-volume")!;
    const listed = await get(`/servers/${server.id}/os-volume_attachments`, admin, {
      "OpenStack-API-Version": "compute 2.79",
    });
    expect(listed.body).toEqual({
      volumeAttachments: [
        {
          id: "0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11",
          serverId: server.id,
          volumeId: "0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11",
          device: "/dev/vdb",
          tag: null,
          delete_on_termination: true,
        },
      ],
    });
    const url = `${compute}/servers/${server.id}/os-volume_attachments/0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11`;
    // Nova asks Cinder first: a volume Cinder does not have cannot be detached this way.
    const missing = await fetch(url, { method: "DELETE", headers: { "x-auth-token": admin } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      itemNotFound: { code: 404, message: "Volume 0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11 could not be found." },
    });
    cloud.state
      .collection("block-storage.volume")
      .insert({ id: "0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11", status: "in-use" });
    expect((await fetch(url, { method: "DELETE", headers: { "x-auth-token": admin } })).status).toBe(202);
    const again = await fetch(url, { method: "DELETE", headers: { "x-auth-token": admin } });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({
      itemNotFound: {
        code: 404,
        message: `Instance ${server.id} is not attached to volume 0b9a6e4c-4c1e-4a47-9d77-1d8e3c8f0a11`,
      },
    });
  });

  const create = (server: Record<string, unknown>) =>
    fetch(`${compute}/servers`, {
      method: "POST",
      headers: { "x-auth-token": member, "content-type": "application/json" },
      body: JSON.stringify({ server }),
    });

  it("creates a server owned by the caller's project, from its image and flavor, on an up compute host", async () => {
    const created = await create({ name: "New VM_1", flavorRef: "1", imageRef: IMAGE });
    expect(created.status).toBe(202);
    const id = ((await created.json()) as { server: { id: string } }).server.id;
    const member293 = await get(`/servers/${id}`, member, { "OpenStack-API-Version": "compute 2.93" });
    const server = (member293.body as { server: Record<string, unknown> }).server;
    expect(server).toMatchObject({
      name: "New VM_1",
      image: { id: IMAGE, links: [{ rel: "bookmark", href: `${cloud.url}/compute/images/${IMAGE}` }] },
      flavor: { original_name: "m1.tiny", vcpus: 1, ram: 512, disk: 1 },
      trusted_image_certificates: null,
      server_groups: [],
      // From 2.90 every user sees the hostname (nova's sanitized name), nothing else of the extended attributes.
      "OS-EXT-SRV-ATTR:hostname": "new-vm-1",
    });
    expect(server).not.toHaveProperty("OS-EXT-SRV-ATTR:host");
    expect(server).not.toHaveProperty("host_status");
    const asAdmin = await get(`/servers/${id}`, admin, { "OpenStack-API-Version": "compute 2.93" });
    expect((asAdmin.body as { server: Record<string, unknown> }).server).toMatchObject({
      "OS-EXT-SRV-ATTR:host": "compute-1",
      "OS-EXT-SRV-ATTR:launch_index": 0,
      "OS-EXT-SRV-ATTR:root_device_name": "/dev/vda",
      "OS-EXT-SRV-ATTR:user_data": null,
      host_status: "UP",
    });
  });

  it("attaches a volume through Cinder: nova's answer, Cinder's attachment row, in-use, and no second attach", async () => {
    const created = await create({ name: "with-data", flavorRef: "1", imageRef: IMAGE });
    const serverId = ((await created.json()) as { server: { id: string } }).server.id;
    const attach = (version: string) =>
      fetch(`${compute}/servers/${serverId}/os-volume_attachments`, {
        method: "POST",
        headers: {
          "x-auth-token": member,
          "content-type": "application/json",
          "OpenStack-API-Version": `compute ${version}`,
        },
        body: JSON.stringify({ volumeAttachment: { volumeId: VOLUME } }),
      });
    const answer = await attach("2.1");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      volumeAttachment: { id: VOLUME, serverId, volumeId: VOLUME, device: "/dev/vdb" },
    });
    const volume = cloud.state.collection("block-storage.volume").get(VOLUME)!;
    expect(volume["status"]).toBe("in-use");
    const [entry] = volume["attachments"] as Record<string, unknown>[];
    expect(entry).toMatchObject({ server_id: serverId, device: "/dev/vdb", host_name: "compute-1" });
    const row = cloud.state.collection("block-storage.attachment").get(String(entry!["attachment_id"]));
    expect(row).toMatchObject({ instance: serverId, volume_id: VOLUME, status: "attached" });
    const listed = await get(`/servers/${serverId}/os-volume_attachments`, member, {
      "OpenStack-API-Version": "compute 2.89",
    });
    expect(listed.body).toMatchObject({
      volumeAttachments: [{ volumeId: VOLUME, attachment_id: entry!["attachment_id"], delete_on_termination: false }],
    });
    const again = await attach("2.93");
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      badRequest: {
        code: 400,
        message: `Invalid volume: volume ${VOLUME} is already attached to instances: ${serverId}`,
      },
    });
  });

  it("refuses an unknown flavor, an unknown image and an image without data, as nova does", async () => {
    const refused = async (server: Record<string, unknown>) => {
      const response = await create(server);
      return { status: response.status, body: await response.json() };
    };
    expect(await refused({ name: "x", flavorRef: "99", imageRef: IMAGE })).toEqual({
      status: 400,
      body: { badRequest: { code: 400, message: "Invalid flavorRef provided." } },
    });
    const missing = "9d0f6b1a-0000-4c3b-8a00-000000000000";
    expect((await refused({ name: "x", flavorRef: "1", imageRef: missing })).body).toEqual({
      badRequest: { code: 400, message: `Image ${missing} could not be found.` },
    });
    expect((await refused({ name: "x", flavorRef: "1", imageRef: QUEUED_IMAGE })).body).toEqual({
      badRequest: { code: 400, message: `Image ${QUEUED_IMAGE} is not active.` },
    });
  });

  it("shows the host's state as host_status: UP, or UNKNOWN when its heartbeat stopped", async () => {
    const servers = cloud.state.collection("compute.server");
    const moved = [...servers.values()].find((server) => server["name"] === "with-volume")!;
    servers.update(moved.id, { "OS-EXT-SRV-ATTR:host": "compute-2" });
    const { body } = await get("/servers/detail?all_tenants=1", admin, { "OpenStack-API-Version": "compute 2.16" });
    const byName = Object.fromEntries((body as ServerList).servers.map((s) => [String(s["name"]), s["host_status"]]));
    expect(byName["acme-web"]).toBe("UP");
    expect(byName["with-volume"]).toBe("UNKNOWN");
    const legacy = await get("/servers/detail?all_tenants=1", admin, { "OpenStack-API-Version": "compute 2.15" });
    expect((legacy.body as ServerList).servers[0]).not.toHaveProperty("host_status");
  });
});

describe("os-services", () => {
  it("reports a heartbeating service up and a dead one down, to admins only", async () => {
    const { status, body } = await get("/os-services", admin);
    expect(status).toBe(200);
    const services = (body as { services: Record<string, unknown>[] }).services;
    expect(services.map((s) => [s["host"], s["state"], s["status"]])).toEqual([
      ["compute-1", "up", "enabled"],
      ["compute-2", "down", "enabled"],
    ]);
    expect((await get("/os-services", member)).status).toBe(403);
  });

  it("shows one hypervisor per nova-compute service, naming its host, paged by a uuid marker (2.88)", async () => {
    const headers = { "OpenStack-API-Version": "compute 2.88" };
    const first = await get("/os-hypervisors/detail?limit=1", admin, headers);
    const body = first.body as { hypervisors: Record<string, unknown>[]; hypervisors_links?: { href: string }[] };
    expect(body.hypervisors).toEqual([
      expect.objectContaining({
        hypervisor_hostname: "compute-1",
        state: "up",
        service: expect.objectContaining({ host: "compute-1" }) as unknown,
        uptime: null,
      }),
    ]);
    expect(body.hypervisors[0]).not.toHaveProperty("vcpus");
    const next = new URL(body.hypervisors_links?.[0]?.href ?? "");
    const second = await get(`/os-hypervisors/detail${next.search}`, admin, headers);
    expect((second.body as { hypervisors: Record<string, unknown>[] }).hypervisors).toEqual([
      expect.objectContaining({ hypervisor_hostname: "compute-2", state: "down" }),
    ]);
    expect((await get("/os-hypervisors/detail?marker=nope", admin, headers)).status).toBe(400);
    // With no nova-compute seeded, servers land on fakecloud's own compute-1: its hypervisor is shown.
    const bare = await startFakeCloud();
    try {
      const own = await fetch(`${bare.url}/compute/v2.1/os-hypervisors/detail`, {
        headers: { "x-auth-token": await passwordToken(bare), ...headers },
      });
      expect(((await own.json()) as { hypervisors: unknown[] }).hypervisors).toEqual([
        expect.objectContaining({ hypervisor_hostname: "compute-1", state: "up", status: "enabled" }),
      ]);
    } finally {
      await bare.close();
    }
    expect((await get("/os-hypervisors/detail", member, headers)).status).toBe(403);
  });

  it("lists devstack's flavors, which clients need to name a server's flavor", async () => {
    const { body } = await get("/flavors/detail", member);
    expect((body as { flavors: { id: string; name: string }[] }).flavors[0]).toMatchObject({
      id: "1",
      name: "m1.tiny",
    });
    expect((await get("/flavors/99", member)).status).toBe(404);
  });

  it("answers an unknown route with 404 in nova's shape", async () => {
    const { status, body } = await get("/os-aggregates", admin);
    expect(status).toBe(404);
    expect((body as { itemNotFound: { message: string } }).itemNotFound.message).toContain("unknown route");
  });
});
