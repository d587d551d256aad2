import { fetch } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";

const scenario = {
  admin: { password: "admin-pw" },
  projects: [{ name: "acme" }, { name: "globex" }, { name: "gone", deleted: true }],
  users: [{ name: "alice", password: "alice-pw", roles: [{ project: "acme", role: "member" }] }],
  applicationCredentials: [{ id: "ac1", name: "scanner", secret: "ac-secret", user: "admin", project: "admin" }],
};

interface TokenDocument {
  token: {
    project: { id: string; name: string };
    roles: { name: string }[];
    expires_at: string;
    catalog: { type: string; endpoints: { interface: string; url: string; region: string }[] }[];
    application_credential?: { id: string };
  };
}

let cloud: FakeCloud;
beforeEach(async () => {
  cloud = await startFakeCloud({ scenario });
});
afterEach(async () => {
  await cloud.close();
});

async function authenticate(
  body: unknown,
): Promise<{ status: number; token: string | null; json: Record<string, unknown> }> {
  const response = await fetch(`${cloud.authUrl}/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    token: response.headers.get("x-subject-token"),
    json: (await response.json()) as Record<string, unknown>,
  };
}

const passwordAuth = (name: string, password: string, project: Record<string, unknown>) => ({
  auth: {
    identity: { methods: ["password"], password: { user: { name, domain: { name: "Default" }, password } } },
    scope: { project },
  },
});

describe("Keystone tokens", () => {
  it("issues a project-scoped token with roles, expiry and a catalog of every service in RegionOne", async () => {
    const result = await authenticate(passwordAuth("admin", "admin-pw", { name: "admin", domain: { id: "default" } }));
    expect(result.status).toBe(201);
    expect(result.token).toMatch(/^gAAAAA/);
    const { token } = result.json as unknown as TokenDocument;
    expect(token.project.name).toBe("admin");
    expect(token.roles.map((role) => role.name).sort()).toEqual(["ResellerAdmin", "admin", "member", "reader"]);
    expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/);
    const identity = token.catalog.find((service) => service.type === "identity")!;
    expect(identity.endpoints.map((e) => e.interface).sort()).toEqual(["admin", "internal", "public"]);
    expect(identity.endpoints[0]!.url).toBe(cloud.authUrl);
    expect(identity.endpoints[0]!.region).toBe("RegionOne");
  });

  it("lists every region's endpoints of a multi-region cloud, each at its region's address, Keystone's at its own", async () => {
    const regional = await startFakeCloud({ scenario: { ...scenario, regions: { RegionTwo: {} } } });
    try {
      const [first, second] = regional.regions;
      expect(second!.url).not.toBe(first!.url);
      const token = await passwordToken(regional);
      const response = await fetch(`${regional.authUrl}/auth/tokens`, {
        headers: { "x-auth-token": token, "x-subject-token": token },
      });
      const { catalog } = ((await response.json()) as TokenDocument).token;
      const publicUrl = (type: string, region: string): string | undefined =>
        catalog
          .find((service) => service.type === type)
          ?.endpoints.find((endpoint) => endpoint.region === region && endpoint.interface === "public")?.url;
      expect(publicUrl("compute", "RegionOne")).toBe(`${first!.url}/compute/v2.1`);
      expect(publicUrl("compute", "RegionTwo")).toBe(`${second!.url}/compute/v2.1`);
      expect(publicUrl("identity", "RegionTwo")).toBe(regional.authUrl);
      // RegionTwo's Nova answers with that region's records, under the one Keystone's token.
      const servers = await fetch(`${second!.url}/compute/v2.1/servers?all_tenants=1`, {
        headers: { "x-auth-token": token },
      });
      expect(servers.status).toBe(200);
    } finally {
      await regional.close();
    }
  });

  it("authenticates by user and project id, and by application credential", async () => {
    const projectId = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!.id;
    const alice = cloud.state.identity.findUserByName("alice", "default")!;
    const byId = await authenticate({
      auth: {
        identity: { methods: ["password"], password: { user: { id: alice.id, password: "alice-pw" } } },
        scope: { project: { id: projectId } },
      },
    });
    expect(byId.status).toBe(201);
    const aliceToken = (byId.json as unknown as TokenDocument).token;
    expect(aliceToken.roles.map((r) => r.name).sort()).toEqual(["member", "reader"]);

    const byAppCred = await authenticate({
      auth: {
        identity: { methods: ["application_credential"], application_credential: { id: "ac1", secret: "ac-secret" } },
      },
    });
    expect(byAppCred.status).toBe(201);
    const appCredToken = (byAppCred.json as unknown as TokenDocument).token;
    expect(appCredToken.project.name).toBe("admin");
    expect(appCredToken.application_credential?.id).toBe("ac1");
  });

  it("answers every authentication failure with the same 401 body, never saying what was wrong", async () => {
    const attempts = [
      passwordAuth("admin", "wrong", { name: "admin", domain: { id: "default" } }),
      passwordAuth("nobody", "admin-pw", { name: "admin", domain: { id: "default" } }),
      passwordAuth("alice", "alice-pw", { name: "globex", domain: { id: "default" } }), // no role there
      passwordAuth("admin", "admin-pw", { name: "no-such-project", domain: { id: "default" } }),
      {
        auth: {
          identity: { methods: ["application_credential"], application_credential: { id: "ac1", secret: "bad" } },
        },
      },
    ];
    for (const attempt of attempts) {
      const result = await authenticate(attempt);
      expect(result.status).toBe(401);
      expect(result.token).toBeNull();
      expect(result.json).toEqual({
        error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" },
      });
    }
  });

  it("rejects a malformed auth request with 400 naming the field", async () => {
    const result = await authenticate({ auth: {} });
    expect(result.status).toBe(400);
    expect((result.json["error"] as { message: string }).message).toContain("'auth.identity'");
  });

  it("validates a token with GET /v3/auth/tokens, and 404 for an unknown subject token", async () => {
    const token = await passwordToken(cloud);
    const valid = await fetch(`${cloud.authUrl}/auth/tokens`, {
      headers: { "x-auth-token": token, "x-subject-token": token },
    });
    expect(valid.status).toBe(200);
    expect(valid.headers.get("x-subject-token")).toBe(token);
    const unknown = await fetch(`${cloud.authUrl}/auth/tokens`, {
      headers: { "x-auth-token": token, "x-subject-token": "nope" },
    });
    expect(unknown.status).toBe(404);
  });

  it("rejects a token after it expires", async () => {
    await cloud.close();
    cloud = await startFakeCloud({ scenario, tokenTtlSeconds: 0 });
    const token = await passwordToken(cloud);
    const response = await fetch(`${cloud.authUrl}/projects`, { headers: { "x-auth-token": token } });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(`Keystone uri="${cloud.url}/identity"`);
  });

  it("leaves a service out of the catalog of tokens issued after removeFromCatalog", async () => {
    cloud.faults.removeFromCatalog("identity");
    const result = await authenticate(passwordAuth("admin", "admin-pw", { name: "admin", domain: { id: "default" } }));
    const { token } = result.json as unknown as TokenDocument;
    expect(token.catalog.some((service) => service.type === "identity")).toBe(false);
  });
});

describe("Keystone projects", () => {
  it("lists every project for an admin, but a deleted project's id is not among them", async () => {
    const token = await passwordToken(cloud);
    const response = await fetch(`${cloud.authUrl}/projects`, { headers: { "x-auth-token": token } });
    const body = (await response.json()) as { projects: { name: string }[]; truncated?: boolean };
    expect(body.projects.map((p) => p.name).sort()).toEqual(["acme", "admin", "globex", "service"]);
    expect(body.truncated).toBeUndefined();
  });

  it("truncates the list at list_limit and says so", async () => {
    cloud.state.identity.listLimit = 2;
    const token = await passwordToken(cloud);
    const body = (await (await fetch(`${cloud.authUrl}/projects`, { headers: { "x-auth-token": token } })).json()) as {
      projects: unknown[];
      truncated?: boolean;
    };
    expect(body.projects).toHaveLength(2);
    expect(body.truncated).toBe(true);
  });

  it("filters by name and forbids a member from listing projects", async () => {
    const admin = await passwordToken(cloud);
    const byName = (await (
      await fetch(`${cloud.authUrl}/projects?name=acme`, { headers: { "x-auth-token": admin } })
    ).json()) as {
      projects: { name: string }[];
    };
    expect(byName.projects.map((p) => p.name)).toEqual(["acme"]);

    const member = await passwordToken(cloud, { username: "alice", password: "alice-pw", projectName: "acme" });
    const response = await fetch(`${cloud.authUrl}/projects`, { headers: { "x-auth-token": member } });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: {
        code: 403,
        message: "You are not authorized to perform the requested action: identity:list_projects.",
        title: "Forbidden",
      },
    });
  });

  it("creates, shows and deletes a project; after deletion it is 404", async () => {
    const token = await passwordToken(cloud);
    const headers = { "x-auth-token": token, "content-type": "application/json" };
    const created = await fetch(`${cloud.authUrl}/projects`, {
      method: "POST",
      headers,
      body: JSON.stringify({ project: { name: "new" } }),
    });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { project: { id: string } }).project.id;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const duplicate = await fetch(`${cloud.authUrl}/projects`, {
      method: "POST",
      headers,
      body: JSON.stringify({ project: { name: "new" } }),
    });
    expect(duplicate.status).toBe(409);
    expect((await fetch(`${cloud.authUrl}/projects/${id}`, { headers })).status).toBe(200);
    expect((await fetch(`${cloud.authUrl}/projects/${id}`, { method: "DELETE", headers })).status).toBe(204);
    const gone = await fetch(`${cloud.authUrl}/projects/${id}`, { headers });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({
      error: { code: 404, message: `Could not find project: ${id}.`, title: "Not Found" },
    });
  });

  it("creates a user, grants it member on a project (it can then log in there), and deletes it", async () => {
    const token = await passwordToken(cloud);
    const headers = { "x-auth-token": token, "content-type": "application/json" };
    const acme = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!.id;
    const createUser = () =>
      fetch(`${cloud.authUrl}/users`, {
        method: "POST",
        headers,
        body: JSON.stringify({ user: { name: "bob", password: "bob-pw", domain_id: "default" } }),
      });
    const created = await createUser();
    expect(created.status).toBe(201);
    const user = ((await created.json()) as { user: Record<string, unknown> }).user;
    expect(user).toMatchObject({ name: "bob", domain_id: "default", enabled: true, password_expires_at: null });
    expect(user).not.toHaveProperty("default_project_id");
    expect(user).not.toHaveProperty("password");
    const duplicate = await createUser();
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toEqual({
      error: {
        code: 409,
        message:
          "Conflict occurred attempting to store user - Duplicate entry found with name bob at domain ID default.",
        title: "Conflict",
      },
    });
    const roles = (await (await fetch(`${cloud.authUrl}/roles?name=member`, { headers })).json()) as {
      roles: { id: string }[];
    };
    expect(roles.roles).toHaveLength(1);
    const grant = `${cloud.authUrl}/projects/${acme}/users/${String(user["id"])}/roles/${roles.roles[0]!.id}`;
    expect((await authenticate(passwordAuth("bob", "bob-pw", { id: acme }))).status).toBe(401);
    expect((await fetch(grant, { method: "PUT", headers })).status).toBe(204);
    const login = await authenticate(passwordAuth("bob", "bob-pw", { id: acme }));
    expect(login.status).toBe(201);
    expect((login.json as unknown as TokenDocument).token.roles.map((r) => r.name)).toContain("member");
    expect((await fetch(grant, { method: "DELETE", headers })).status).toBe(204);
    expect((await fetch(grant, { method: "DELETE", headers })).status).toBe(404);
    expect((await fetch(`${cloud.authUrl}/users/${String(user["id"])}`, { method: "DELETE", headers })).status).toBe(
      204,
    );
    expect((await fetch(`${cloud.authUrl}/users/${String(user["id"])}`, { headers })).status).toBe(404);
  });

  it("creates a domain whose projects an admin lists with the rest, and deletes it only once disabled", async () => {
    const headers = { "x-auth-token": await passwordToken(cloud), "content-type": "application/json" };
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${cloud.authUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const created = await send("POST", "/domains", { domain: { name: "elsewhere" } });
    expect(created.status).toBe(201);
    const domain = ((await created.json()) as { domain: { id: string; enabled: boolean } }).domain;
    expect(domain.enabled).toBe(true);
    const project = await send("POST", "/projects", { project: { name: "far", domain_id: domain.id } });
    expect(project.status).toBe(201);
    const listed = (await (await send("GET", "/projects")).json()) as {
      projects: { name: string; domain_id: string }[];
    };
    expect(listed.projects).toContainEqual(expect.objectContaining({ name: "far", domain_id: domain.id }));
    expect((await send("DELETE", `/domains/${domain.id}`)).status).toBe(403);
    expect((await send("PATCH", `/domains/${domain.id}`, { domain: { enabled: false } })).status).toBe(200);
    expect((await send("DELETE", `/domains/${domain.id}`)).status).toBe(204);
    expect((await send("GET", `/domains/${domain.id}`)).status).toBe(404);
  });

  it("serves version discovery without a token", async () => {
    const root = await fetch(`${cloud.url}/identity/`);
    expect(root.status).toBe(300);
    const v3 = (await (await fetch(cloud.authUrl)).json()) as { version: { id: string; links: { href: string }[] } };
    expect(v3.version.id).toBe("v3.14");
    expect(v3.version.links[0]!.href).toBe(`${cloud.authUrl}/`);
  });
});
