// The Session over real HTTP on loopback, against a small scripted Keystone and services: each auth path, token
// reuse and re-authentication, catalog misses, microversions, pagination shapes, retries, and redaction.

import diagnosticsChannel from "node:diagnostics_channel";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { ResolvedCloud } from "../config/clouds.ts";
import { Secret } from "../config/secret.ts";
import { createLogger } from "../log/logger.ts";
import {
  AuthError,
  CatalogError,
  ConnectionError,
  MicroversionError,
  OpenStackApiError,
  PaginationLoopError,
  TruncatedListingError,
} from "./errors.ts";
import { Session } from "./session.ts";

const PROJECT = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const PASSWORD = "Very-Secret-Pa55word";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** `after`: the answer is written once it settles (a slow service, held by the test). */
type Answer = { status: number; headers?: Record<string, string>; body?: unknown; after?: Promise<unknown> } | "reset";
type Route = (req: Seen) => Answer | undefined;

interface Loopback {
  url: string;
  seen: Seen[];
  tokens: string[];
  revoked: Set<string>;
  server: Server;
}

const servers: Server[] = [];
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A Keystone at /identity/v3 whose catalog lists the routes' services; `route` answers everything else. */
async function startCloud(route: Route, options: { ttlSeconds?: number; catalog?: unknown[] } = {}): Promise<Loopback> {
  const loop: Loopback = { url: "", seen: [], tokens: [], revoked: new Set(), server: createServer() };
  loop.server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen: Seen = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      loop.seen.push(seen);
      let answer: Answer;
      if (seen.method === "POST" && seen.url === "/identity/v3/auth/tokens") {
        answer = issueToken(loop, seen, options);
      } else if (
        seen.url.startsWith("/identity") ||
        seen.url.match(/^\/(compute|volume|network|image|load-balancer|placement|elsewhere)/)
      ) {
        const token = String(req.headers["x-auth-token"] ?? "");
        const discovery = /^\/(compute\/v2\.1|volume\/|placement\/?)$/.test(seen.url.split("?")[0] ?? "");
        if (!discovery && (!loop.tokens.includes(token) || loop.revoked.has(token))) {
          answer = {
            status: 401,
            body: {
              error: {
                code: 401,
                message: "The request you have made requires authentication.",
                title: "Unauthorized",
              },
            },
          };
        } else {
          answer = route(seen) ?? {
            status: 404,
            body: { itemNotFound: { code: 404, message: `no route ${seen.url}` } },
          };
        }
      } else {
        answer = { status: 404 };
      }
      if (answer === "reset") {
        req.socket.destroy();
        return;
      }
      const { status, headers, body, after } = answer;
      const requestId = `req-${loop.seen.length}`;
      void Promise.resolve(after).then(() => {
        res.writeHead(status, { "Content-Type": "application/json", "x-openstack-request-id": requestId, ...headers });
        res.end(body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body));
      });
    });
  });
  servers.push(loop.server);
  await new Promise<void>((resolve) => loop.server.listen(0, "127.0.0.1", resolve));
  loop.url = `http://127.0.0.1:${(loop.server.address() as AddressInfo).port}`;
  return loop;
}

/** Neutron's ports in two pages: `first`, whose next link is marked by its last id, then `second`; `onSecond` when asked. */
function startTwoPagesOfPorts(
  first: { id: string }[],
  second: { id: string },
  onSecond: () => void = () => undefined,
): Promise<Loopback> {
  return startCloud((req) => {
    if (!req.url.startsWith("/network/v2.0/ports")) return undefined;
    if (!req.url.includes("marker="))
      return {
        status: 200,
        body: {
          ports: first,
          ports_links: [{ rel: "next", href: `http://internal:9696/v2.0/ports?limit=2000&marker=${first.at(-1)!.id}` }],
        },
      };
    onSecond();
    return { status: 200, body: { ports: [second], ports_links: [] } };
  });
}

function issueToken(loop: Loopback, seen: Seen, options: { ttlSeconds?: number; catalog?: unknown[] }): Answer {
  const body = JSON.parse(seen.body) as {
    auth: { identity: { methods: string[]; password?: { user: { password: string } } } };
  };
  if (body.auth.identity.methods[0] === "password" && body.auth.identity.password?.user.password !== PASSWORD) {
    return {
      status: 401,
      body: {
        error: { code: 401, message: "The request you have made requires authentication.", title: "Unauthorized" },
      },
    };
  }
  const token = `gAAAAABtoken-${loop.tokens.length + 1}-${"x".repeat(20)}`;
  loop.tokens.push(token);
  const now = Date.now();
  const endpoint = (type: string, path: string): unknown => ({
    type,
    endpoints: ["public", "internal", "admin"].map((iface) => ({
      interface: iface,
      region: "RegionOne",
      region_id: "RegionOne",
      url: `${loop.url}${path}`,
    })),
  });
  return {
    status: 201,
    headers: { "X-Subject-Token": token },
    body: {
      token: {
        methods: body.auth.identity.methods,
        issued_at: new Date(now).toISOString(),
        expires_at: new Date(now + (options.ttlSeconds ?? 3600) * 1000).toISOString(),
        user: { id: "u-admin", name: "admin", domain: { id: "default", name: "Default" } },
        project: { id: PROJECT, name: "admin", domain: { id: "default", name: "Default" } },
        roles: [
          { id: "r1", name: "admin" },
          { id: "r2", name: "reader" },
        ],
        catalog: options.catalog ?? [
          endpoint("identity", "/identity/v3"),
          endpoint("compute", "/compute/v2.1"),
          endpoint("volumev3", `/volume/v3/${PROJECT}`),
          endpoint("network", "/network"),
          endpoint("image", "/image"),
          endpoint("placement", "/placement"),
        ],
      },
    },
  };
}

function cloudFor(loop: Loopback, overrides: Partial<ResolvedCloud> = {}): ResolvedCloud {
  return {
    name: "test",
    authType: "password",
    auth: {
      authUrl: `${loop.url}/identity/v3`,
      username: "admin",
      userDomainName: "Default",
      password: new Secret(PASSWORD),
      projectName: "admin",
      projectDomainName: "Default",
    },
    regions: ["RegionOne"],
    interface: "public",
    verify: true,
    endpointOverrides: {},
    apiVersions: {},
    source: "test",
    ...overrides,
  };
}

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

async function open(
  loop: Loopback,
  overrides: Partial<ResolvedCloud> = {},
  options: Parameters<typeof Session.open>[1] = {},
): Promise<Session> {
  const session = await Session.open(cloudFor(loop, overrides), { retry: FAST_RETRY, ...options });
  sessions.push(session);
  return session;
}

function authBodies(loop: Loopback): unknown[] {
  return loop.seen.filter((s) => s.url.endsWith("/auth/tokens")).map((s) => JSON.parse(s.body) as unknown);
}

describe("Session: Keystone v3 auth", () => {
  it("password auth scoped to a project by name, with the caller's identity", async () => {
    const loop = await startCloud(() => undefined);
    const session = await open(loop);
    expect(authBodies(loop)[0]).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "admin", domain: { name: "Default" }, password: PASSWORD } },
        },
        scope: { project: { name: "admin", domain: { name: "Default" } } },
      },
    });
    expect(session.identity).toEqual({
      userId: "u-admin",
      projectId: PROJECT,
      domainId: "default",
      roles: ["admin", "reader"],
      system: false,
    });
    expect(session.region).toBe("RegionOne");
    expect(session.regions()).toEqual(["RegionOne"]);
  });

  it("application credential by id sends no scope; token auth sends the token and the scope", async () => {
    const loop = await startCloud(() => undefined);
    await open(loop, {
      authType: "v3applicationcredential",
      auth: {
        authUrl: `${loop.url}/identity/v3`,
        applicationCredentialId: "ac-1",
        applicationCredentialSecret: new Secret("ac-secret-1"),
      },
    });
    await open(loop, {
      authType: "token",
      auth: { authUrl: `${loop.url}/identity`, token: new Secret("given-token-1"), projectId: PROJECT },
    });
    expect(authBodies(loop)).toEqual([
      {
        auth: {
          identity: {
            methods: ["application_credential"],
            application_credential: { id: "ac-1", secret: "ac-secret-1" },
          },
        },
      },
      {
        auth: { identity: { methods: ["token"], token: { id: "given-token-1" } }, scope: { project: { id: PROJECT } } },
      },
    ]);
  });

  it("a wrong password is one AuthError line without the password", async () => {
    const loop = await startCloud(() => undefined);
    const error = await Session.open(
      cloudFor(loop, { auth: { ...cloudFor(loop).auth, password: new Secret("wrong-password-1") } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    const message = (error as AuthError).message;
    expect(message).toBe(
      `Keystone at ${loop.url}/identity/v3 refused the password of user admin (domain Default) (HTTP 401: The request you have made requires authentication.)`,
    );
    expect(JSON.stringify(error)).not.toContain("wrong-password-1");
  });

  it("reuses the token, and re-authenticates once on a 401 in the middle of a paginated listing", async () => {
    const loop = await startCloud((req) => {
      const marker = new URL(req.url, "http://x").searchParams.get("marker");
      if (req.url.startsWith("/compute/v2.1/servers/detail")) {
        if (marker === null) {
          loop.revoked.add(String(req.headers["x-auth-token"])); // the token expires after the first page
          return {
            status: 200,
            body: {
              servers: [{ id: "s1" }],
              servers_links: [
                { rel: "next", href: `${loop.url}/compute/v2.1/servers/detail?all_tenants=1&limit=1&marker=s1` },
              ],
            },
          };
        }
        return { status: 200, body: { servers: [{ id: "s2" }] } };
      }
      return undefined;
    });
    const session = await open(loop);
    const ids: string[] = [];
    for await (const page of session.paginate<{ id: string }>("compute", {
      path: "/servers/detail",
      query: { all_tenants: 1 },
      resourcesKey: "servers",
      pageSize: 1,
    })) {
      ids.push(...page.map((s) => s.id));
    }
    expect(ids).toEqual(["s1", "s2"]);
    expect(loop.tokens).toHaveLength(2);
    const listing = loop.seen.filter((s) => s.url.startsWith("/compute/v2.1/servers"));
    expect(listing.map((s) => s.url)).toEqual([
      "/compute/v2.1/servers/detail?all_tenants=1&limit=1",
      "/compute/v2.1/servers/detail?all_tenants=1&limit=1&marker=s1",
      "/compute/v2.1/servers/detail?all_tenants=1&limit=1&marker=s1",
    ]);
  });

  it("another region's session carries the first region's token, and re-issues its own on a 401 once the first is closed", async () => {
    // RegionTwo's network is its own path: each region's requests go to its own endpoints.
    const regional = (type: string, paths: Record<string, string>): unknown => ({
      type,
      endpoints: Object.entries(paths).map(([region, path]) => ({
        interface: "public",
        region,
        region_id: region,
        url: `${loop.url}${path}`,
      })),
    });
    const ports: Route = (req) => {
      const path = req.url.split("?")[0];
      if (path !== "/network/v2.0/ports" && path !== "/network-two/v2.0/ports") return undefined;
      return { status: 200, body: { ports: [{ id: path.startsWith("/network-two") ? "west" : "east" }] } };
    };
    const loop: Loopback = await startCloud(ports, {
      // Read when the token is issued, once the loopback has its address.
      get catalog() {
        return [
          regional("identity", { RegionOne: "/identity/v3", RegionTwo: "/identity/v3" }),
          regional("network", { RegionOne: "/network", RegionTwo: "/network-two" }),
        ];
      },
    });
    const first = await open(loop);
    const second = first.inRegion("RegionTwo");
    sessions.push(second);
    expect(() => first.inRegion("RegionThree")).toThrow(CatalogError);
    expect(second.region).toBe("RegionTwo");
    expect(second.identity).toEqual(first.identity);

    const listing = { path: "/v2.0/ports", resourcesKey: "ports" };
    const ids = async (session: Session): Promise<string[]> => {
      const found: string[] = [];
      for await (const page of session.paginate<{ id: string }>("network", listing))
        found.push(...page.map((p) => p.id));
      return found;
    };
    expect(await ids(first)).toEqual(["east"]);
    expect(await ids(second)).toEqual(["west"]);
    // One token for both regions.
    expect(loop.tokens).toHaveLength(1);
    const regionTwoCalls = loop.seen.filter((seen) => seen.url.startsWith("/network-two/"));
    expect(regionTwoCalls.map((seen) => seen.headers["x-auth-token"])).toEqual([loop.tokens[0]]);
    // Each region counts its own requests: RegionTwo made no token request.
    expect(second.stats().map((stat) => [stat.service, stat.count])).toEqual([["network", 1]]);

    // The token is refused from now on; the first region's session is gone. RegionTwo issues its own.
    await first.close();
    loop.revoked.add(loop.tokens[0]!);
    expect(await ids(second)).toEqual(["west"]);
    expect(loop.tokens).toHaveLength(2);
    const retried = loop.seen.filter((seen) => seen.url.startsWith("/network-two/")).slice(1);
    expect(retried.map((seen) => seen.headers["x-auth-token"])).toEqual([loop.tokens[0], loop.tokens[1]]);
  });

  it("a 401 that persists after re-authentication is an AuthError", async () => {
    const loop = await startCloud((req) =>
      req.url.startsWith("/network") ? { status: 401, body: { error: { message: "nope" } } } : undefined,
    );
    const session = await open(loop);
    await expect(session.request("network", { path: "/v2.0/ports" })).rejects.toThrow(AuthError);
    expect(loop.tokens).toHaveLength(2);
  });
});

describe("Session: catalog", () => {
  it("finds block-storage under the volumev3 alias, with the project id in its path", async () => {
    const loop = await startCloud((req) =>
      req.url === `/volume/v3/${PROJECT}/volumes/detail?all_tenants=true`
        ? { status: 200, body: { volumes: [] } }
        : undefined,
    );
    const session = await open(loop);
    expect(session.hasService("block-storage")).toBe(true);
    const response = await session.request<{ volumes: unknown[] }>("block-storage", {
      path: "/volumes/detail",
      query: { all_tenants: true },
    });
    expect(response.body.volumes).toEqual([]);
    expect(response.requestId).toMatch(/^req-/);
  });

  it("a missing service names what was asked and what the catalog has", async () => {
    const loop = await startCloud(() => undefined);
    const session = await open(loop);
    expect(session.hasService("load-balancer")).toBe(false);
    const error = await session.request("load-balancer", { path: "/v2/lbaas/loadbalancers" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toBe(
      "no load-balancer endpoint (catalog type load-balancer) with interface public in region RegionOne; the catalog has no such service, only: compute, identity, image, network, placement, volumev3",
    );
  });

  it("an unknown region is a CatalogError listing the catalog's regions; an override replaces the catalog", async () => {
    const loop = await startCloud((req) =>
      req.url === "/elsewhere/v2/lbaas/loadbalancers" ? { status: 200, body: { loadbalancers: [] } } : undefined,
    );
    await expect(open(loop, {}, { region: "RegionTwo" })).rejects.toThrow(
      "region RegionTwo is not in the catalog of cloud test; it has RegionOne",
    );
    const session = await open(loop, { endpointOverrides: { "load-balancer": `${loop.url}/elsewhere/` } });
    expect((await session.request("load-balancer", { path: "/v2/lbaas/loadbalancers" })).status).toBe(200);
  });
});

describe("Session: microversions", () => {
  const versions: Route = (req) => {
    if (req.url === "/compute/v2.1")
      return { status: 200, body: { version: { id: "v2.1", status: "CURRENT", version: "2.93", min_version: "2.1" } } };
    if (req.url === "/volume/")
      return {
        status: 300,
        body: { versions: [{ id: "v3.0", status: "CURRENT", version: "3.70", min_version: "3.0" }] },
      };
    if (req.url === "/placement")
      return {
        status: 200,
        body: { versions: [{ id: "v1.0", max_version: "1.39", min_version: "1.0", status: "CURRENT" }] },
      };
    return undefined;
  };

  it("sends the lower of the wanted and the server's maximum, in the header each service reads", async () => {
    const loop = await startCloud((req) => versions(req) ?? { status: 200, body: {} });
    const session = await open(loop, { apiVersions: { "block-storage": "3.60" } });
    await session.request("compute", { path: "/servers/detail", microversion: "2.100" });
    await session.request("compute", { path: "/os-services", microversion: "2.53" });
    await session.request("block-storage", { path: "/volumes/detail", microversion: "3.70" });
    await session.request("placement", { path: "/resource_providers", microversion: "1.39" });
    const sent = loop.seen.filter((s) => s.headers["openstack-api-version"] !== undefined);
    expect(
      sent.map((s) => [
        s.url.split("?")[0],
        s.headers["openstack-api-version"],
        s.headers["x-openstack-nova-api-version"],
      ]),
    ).toEqual([
      ["/compute/v2.1/servers/detail", "compute 2.93", "2.93"],
      ["/compute/v2.1/os-services", "compute 2.53", "2.53"],
      [`/volume/v3/${PROJECT}/volumes/detail`, "volume 3.60", undefined],
      ["/placement/resource_providers", "placement 1.39", undefined],
    ]);
    expect(loop.seen.filter((s) => s.url === "/compute/v2.1")).toHaveLength(1); // discovered once
  });

  it("a 406 is a MicroversionError", async () => {
    const loop = await startCloud(
      (req) =>
        versions(req) ?? {
          status: 406,
          body: { computeFault: { message: "Version 2.90 is not supported by the API." } },
        },
    );
    const session = await open(loop);
    const error = await session
      .request("compute", { path: "/servers/detail", microversion: "2.90" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicroversionError);
    expect((error as Error).message).toBe(
      "compute refused microversion 2.90 for GET /servers/detail (406: Version 2.90 is not supported by the API.)",
    );
  });
});

describe("Session: pagination shapes", () => {
  it("follows Glance's top-level next path relative to the image endpoint", async () => {
    const loop = await startCloud((req) => {
      if (req.url === "/image/v2/images?visibility=all&limit=1000")
        return {
          status: 200,
          body: { images: [{ id: "i1" }], next: "/v2/images?marker=i1&visibility=all&limit=1000" },
        };
      if (req.url === "/image/v2/images?visibility=all&limit=1000&marker=i1")
        return { status: 200, body: { images: [{ id: "i2" }], first: "/v2/images" } };
      return undefined;
    });
    const session = await open(loop);
    const pages: unknown[][] = [];
    for await (const page of session.paginate("image", {
      path: "/v2/images",
      query: { visibility: "all" },
      resourcesKey: "images",
    }))
      pages.push(page);
    expect(pages).toEqual([[{ id: "i1" }], [{ id: "i2" }]]);
  });

  it("requests the next page while the caller still works on the current one", async () => {
    let nextPageAsked = (): void => undefined;
    const nextPageSeen = new Promise<true>((resolve) => (nextPageAsked = () => resolve(true)));
    const loop = await startTwoPagesOfPorts([{ id: "p1" }], { id: "p2" }, nextPageAsked);
    const session = await open(loop);
    const pages: unknown[][] = [];
    const giveUp = new AbortController();
    let askedWhileHeld: boolean | null = null;
    for await (const page of session.paginate("network", { path: "/v2.0/ports", resourcesKey: "ports" })) {
      // Holding the first page until the second is asked for: without read-ahead that never happens.
      askedWhileHeld ??= await Promise.race([
        nextPageSeen,
        sleep(5000, false, { signal: giveUp.signal }).catch(() => false),
      ]);
      pages.push(page);
    }
    giveUp.abort();
    expect(askedWhileHeld).toBe(true);
    expect(pages).toEqual([[{ id: "p1" }], [{ id: "p2" }]]);
    expect(loop.seen.filter((seen) => seen.url.startsWith("/network/v2.0/ports"))).toHaveLength(2);
  });

  it("sends the next page's request before it parses a large page, so the parse overlaps the round trip", async () => {
    const firstPage = Array.from({ length: 1000 }, (_, index) => ({ id: `p${index}`, description: "x".repeat(300) }));
    const loop = await startTwoPagesOfPorts(firstPage, { id: "p1000" });
    // What undici has written to a socket, as it writes it.
    const sent: string[] = [];
    const onSend = (message: unknown): void => {
      sent.push((message as { request: { path: string } }).request.path);
    };
    diagnosticsChannel.subscribe("undici:client:sendHeaders", onSend);
    try {
      const session = await open(loop);
      let sentAtFirstParse: string[] | null = null;
      const pages: string[][] = [];
      for await (const page of session.paginate("network", {
        path: "/v2.0/ports",
        resourcesKey: "ports",
        mapItem: (item) => {
          sentAtFirstParse ??= [...sent];
          return (item as { id: string }).id;
        },
      }))
        pages.push(page);
      expect(sentAtFirstParse!.filter((path) => path.includes("ports"))).toEqual([
        "/network/v2.0/ports?limit=2000",
        "/network/v2.0/ports?limit=2000&marker=p999",
      ]);
      expect(pages.map((page) => page.length)).toEqual([1000, 1]);
      expect(pages[0]!.at(-1)).toBe("p999");
    } finally {
      diagnosticsChannel.unsubscribe("undici:client:sendHeaders", onSend);
    }
  });

  it("keeps every service's requests in flight when the services share one host", async () => {
    // 8 requests to each of 3 services behind one origin: all 24 must reach it before any is answered.
    const wanted = 24;
    let arrived = 0;
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const giveUp = setTimeout(release, 3000);
    const loop = await startCloud((req) => {
      if (!/^\/(network|image|placement)\//.test(req.url)) return undefined;
      arrived += 1;
      if (arrived === wanted) release();
      return { status: 200, body: {}, after: released };
    });
    const session = await open(loop);
    // The token's first request goes alone (the next test): once answered, nothing holds the others back.
    await session.request("compute", { path: "/first", okStatuses: [404] });
    const arrivedWhenReleased = released.then(() => arrived);
    await Promise.all(
      (["network", "image", "placement"] as const).flatMap((service) =>
        Array.from({ length: 8 }, (_, index) => session.request(service, { path: `/held/${index}` })),
      ),
    );
    clearTimeout(giveUp);
    expect(await arrivedWhenReleased).toBe(wanted);
  });

  it("sends a new token to one service first and the other requests after its answer, so that each API checks it with Keystone once", async () => {
    // Held until every request has arrived (what happens if they all go at once) or, at the latest, after 300 ms.
    const others = 5;
    const arrivals: { url: string; firstAnswered: boolean }[] = [];
    let firstAnswered = false;
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => (firstAnswered = true));
    const fallback = setTimeout(releaseFirst, 300);
    const loop = await startCloud((req) => {
      if (!/^\/(network|image)\/v2/.test(req.url)) return undefined;
      arrivals.push({ url: req.url, firstAnswered });
      if (arrivals.length === others + 1) releaseFirst();
      return { status: 200, body: { items: [] }, ...(arrivals.length === 1 ? { after: firstHeld } : {}) };
    });
    const session = await open(loop);
    await Promise.all([
      ...Array.from({ length: 3 }, (_, index) => session.request("network", { path: `/v2.0/list-${index}` })),
      ...Array.from({ length: 3 }, (_, index) => session.request("image", { path: `/v2/list-${index}` })),
    ]);
    clearTimeout(fallback);
    expect(arrivals).toHaveLength(others + 1);
    expect(arrivals.slice(1).every((arrival) => arrival.firstAnswered)).toBe(true);
  });

  it("does not hold Keystone's own requests back behind a new token's first one: Keystone checks the tokens it issued", async () => {
    let secondArrivedWhileFirstHeld = false;
    let firstAnswered = false;
    let releaseFirst = (): void => undefined;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => (firstAnswered = true));
    const fallback = setTimeout(releaseFirst, 3000);
    let listings = 0;
    const loop = await startCloud((req) => {
      if (!req.url.startsWith("/identity/v3/projects")) return undefined;
      listings += 1;
      if (listings === 2) {
        secondArrivedWhileFirstHeld = !firstAnswered;
        releaseFirst();
      }
      return { status: 200, body: { projects: [] }, ...(listings === 1 ? { after: firstHeld } : {}) };
    });
    const session = await open(loop);
    await Promise.all([
      session.request("identity", { path: "/projects" }),
      session.request("identity", { path: "/projects", query: { name: "a" } }),
    ]);
    clearTimeout(fallback);
    expect(secondArrivedWhileFirstHeld).toBe(true);
  });

  it("asks again after a full page that has no next link when the listing names a marker field (Cinder attachments), whatever the caller keeps of each item", async () => {
    const loop = await startCloud((req) => {
      if (!req.url.includes("/attachments/detail")) return undefined;
      if (!req.url.includes("marker="))
        return {
          status: 200,
          body: {
            attachments: [
              { id: "a1", volume_id: "v1" },
              { id: "a2", volume_id: "v2" },
            ],
          },
        };
      if (req.url.includes("marker=a2")) return { status: 200, body: { attachments: [{ id: "a3", volume_id: "v3" }] } };
      return { status: 400, body: { badRequest: { message: "unexpected", code: 400 } } };
    });
    const session = await open(loop);
    const listing = { path: "/attachments/detail", resourcesKey: "attachments", pageSize: 2, markerField: "id" };
    const pages: unknown[][] = [];
    for await (const page of session.paginate("block-storage", listing)) pages.push(page);
    expect(pages).toEqual([
      [
        { id: "a1", volume_id: "v1" },
        { id: "a2", volume_id: "v2" },
      ],
      [{ id: "a3", volume_id: "v3" }],
    ]);
    // Keeping only the volume drops the marker field from what the caller gets: the marker is read as sent.
    const volumes: unknown[][] = [];
    const mapItem = (item: unknown): string => (item as { volume_id: string }).volume_id;
    for await (const page of session.paginate("block-storage", { ...listing, mapItem })) volumes.push(page);
    expect(volumes).toEqual([["v1", "v2"], ["v3"]]);
  });

  it("Keystone's truncated list is a TruncatedListingError, its links.next is followed", async () => {
    const loop = await startCloud((req) => {
      if (req.url === "/identity/v3/projects")
        return {
          status: 200,
          body: {
            projects: [{ id: "p1" }],
            links: { next: "/identity/v3/projects?page=2", self: "x", previous: null },
          },
        };
      if (req.url === "/identity/v3/projects?page=2")
        return { status: 200, body: { projects: [{ id: "p2" }], links: { next: null }, truncated: true } };
      return undefined;
    });
    const session = await open(loop);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const page of session.paginate<{ id: string }>("identity", {
        path: "/projects",
        resourcesKey: "projects",
      }))
        seen.push(...page.map((p) => p.id));
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["p1"]);
    expect(error).toBeInstanceOf(TruncatedListingError);
  });

  it("a next link repeating a marker is a PaginationLoopError, not an endless loop", async () => {
    const loop = await startCloud((req) =>
      req.url.startsWith("/network/v2.0/ports")
        ? {
            status: 200,
            body: {
              ports: [{ id: "p" }],
              ports_links: [{ rel: "next", href: "http://internal:9696/v2.0/ports?limit=2000&marker=p" }],
            },
          }
        : undefined,
    );
    const session = await open(loop);
    let pages = 0;
    const error = await (async () => {
      for await (const _page of session.paginate("network", { path: "/v2.0/ports", resourcesKey: "ports" })) pages++;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(pages).toBe(2);
  });
});

describe("Session: retries", () => {
  it("retries a GET through a 503 burst and honours a 429's Retry-After", async () => {
    let calls = 0;
    const loop = await startCloud((req) => {
      if (!req.url.startsWith("/network/v2.0/networks")) return undefined;
      calls++;
      if (calls <= 2) return { status: 503, body: "Service Unavailable" };
      if (calls === 3) return { status: 429, headers: { "Retry-After": "0" }, body: { message: "slow down" } };
      return { status: 200, body: { networks: [] } };
    });
    const session = await open(loop);
    expect((await session.request("network", { path: "/v2.0/networks" })).status).toBe(200);
    expect(calls).toBe(4);
    const stats = session.stats().find((s) => s.service === "network");
    expect(stats).toMatchObject({ count: 4, errors: 3 });
  });

  it("counts a 404 the caller asked for (a lookup confirming something is gone) as an answer, not an error", async () => {
    const loop = await startCloud((req) => {
      if (req.url.startsWith("/network/v2.0/ports/gone")) return { status: 404, body: { NeutronError: {} } };
      if (req.url.startsWith("/network/v2.0/ports/other")) return { status: 404, body: { NeutronError: {} } };
      return undefined;
    });
    const session = await open(loop);
    const confirmed = await session.request("network", { path: "/v2.0/ports/gone", okStatuses: [200, 404] });
    expect(confirmed.status).toBe(404);
    await expect(session.request("network", { path: "/v2.0/ports/other" })).rejects.toBeInstanceOf(OpenStackApiError);
    expect(session.stats().find((s) => s.service === "network")).toMatchObject({ count: 2, errors: 1 });
  });

  it("does not retry a POST on a 503, and gives up on a GET after the bounded attempts", async () => {
    let posts = 0;
    let gets = 0;
    const loop = await startCloud((req) => {
      if (!req.url.startsWith("/network")) return undefined;
      if (req.method === "POST") posts++;
      else gets++;
      return { status: 503, body: { NeutronError: { type: "ServiceUnavailable", message: "busy", detail: "" } } };
    });
    const session = await open(loop, {}, { retry: { ...FAST_RETRY, maxAttempts: 3 } });
    await expect(
      session.request("network", { method: "POST", path: "/v2.0/ports", body: { port: {} } }),
    ).rejects.toThrow(OpenStackApiError);
    const error = await session.request("network", { path: "/v2.0/ports" }).catch((e: unknown) => e);
    expect((error as OpenStackApiError).message).toMatch(
      /^network GET \/v2.0\/ports answered 503: busy \(request req-\d+\)$/,
    );
    expect([posts, gets]).toEqual([1, 3]);
  });

  it("retries after a connection reset; an unreachable endpoint is a ConnectionError", async () => {
    let calls = 0;
    const loop = await startCloud((req) => {
      if (!req.url.startsWith("/image")) return undefined;
      calls++;
      return calls === 1 ? "reset" : { status: 200, body: { images: [] } };
    });
    const session = await open(loop);
    expect((await session.request("image", { path: "/v2/images" })).status).toBe(200);
    expect(calls).toBe(2);
    const dead = await open(
      loop,
      { endpointOverrides: { placement: "http://127.0.0.1:1" } },
      { retry: { ...FAST_RETRY, maxAttempts: 2 } },
    );
    const error = await dead.request("placement", { path: "/resource_providers" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("cannot reach placement at http://127.0.0.1:1: ");
  });
});

describe("Session: secrets at --debug", () => {
  it("no password or token in any debug line or error", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        callback();
      },
    });
    const logger = createLogger({ debug: true, destination });
    const loop = await startCloud((req) =>
      req.url.startsWith("/network")
        ? { status: 400, body: { NeutronError: { message: `bad token ${String(req.headers["x-auth-token"])}` } } }
        : undefined,
    );
    const session = await open(loop, {}, { logger });
    loop.revoked.add(loop.tokens[0]!);
    const error = await session.request("network", { path: "/v2.0/ports" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenStackApiError);
    expect(lines.some((l) => l.includes('"msg":"http"'))).toBe(true);
    const everything = [...lines, (error as Error).message, JSON.stringify(error)].join("\n");
    expect(everything).toContain("***");
    for (const secret of [PASSWORD, ...loop.tokens]) expect(everything).not.toContain(secret);
  });
});
