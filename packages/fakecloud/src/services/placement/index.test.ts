import { fetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

const RP1 = "5c1b8a4e-1111-4d9e-9f00-000000000001";
const RP2 = "5c1b8a4e-1111-4d9e-9f00-000000000002";
const SERVER = "7d0f6b1a-2222-4c3b-8a00-0000000000aa";
const ORPHAN = "7d0f6b1a-2222-4c3b-8a00-0000000000bb";

let cloud: FakeCloud;
let admin: string;
let member: string;

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }],
      users: [{ name: "alice", password: "alice-pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "compute.server": [{ id: SERVER, name: "vm", tenant_id: "@project/acme" }],
        "placement.resource-provider": [
          { id: RP1, name: "compute-1" },
          { id: RP2, name: "compute-2" },
        ],
        "placement.allocation": [
          {
            id: SERVER,
            project_id: "@project/acme",
            allocations: { [RP1]: { resources: { VCPU: 2, MEMORY_MB: 2048 } } },
          },
          { id: ORPHAN, allocations: { [RP2]: { resources: { VCPU: 1 } } } },
        ],
      },
    },
  });
  admin = await passwordToken(cloud);
  member = await passwordToken(cloud, { username: "alice", password: "alice-pw", projectName: "acme" });
});
afterAll(async () => {
  await cloud.close();
});

async function call(method: string, path: string, token: string, version = "placement 1.39") {
  const response = await fetch(`${cloud.url}/placement${path}`, {
    method,
    headers: { "x-auth-token": token, "OpenStack-API-Version": version },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === "" ? null : JSON.parse(text)) as unknown,
  };
}

describe("placement", () => {
  it("lists resource providers with their root from 1.14, and echoes the microversion", async () => {
    const { body, headers } = await call("GET", "/resource_providers", admin);
    expect(headers.get("openstack-api-version")).toBe("placement 1.39");
    const providers = (body as { resource_providers: Record<string, unknown>[] }).resource_providers;
    expect(providers.map((p) => [p["uuid"], p["name"], p["root_provider_uuid"]])).toEqual([
      [RP1, "compute-1", RP1],
      [RP2, "compute-2", RP2],
    ]);
    const old = await call("GET", "/resource_providers", admin, "placement 1.0");
    expect((old.body as { resource_providers: Record<string, unknown>[] }).resource_providers[0]).not.toHaveProperty(
      "root_provider_uuid",
    );
  });

  it("lists a provider's allocations keyed by consumer", async () => {
    const { body } = await call("GET", `/resource_providers/${RP1}/allocations`, admin);
    expect(body).toEqual({
      allocations: { [SERVER]: { resources: { VCPU: 2, MEMORY_MB: 2048 }, consumer_generation: 1 } },
      resource_provider_generation: 1,
    });
    // Before 1.28 a consumer's generation is not shown.
    const legacy = await call("GET", `/resource_providers/${RP1}/allocations`, admin, "placement 1.27");
    expect(legacy.body).toEqual({
      allocations: { [SERVER]: { resources: { VCPU: 2, MEMORY_MB: 2048 } } },
      resource_provider_generation: 1,
    });
    const missing = await call("GET", "/resource_providers/00000000-0000-0000-0000-000000000000/allocations", admin);
    expect(missing.status).toBe(404);
    expect((missing.body as { errors: { status: number }[] }).errors[0]!.status).toBe(404);
  });

  it("shows a consumer's allocations with project and generation by microversion; an unknown consumer has none", async () => {
    const acme = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!.id;
    const { body } = await call("GET", `/allocations/${SERVER}`, admin, "placement 1.28");
    expect(body).toMatchObject({ project_id: acme, consumer_generation: 1, allocations: { [RP1]: { generation: 1 } } });
    expect((await call("GET", "/allocations/00000000-0000-0000-0000-000000000000", admin)).body).toEqual({
      allocations: {},
    });
  });

  it("deletes a consumer's allocations once; the second time is 404", async () => {
    expect((await call("DELETE", `/allocations/${ORPHAN}`, admin)).status).toBe(204);
    const again = await call("DELETE", `/allocations/${ORPHAN}`, admin);
    expect(again.status).toBe(404);
    // webob's explanation, then placement's message, as the tags-stripped HTML body placement wraps.
    expect((again.body as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      `The resource could not be found.\n\n No allocations for consumer '${ORPHAN}'  `,
    );
    expect((await call("GET", `/resource_providers/${RP2}/allocations`, admin)).body).toMatchObject({
      allocations: {},
    });
  });

  it("refuses members with placement's policy error", async () => {
    const { status, body } = await call("GET", "/resource_providers", member);
    expect(status).toBe(403);
    expect((body as { errors: { detail: string }[] }).errors[0]!.detail).toBe(
      "Access was denied to this resource.\n\n Policy does not allow placement:resource_providers:list to be performed.  ",
    );
  });

  it("drops a server's allocations when the server is deleted through nova", async () => {
    const deleted = await fetch(`${cloud.url}/compute/v2.1/servers/${SERVER}`, {
      method: "DELETE",
      headers: { "x-auth-token": admin },
    });
    expect(deleted.status).toBe(204);
    expect((await call("GET", `/allocations/${SERVER}`, admin)).body).toEqual({ allocations: {} });
  });

  it("answers 406 in placement's shape for a version above 1.39", async () => {
    const { status, body } = await call("GET", "/resource_providers", admin, "placement 1.40");
    expect(status).toBe(406);
    expect((body as { errors: Record<string, unknown>[] }).errors[0]).toEqual({
      status: 406,
      title: "Not Acceptable",
      detail:
        "The resource could not be generated that was acceptable to your browser (content of type " +
        "application/json. \n\n Invalid microversion: Unacceptable version header: 1.40",
      request_id: expect.stringMatching(/^req-/) as unknown,
      max_version: "1.39",
      min_version: "1.0",
    });
  });
});

describe("placement follows nova", () => {
  it("gives a new server an allocation on its host's provider, and drops it with the server", async () => {
    const image = [...cloud.state.collection("image.image").values()][0];
    expect(image).toBeUndefined();
    const created = await fetch(`${cloud.url}/compute/v2.1/servers`, {
      method: "POST",
      headers: { "x-auth-token": admin, "content-type": "application/json" },
      body: JSON.stringify({ server: { name: "placed", flavorRef: "2" } }),
    });
    expect(created.status).toBe(202);
    const serverId = ((await created.json()) as { server: { id: string } }).server.id;
    // No nova-compute service is seeded: the server lands on fakecloud's default host, compute-1 (RP1).
    const { body } = await call("GET", `/allocations/${serverId}`, admin);
    expect(body).toMatchObject({
      allocations: { [RP1]: { resources: { DISK_GB: 20, MEMORY_MB: 2048, VCPU: 1 } } },
      consumer_type: "unknown",
    });
    const deleted = await fetch(`${cloud.url}/compute/v2.1/servers/${serverId}`, {
      method: "DELETE",
      headers: { "x-auth-token": admin },
    });
    expect(deleted.status).toBe(204);
    expect((await call("GET", `/allocations/${serverId}`, admin)).body).toEqual({ allocations: {} });
  });

  it("links a provider's sub-resources by relative paths, as many as the microversion has", async () => {
    const modern = (await call("GET", `/resource_providers/${RP2}`, admin)).body as { links: { rel: string }[] };
    expect(modern.links).toContainEqual({ rel: "usages", href: `/placement/resource_providers/${RP2}/usages` });
    expect(modern.links.map((link) => link.rel)).toEqual([
      "self",
      "inventories",
      "usages",
      "aggregates",
      "traits",
      "allocations",
    ]);
    const oldest = (await call("GET", `/resource_providers/${RP2}`, admin, "placement 1.0")).body as {
      links: { rel: string }[];
    };
    expect(oldest.links.map((link) => link.rel)).toEqual(["self", "inventories", "usages"]);
  });
});
