import { fetch } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "./server.ts";
import { passwordToken } from "../../../test/support/fakecloud/admin-token.ts";

let cloud: FakeCloud;
let token: string;

beforeEach(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }],
      resources: {
        "compute.server": Array.from({ length: 5 }, (_, index) => ({ name: `vm-${index}`, created: `-${index + 1}h` })),
        "placement.resource-provider": [{ name: "compute-1" }],
      },
    },
  });
  token = await passwordToken(cloud);
});
afterEach(async () => {
  await cloud.close();
});

const servers = (suffix = "") => `${cloud.url}/compute/v2.1/servers/detail${suffix}`;
const auth = () => ({ headers: { "x-auth-token": token } });

async function control(method: string, path: string, body?: unknown) {
  return fetch(`${cloud.url}/_control${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("a fixed response time (benchmarks)", () => {
  it("answers no sooner than the latency after the request arrived, and a latency fault comes on top", async () => {
    const slow = await startFakeCloud({ latencyMs: 150, scenario: { projects: [{ name: "acme" }] } });
    try {
      const slowToken = await passwordToken(slow);
      const url = `${slow.url}/compute/v2.1/servers/detail`;
      const headers = { headers: { "x-auth-token": slowToken } };
      let started = performance.now();
      expect((await fetch(url, headers)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      slow.faults.add({ kind: "latency", ms: 150, count: 1 });
      started = performance.now();
      expect((await fetch(url, headers)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(295);
    } finally {
      await slow.close();
    }
  });
});

describe("faults", () => {
  it("answers N times with 429 and Retry-After in the service's error shape, then normally", async () => {
    cloud.faults.add({ kind: "status", status: 429, retryAfterSeconds: 3, service: "compute", count: 2 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(servers(), auth());
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("3");
      expect(await response.json()).toEqual({ overLimit: { code: 429, message: "fakecloud: injected 429" } });
    }
    expect((await fetch(servers(), auth())).status).toBe(200);
  });

  it("applies only to requests matching its service, method and path filter", async () => {
    cloud.faults.add({ kind: "status", status: 503, path: "/servers/detail\\?.*limit=2" });
    expect((await fetch(servers(), auth())).status).toBe(200);
    expect((await fetch(servers("?limit=2"), auth())).status).toBe(503);
    expect((await fetch(`${cloud.url}/placement/resource_providers`, auth())).status).toBe(200);
  });

  it("shapes a 500 per service: Placement's errors list, Keystone's error object", async () => {
    cloud.faults.add({ kind: "status", status: 500 });
    const placement = await fetch(`${cloud.url}/placement/resource_providers`, auth());
    const body = (await placement.json()) as { errors: { status: number; request_id: string }[] };
    expect(body.errors[0]).toMatchObject({
      status: 500,
      title: "Internal Server Error",
      code: "placement.undefined_code",
    });
    expect(body.errors[0]!.request_id).toBe(placement.headers.get("x-openstack-request-id"));
    const keystone = await fetch(`${cloud.authUrl}/projects`, auth());
    expect(await keystone.json()).toEqual({
      error: { code: 500, message: "fakecloud: injected 500", title: "Internal Server Error" },
    });
  });

  it("resets the connection without an answer", async () => {
    cloud.faults.add({ kind: "reset", count: 1 });
    await expect(fetch(servers(), auth())).rejects.toThrow();
    expect((await fetch(servers(), auth())).status).toBe(200);
    expect(cloud.requestLog.counts()["compute"]).toEqual({ requests: 2, errors: 1 });
  });

  it("rejects a socket-less fetch on reset, like a dropped connection", async () => {
    cloud.faults.add({ kind: "reset" });
    await expect(cloud.fetch(new Request(servers(), auth()))).rejects.toThrow(/connection reset/);
  });

  it("delays an answer by latency and hangs beyond a client's timeout", async () => {
    cloud.faults.add({ kind: "latency", ms: 150, count: 1 });
    const started = performance.now();
    expect((await fetch(servers(), auth())).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    cloud.faults.add({ kind: "hang", ms: 30_000, count: 1 });
    await expect(fetch(servers(), { ...auth(), signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
  });

  it("answers 200 with a body that is not JSON", async () => {
    cloud.faults.add({ kind: "malformed-json", count: 1 });
    const response = await fetch(servers(), auth());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    await expect(response.json()).rejects.toThrow();
  });

  it("makes the next link repeat the request's marker: a loop a paginating client must detect", async () => {
    cloud.faults.add({ kind: "repeat-marker" });
    const first = (await (await fetch(servers("?limit=2"), auth())).json()) as { servers_links: { href: string }[] };
    const second = await fetch(first.servers_links[0]!.href, auth());
    const secondBody = (await second.json()) as { servers_links: { href: string }[] };
    expect(secondBody.servers_links[0]!.href).toBe(first.servers_links[0]!.href);
  });

  it("expires every issued token: the next request gets 401", async () => {
    expect(cloud.faults.expireTokens()).toBeGreaterThan(0);
    const response = await fetch(servers(), auth());
    expect(response.status).toBe(401);
  });
});

describe("framework", () => {
  it("gives every answer a fresh x-openstack-request-id and logs it with service, status and time", async () => {
    const a = await fetch(servers(), auth());
    const b = await fetch(`${cloud.url}/compute/v2.1/nothing-here`, auth());
    const ids = [a.headers.get("x-openstack-request-id"), b.headers.get("x-openstack-request-id")];
    expect(ids[0]).toMatch(/^req-[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const log = cloud.requestLog.list().filter((entry) => entry.service === "compute");
    expect(log.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ["GET", "/compute/v2.1/servers/detail", 200],
      ["GET", "/compute/v2.1/nothing-here", 404],
    ]);
    expect(log[0]!.requestId).toBe(ids[0]);
  });

  it("answers 401 in keystonemiddleware's shape without a token, and serves version documents without one", async () => {
    const response = await fetch(servers());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" },
    });
    const version = (await (await fetch(`${cloud.url}/compute/v2.1`)).json()) as { version: Record<string, string> };
    expect(version.version).toMatchObject({ id: "v2.1", version: "2.96", min_version: "2.1" });
    const placement = (await (await fetch(`${cloud.url}/placement`)).json()) as { versions: Record<string, string>[] };
    expect(placement.versions[0]).toMatchObject({ max_version: "1.39", min_version: "1.0" });
  });

  it("answers a path outside every service with an unknown-route 404", async () => {
    const response = await fetch(`${cloud.url}/shared-file-system/v2/shares`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain("unknown route");
  });
});

describe("control API", () => {
  it("adds and clears faults over HTTP, and rejects an invalid spec naming the field", async () => {
    const added = await control("POST", "/faults", { kind: "status", status: 503, service: "compute", count: 1 });
    expect(added.status).toBe(201);
    expect((await fetch(servers(), auth())).status).toBe(503);
    const invalid = await control("POST", "/faults", { kind: "status", status: 418 });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toContain("status");
    await control("POST", "/faults", { kind: "status", status: 500 });
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await fetch(servers(), auth())).status).toBe(200);
  });

  it("sets any field of a record with relative times, as database surgery would", async () => {
    const server = [...cloud.state.collection("compute.server").values()][0]!;
    const patched = await control("PATCH", `/resources/compute.server/${server.id}`, {
      status: "ERROR",
      "OS-EXT-STS:task_state": "deleting",
      updated: "-2h",
    });
    expect(patched.status).toBe(200);
    const shown = (await (await fetch(`${cloud.url}/compute/v2.1/servers/${server.id}`, auth())).json()) as {
      server: Record<string, string>;
    };
    expect(shown.server["status"]).toBe("ERROR");
    expect(shown.server["OS-EXT-STS:task_state"]).toBe("deleting");
    const age = Date.now() - Date.parse(shown.server["updated"]!);
    expect(age).toBeGreaterThan(2 * 3_600_000 - 5_000);
    expect(age).toBeLessThan(2 * 3_600_000 + 5_000);
  });

  it("deletes a project from Keystone only: its servers stay", async () => {
    const acme = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!;
    await control(
      "PATCH",
      `/resources/compute.server/${[...cloud.state.collection("compute.server").values()][0]!.id}`,
      {
        tenant_id: acme.id,
      },
    );
    expect((await control("DELETE", `/projects/${acme.id}`)).status).toBe(204);
    expect((await fetch(`${cloud.authUrl}/projects/${acme.id}`, auth())).status).toBe(404);
    const orphans = (await (await fetch(servers(`?all_tenants=1&project_id=${acme.id}`), auth())).json()) as {
      servers: unknown[];
    };
    expect(orphans.servers).toHaveLength(1);
  });

  it("seeds a YAML scenario, and rejects a bad one naming the key", async () => {
    const yaml =
      "projects:\n  - name: initech\nresources:\n  compute.server:\n    - { name: tps, tenant_id: '@project/initech' }\n";
    const seeded = await fetch(`${cloud.url}/_control/scenario`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: yaml,
    });
    expect(seeded.status).toBe(201);
    expect(await seeded.json()).toEqual({ added: { "identity.project": 1, "compute.server": 1 } });
    const bad = await control("POST", "/scenario", { resources: { "compute.server": [{ status: "EXPLODED" }] } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      'resources.compute.server[0].status: expected one of ACTIVE, BUILD, ERROR, SHUTOFF, PAUSED, SUSPENDED, RESCUE, RESIZE, VERIFY_RESIZE, SHELVED, SHELVED_OFFLOADED, SOFT_DELETED, DELETED, REBOOT, HARD_REBOOT, MIGRATING, REBUILD, UNKNOWN, got "EXPLODED"',
    );
    const unknownRef = await control("POST", "/scenario", {
      resources: { "compute.server": [{ tenant_id: "@project/nope" }] },
    });
    expect(((await unknownRef.json()) as { error: string }).error).toBe(
      "resources.compute.server[0].tenant_id: unknown reference @project/nope",
    );
  });

  it("truncates the project list through list-limit, removes a service from the catalog, and counts requests", async () => {
    await control("PUT", "/identity/list-limit", { listLimit: 1 });
    const projects = (await (await fetch(`${cloud.authUrl}/projects`, auth())).json()) as { truncated?: boolean };
    expect(projects.truncated).toBe(true);

    await control("POST", "/catalog/remove", { service: "placement" });
    const fresh = await passwordToken(cloud);
    const validated = (await (
      await fetch(`${cloud.authUrl}/auth/tokens`, { headers: { "x-auth-token": fresh, "x-subject-token": fresh } })
    ).json()) as { token: { catalog: { type: string }[] } };
    const types = validated.token.catalog.map((service) => service.type);
    expect(types).not.toContain("placement");
    expect(types).toEqual(expect.arrayContaining(["compute", "identity"]));

    const counters = (await (await control("GET", "/requests/counters")).json()) as Record<
      string,
      { requests: number }
    >;
    expect(counters["identity"]!.requests).toBeGreaterThanOrEqual(4);
    expect((await control("DELETE", "/requests")).status).toBe(204);
    expect(cloud.requestLog.total()).toBe(0);
  });
});
