import { describe, expect, it } from "vitest";
import type { DeepListContext, DeepListing, DeepSource } from "../deep/deep-source.ts";
import type { ServiceType } from "../config/service-type.ts";
import { collect, KeystoneShare } from "./collect.ts";
import { CONFIRMATION_SAMPLE } from "./reference-confirmer.ts";
import type { CollectProgress } from "./collect-progress.ts";
import type { InventoryRequest, InventorySession } from "./inventory-session.ts";

const ADMIN = "admin-project";
const GONE = "deleted-project";
const NOW = new Date("2026-03-01T12:00:00Z");

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Answer = Record<string, unknown>[] | HttpError | { truncated: true };

/** A promise and the function that settles it: lets a test hold one listing back until it says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * A small stand-in for the Session: listings by "service path", pages of two records, point lookups by path.
 * It records every call, so a test can assert what was asked of the cloud. A listing with a gate in `held` sends
 * its first page only once the gate opens.
 */
class FakeSession implements InventorySession {
  readonly cloud = "test";
  readonly region = "RegionOne";
  readonly identity = { userId: "admin-user", projectId: ADMIN as string | null, domainId: "default" };
  readonly calls: { service: ServiceType; path: string; query: InventoryRequest["query"]; microversion?: string }[] =
    [];
  readonly held = new Map<string, Promise<void>>();
  constructor(
    readonly listings: Record<string, Answer>,
    readonly shows: Record<string, number | Record<string, unknown>> = {},
    readonly missingServices: ServiceType[] = [],
    readonly skew: Partial<Record<ServiceType, number>> = {},
  ) {}

  hasService(service: ServiceType): boolean {
    return !this.missingServices.includes(service);
  }

  request(service: ServiceType, req: InventoryRequest): Promise<{ status: number; body: unknown }> {
    this.calls.push({ service, path: req.path, query: req.query });
    const answer = this.shows[req.path];
    if (answer === undefined) return Promise.reject(new HttpError(500, `${service} GET ${req.path} answered 500`));
    if (typeof answer === "number") {
      if (req.okStatuses?.includes(answer)) return Promise.resolve({ status: answer, body: {} });
      return Promise.reject(new HttpError(answer, `${service} GET ${req.path} answered ${answer}`));
    }
    return Promise.resolve({ status: 200, body: answer });
  }

  async *paginate<T>(
    service: ServiceType,
    req: InventoryRequest & { resourcesKey: string; pageSize?: number | "max"; mapItem: (item: unknown) => T },
  ): AsyncGenerator<T[]> {
    const variant = req.query?.os_hidden === true ? "?os_hidden=true" : "";
    const answer = this.listings[`${service} ${req.path}${variant}`];
    this.calls.push({
      service,
      path: req.path,
      query: req.query,
      ...(req.microversion === undefined ? {} : { microversion: req.microversion }),
    });
    await Promise.resolve();
    await this.held.get(`${service} ${req.path}${variant}`);
    if (answer === undefined) throw new Error(`unexpected listing ${service} ${req.path}${variant}`);
    if (answer instanceof HttpError) throw answer;
    if (!Array.isArray(answer)) {
      const error = new Error("identity GET /projects is truncated after 2 items");
      error.name = "TruncatedListingError";
      throw error;
    }
    for (let i = 0; i < answer.length || i === 0; i += 2) {
      if (i > 0) this.calls.push({ service, path: req.path, query: req.query });
      yield answer.slice(i, i + 2).map(req.mapItem);
    }
  }

  stats(): { service: ServiceType; clockSkewMs: number | null }[] {
    return Object.entries(this.skew).map(([service, clockSkewMs]) => ({
      service: service as ServiceType,
      clockSkewMs,
    }));
  }
}

const projects = [
  { id: ADMIN, name: "admin", domain_id: "default", enabled: true, links: { self: "x" } },
  { id: "p2", name: "demo", domain_id: "default", enabled: true },
];

describe("collect", () => {
  it("lists each needed type once, across all projects, keeping only the declared fields", async () => {
    const session = new FakeSession({
      "identity /projects": projects,
      "compute /servers/detail": [
        { id: "s1", name: "web", status: "ACTIVE", tenant_id: "p2", key_name: "ops", adminPass: "hunter2" },
        { id: "s2", name: "db", status: "UNKNOWN", tenant_id: "p2" },
        { id: "s3", name: "mq", status: "ACTIVE", tenant_id: ADMIN },
      ],
      "network /v2.0/ports": [{ id: "port1", project_id: "p2", device_owner: "network:dhcp", device_id: "dhcp1" }],
    });
    const inventory = await collect(session, {
      types: ["compute.server", "network.port", "compute.server"],
      now: () => NOW,
    });

    expect(inventory.scannedAt).toBe(NOW.toISOString());
    expect(inventory.resources["compute.server"]).toEqual([
      { id: "s1", name: "web", status: "ACTIVE", tenant_id: "p2" },
      { id: "s2", name: "db", status: "UNKNOWN", tenant_id: "p2" },
      { id: "s3", name: "mq", status: "ACTIVE", tenant_id: ADMIN },
    ]);
    expect(inventory.coverage["compute.server"]).toEqual({ status: "complete", count: 3, requests: 2 });
    const serverListing = session.calls.filter((call) => call.path === "/servers/detail");
    expect(serverListing).toHaveLength(2); // two pages, one listing
    expect(serverListing[0]?.query).toMatchObject({ all_tenants: 1 });
    expect(serverListing[0]?.microversion).toBe("2.69");
    const portQuery = session.calls.find((call) => call.path === "/v2.0/ports")?.query;
    expect(portQuery?.fields).toEqual(expect.arrayContaining(["id", "device_owner", "device_id", "project_id"]));
    // Nothing is listed that was not asked for.
    expect(new Set(session.calls.map((call) => call.path))).toEqual(new Set(["/servers/detail", "/v2.0/ports"]));
    expect(JSON.stringify(inventory)).not.toContain("hunter2");
  });

  it("confirms each distinct missing reference once and says missing only on a 404", async () => {
    const session = new FakeSession(
      {
        "identity /projects": projects,
        "compute /servers/detail": [{ id: "s1", status: "UNKNOWN", tenant_id: "p2" }],
        "block-storage /volumes/detail": [
          { id: "v1", "os-vol-tenant-attr:tenant_id": GONE, attachments: [{ server_id: "gone-server" }] },
          { id: "v2", "os-vol-tenant-attr:tenant_id": GONE, attachments: [{ server_id: "s1" }] },
          { id: "v3", "os-vol-tenant-attr:tenant_id": "flaky-project", attachments: [] },
        ],
        "network /v2.0/ports": [
          { id: "port1", project_id: "p2", device_owner: "compute:nova", device_id: "gone-server" },
          { id: "port2", project_id: "p2", device_owner: "network:router_interface", device_id: "router1" },
        ],
      },
      { [`/projects/${GONE}`]: 404, "/servers/gone-server": 404, "/projects/flaky-project": 503 },
    );
    const inventory = await collect(session, {
      types: ["identity.project", "compute.server", "block-storage.volume", "network.port"],
    });

    expect(inventory.confirmations).toEqual({
      "identity.project": { [GONE]: "missing", "flaky-project": "unknown" },
      "compute.server": { "gone-server": "missing" },
    });
    const lookups = session.calls.filter((call) => !call.path.includes("/detail") && call.path.startsWith("/"));
    expect(lookups.filter((call) => call.path === `/projects/${GONE}`)).toHaveLength(1);
    expect(lookups.filter((call) => call.path === "/servers/gone-server")).toHaveLength(1);
    // A server of a down cell is listed (status UNKNOWN), so nothing attached to it is ever looked up.
    expect(lookups.some((call) => call.path === "/servers/s1")).toBe(false);
    expect(lookups.some((call) => call.path === "/servers/router1")).toBe(false);
  });

  it("looks up the load balancer, amphora and subnet named in Octavia's port names, and the remote groups of rules", async () => {
    const lbGone = "11111111-1111-1111-1111-111111111111";
    const session = new FakeSession(
      {
        "identity /projects": projects,
        "network /v2.0/ports": [
          { id: "vip", project_id: "p2", device_owner: "Octavia", name: `octavia-lb-${lbGone}` },
          { id: "vrrp", project_id: "p2", device_owner: "Octavia", name: "octavia-lb-vrrp-amp-gone" },
          { id: "hm", project_id: "p2", device_owner: "ovn-lb-hm:distributed", name: "ovn-lb-hm-subnet-gone" },
        ],
        "load-balancer /v2/lbaas/loadbalancers": [],
        "load-balancer /v2/octavia/amphorae": [],
        "network /v2.0/subnets": [],
        "network /v2.0/security-groups": [{ id: "sg1", project_id: "p2" }],
        "network /v2.0/security-group-rules": [
          { id: "r1", project_id: "p2", security_group_id: "sg1", remote_group_id: "sg-gone" },
          { id: "r2", project_id: "p2", security_group_id: "sg1", remote_group_id: "sg1" },
        ],
      },
      {
        [`/v2/lbaas/loadbalancers/${lbGone}`]: 404,
        "/v2/octavia/amphorae/amp-gone": 404,
        "/v2.0/subnets/subnet-gone": 404,
        "/v2.0/security-groups/sg-gone": 404,
      },
    );
    const inventory = await collect(session, {
      types: [
        "identity.project",
        "network.port",
        "load-balancer.loadbalancer",
        "load-balancer.amphora",
        "network.subnet",
        "network.security-group",
        "network.security-group-rule",
      ],
    });
    expect(inventory.confirmations).toEqual({
      // (A named load balancer that exists would prove the listing incomplete: see the sampling tests below.)
      "load-balancer.loadbalancer": { [lbGone]: "missing" },
      "load-balancer.amphora": { "amp-gone": "missing" },
      "network.subnet": { "subnet-gone": "missing" },
      "network.security-group": { "sg-gone": "missing" },
    });
  });

  it("marks the project set incomplete when Keystone truncates it, lists nothing or hides the caller's project", async () => {
    const truncated = await collect(
      new FakeSession({ "identity /projects": { truncated: true }, "compute /servers/detail": [] }),
      { types: ["identity.project", "compute.server"] },
    );
    expect(truncated.coverage["identity.project"]).toMatchObject({ status: "truncated" });
    expect(truncated.resources["identity.project"]).toBeUndefined();

    const empty = await collect(new FakeSession({ "identity /projects": [] }), { types: ["identity.project"] });
    expect(empty.coverage["identity.project"]).toEqual({
      status: "failed",
      reason: "Keystone listed no project at all",
    });

    const session = new FakeSession({
      "identity /projects": [{ id: "p2" }],
      "compute /servers/detail": [{ id: "s1", tenant_id: GONE }],
    });
    const filtered = await collect(session, { types: ["identity.project", "compute.server"] });
    expect(filtered.coverage["identity.project"]).toMatchObject({ status: "failed" });
    expect(filtered.coverage["identity.project"]).toHaveProperty("reason", expect.stringContaining(ADMIN));
    // With no trustworthy owner set, no owner is looked up at all.
    expect(filtered.confirmations).toEqual({});
    expect(session.calls.some((call) => call.path.startsWith("/projects/"))).toBe(false);
  });

  it("marks a type failed when an id absent from its listing exists, and keeps none of its confirmations", async () => {
    // The caller's project is listed, but the list lacks the owners of 5 servers, one of which answers: filtered.
    const servers = Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, tenant_id: `hidden-${i}` }));
    const shows: Record<string, number | Record<string, unknown>> = Object.fromEntries(
      servers.map((server) => [`/projects/${server.tenant_id}`, 404]),
    );
    shows["/projects/hidden-3"] = { project: { id: "hidden-3" } };
    const filtered = new FakeSession({ "identity /projects": projects, "compute /servers/detail": servers }, shows);
    const inventory = await collect(filtered, { types: ["identity.project", "compute.server"] });
    expect(inventory.coverage["identity.project"]).toMatchObject({ status: "failed" });
    expect(inventory.coverage["identity.project"]).toHaveProperty(
      "reason",
      expect.stringMatching(/^identity\.project hidden-3 is absent from the listing yet exists \(1 of the 5 absent/),
    );
    expect(inventory.resources["identity.project"]).toBeUndefined();
    expect(inventory.coverage["compute.server"]).toMatchObject({ status: "complete", count: 5 });
    expect(inventory.confirmations).toEqual({});
  });

  it("takes Keystone's answers from the cloud's region before, unless a lookup proved its list incomplete", async () => {
    const keystone = new KeystoneShare();
    const gone = [{ id: "s1", tenant_id: "gone" }];
    const first = new FakeSession(
      { "identity /projects": projects, "compute /servers/detail": gone },
      { "/projects/gone": 404 },
    );
    await collect(first, { types: ["identity.project", "compute.server"], keystone });
    const second = new FakeSession({ "identity /projects": projects, "compute /servers/detail": gone });
    const taken = await collect(second, { types: ["identity.project", "compute.server"], keystone });
    // The second region asked Keystone nothing: the same list, and the same owner known gone.
    expect(second.calls.filter((call) => call.service === "identity")).toEqual([]);
    expect(taken.coverage["identity.project"]).toEqual({ status: "complete", count: projects.length, requests: 0 });
    expect(taken.confirmations).toEqual({ "identity.project": { gone: "missing" } });

    // A third region's lookup finds a project the list lacks: that list is failed there, and not taken again.
    const hidden = [{ id: "s2", tenant_id: "hidden" }];
    const third = new FakeSession(
      { "identity /projects": projects, "compute /servers/detail": hidden },
      { "/projects/hidden": { project: { id: "hidden" } } },
    );
    const failed = await collect(third, { types: ["identity.project", "compute.server"], keystone });
    expect(failed.coverage["identity.project"]).toMatchObject({ status: "failed" });
    const fourth = new FakeSession({ "identity /projects": projects, "compute /servers/detail": [] });
    await collect(fourth, { types: ["identity.project", "compute.server"], keystone });
    expect(fourth.calls.filter((call) => call.path === "/projects")).toHaveLength(1);
  });

  it("confirms every absent id, far more than a sample, when the sampled ones are gone", async () => {
    const servers = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, tenant_id: `gone-${i}` }));
    const shows = Object.fromEntries(servers.map((server) => [`/projects/${server.tenant_id}`, 404]));
    const session = new FakeSession({ "identity /projects": projects, "compute /servers/detail": servers }, shows);
    const inventory = await collect(session, { types: ["identity.project", "compute.server"] });
    expect(inventory.coverage["identity.project"]).toMatchObject({ status: "complete" });
    expect(Object.values(inventory.confirmations["identity.project"] ?? {})).toEqual(Array(300).fill("missing"));
    expect(session.calls.filter((call) => call.path.startsWith("/projects/"))).toHaveLength(300);
  });

  it("looks up only the sample when one of it exists", async () => {
    const servers = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, tenant_id: `hidden-${i}` }));
    const shows = Object.fromEntries(servers.map((server) => [`/projects/${server.tenant_id}`, { project: {} }]));
    const session = new FakeSession({ "identity /projects": projects, "compute /servers/detail": servers }, shows);
    const inventory = await collect(session, { types: ["identity.project", "compute.server"] });
    expect(inventory.coverage["identity.project"]).toMatchObject({ status: "failed" });
    expect(session.calls.filter((call) => call.path.startsWith("/projects/"))).toHaveLength(CONFIRMATION_SAMPLE);
  });

  it("does not fail a listing for a record created while the scan ran", async () => {
    const created = new Date(Date.now() + 1000).toISOString();
    const session = new FakeSession(
      {
        "identity /projects": projects,
        "compute /servers/detail": [{ id: "s1", tenant_id: ADMIN }],
        "network /v2.0/ports": [{ id: "p1", device_owner: "compute:nova", device_id: "new", project_id: "other" }],
      },
      // The probe that the server listing spans projects (all of it is the caller's): none for a project not there.
      { "/servers/new": { server: { id: "new", created } }, "/servers/detail": { servers: [] } },
    );
    const inventory = await collect(session, { types: ["identity.project", "compute.server", "network.port"] });
    expect(inventory.coverage["compute.server"]).toMatchObject({ status: "complete" });
    expect(inventory.confirmations["compute.server"]).toEqual({ new: "exists" });
  });

  it("tells a forbidden listing and an absent service apart from an empty one", async () => {
    const session = new FakeSession(
      {
        "load-balancer /v2/lbaas/loadbalancers": [],
        "load-balancer /v2/octavia/amphorae": new HttpError(403, "load-balancer GET /v2/octavia/amphorae answered 403"),
        "compute /servers/detail": new HttpError(503, "compute GET /servers/detail answered 503"),
      },
      {},
      ["placement"],
    );
    const inventory = await collect(session, {
      types: ["load-balancer.loadbalancer", "load-balancer.amphora", "placement.allocation", "compute.server"],
    });
    expect(inventory.coverage["load-balancer.loadbalancer"]).toEqual({ status: "complete", count: 0, requests: 1 });
    expect(inventory.coverage["load-balancer.amphora"]).toEqual({
      status: "forbidden",
      reason: "load-balancer GET /v2/octavia/amphorae answered 403",
    });
    expect(inventory.coverage["compute.server"]).toMatchObject({ status: "failed" });
    expect(inventory.coverage["placement.allocation"]).toMatchObject({ status: "absent" });
    expect(inventory.resources["load-balancer.amphora"]).toBeUndefined();
  });

  it("lists members of shared images only and allocations per provider, as declared", async () => {
    const session = new FakeSession(
      {
        "image /v2/images": [
          { id: "i1", visibility: "shared", owner: "p2", checksum: "abc" },
          { id: "i2", visibility: "public", owner: "p2" },
          { id: "i3", visibility: "shared", owner: "p2" },
        ],
        "image /v2/images?os_hidden=true": [
          { id: "i4", visibility: "shared", owner: "p2", os_hidden: true },
          { id: "i1", visibility: "shared", owner: "p2" },
        ],
        "placement /resource_providers": [{ uuid: "rp1", name: "compute-1" }],
      },
      {
        "/v2/images/i1/members": { members: [{ image_id: "i1", member_id: "p9", status: "accepted" }] },
        "/v2/images/i3/members": 404,
        "/v2/images/i4/members": { members: [] },
        "/resource_providers/rp1/allocations": {
          allocations: { c1: { resources: { VCPU: 2 } }, c2: { resources: { MEMORY_MB: 512 } } },
          resource_provider_generation: 7,
        },
      },
    );
    const inventory = await collect(session, { types: ["image.member", "placement.allocation"] });

    expect(inventory.resources["image.image"]?.map((image) => image.id)).toEqual(["i1", "i2", "i3", "i4"]);
    expect(inventory.resources["image.member"]).toEqual([{ image_id: "i1", member_id: "p9", status: "accepted" }]);
    expect(inventory.coverage["image.member"]).toEqual({ status: "complete", count: 1, requests: 3 });
    expect(session.calls.some((call) => call.path === "/v2/images/i2/members")).toBe(false);
    expect(inventory.resources["placement.allocation"]).toEqual([
      { consumer_uuid: "c1", resource_provider_uuid: "rp1", resources: { VCPU: 2 } },
      { consumer_uuid: "c2", resource_provider_uuid: "rp1", resources: { MEMORY_MB: 512 } },
    ]);
  });

  it("fails a per-parent type whose parent could not be listed", async () => {
    const session = new FakeSession({ "image /v2/images": new HttpError(500, "image GET /v2/images answered 500") });
    const inventory = await collect(session, { types: ["image.member"] });
    expect(inventory.coverage["image.member"]).toEqual({
      status: "failed",
      reason: "needs image.image, which is failed: image GET /v2/images answered 500",
    });
  });

  it("reads clocks from the endpoints' Date headers and from heartbeats in the future", async () => {
    const session = new FakeSession(
      {
        "compute /os-services": [
          { id: "a", binary: "nova-compute", host: "cn1", updated_at: "2026-03-01T12:00:42.000000" },
          { id: "b", binary: "nova-compute", host: "cn2", updated_at: "2026-03-01T11:59:50.000000" },
        ],
        "network /v2.0/agents": [
          { id: "x", binary: "neutron-ovs-agent", host: "net1", heartbeat_timestamp: "2026-03-01 12:00:07" },
        ],
      },
      {},
      [],
      { compute: -1500, network: null as unknown as number },
    );
    const inventory = await collect(session, { types: ["compute.service", "network.agent"], now: () => NOW });
    expect(inventory.clock).toEqual([
      { source: "endpoint:compute", skewMs: -1500 },
      { source: "compute.service:nova-compute@cn1", skewMs: 42_000 },
      { source: "network.agent:neutron-ovs-agent@net1", skewMs: 7000 },
    ]);
  });

  it("reports progress per type: started, pages, finished with its coverage", async () => {
    const events: CollectProgress[] = [];
    const session = new FakeSession({ "compute /servers/detail": [{ id: "s1" }, { id: "s2" }, { id: "s3" }] });
    await collect(session, { types: ["compute.server"], onProgress: (event) => events.push(event) });
    expect(events.map((event) => event.kind)).toEqual(["listing-started", "page", "page", "listing-finished"]);
    expect(events[2]).toMatchObject({ type: "compute.server", records: 3, requests: 2 });
  });

  it("confirms what one listing shows missing while an unrelated listing is still under way", async () => {
    const session = new FakeSession(
      {
        "identity /projects": projects,
        "compute /servers/detail": [{ id: "s1", status: "ACTIVE", tenant_id: GONE }],
        "network /v2.0/ports": [
          { id: "port1", project_id: "p2", device_owner: "compute:nova", device_id: "gone-server" },
        ],
      },
      { [`/projects/${GONE}`]: 404, "/servers/gone-server": 404 },
    );
    // The port listing waits for the first lookup: a scan that looked up only after every listing would never end.
    const ports = gate();
    session.held.set("network /v2.0/ports", ports.opened);
    const events: CollectProgress[] = [];
    const inventory = await collect(session, {
      types: ["identity.project", "compute.server", "network.port"],
      onProgress: (event) => {
        events.push(event);
        if (event.kind === "confirming") ports.open();
      },
    });

    const milestones = events
      .filter((event) => event.kind !== "page" && event.kind !== "listing-started")
      .map((event) => (event.kind === "listing-finished" ? event.type : event.kind));
    expect(milestones.slice(-3)).toEqual(["network.port", "confirming", "confirmed"]);
    expect(milestones.indexOf("confirming")).toBeLessThan(milestones.indexOf("network.port"));
    expect(events.filter((event) => event.kind === "confirming")).toMatchObject([{ lookups: 1 }, { lookups: 1 }]);
    expect(events.at(-1)).toMatchObject({ kind: "confirmed", missing: 2, unknown: 0 });
    expect(inventory.confirmations).toEqual({
      "identity.project": { [GONE]: "missing" },
      "compute.server": { "gone-server": "missing" },
    });
    expect(inventory.coverage["network.port"]).toMatchObject({ status: "complete", count: 1 });
  });

  it("fails the target when a listing that finishes later brings an absent id that exists", async () => {
    const servers = Array.from({ length: 3 }, (_, i) => ({ id: `s${i}`, tenant_id: `hidden-s${i}` }));
    const volumes = Array.from({ length: 3 }, (_, i) => ({
      id: `v${i}`,
      "os-vol-tenant-attr:tenant_id": `hidden-v${i}`,
    }));
    const owners = [
      ...servers.map((server) => server.tenant_id),
      ...volumes.map((v) => v["os-vol-tenant-attr:tenant_id"]),
    ];
    const shows: Record<string, number | Record<string, unknown>> = Object.fromEntries(
      owners.map((owner) => [`/projects/${owner}`, 404]),
    );
    shows["/projects/hidden-v1"] = { project: { id: "hidden-v1" } };
    const session = new FakeSession(
      { "identity /projects": projects, "compute /servers/detail": servers, "block-storage /volumes/detail": volumes },
      shows,
    );
    const volumeListing = gate();
    session.held.set("block-storage /volumes/detail", volumeListing.opened);
    const inventory = await collect(session, {
      types: ["identity.project", "compute.server", "block-storage.volume"],
      onProgress: (event) => event.kind === "confirming" && volumeListing.open(),
    });

    expect(inventory.coverage["identity.project"]).toMatchObject({ status: "failed" });
    expect(inventory.coverage["identity.project"]).toHaveProperty(
      "reason",
      expect.stringMatching(/^identity\.project hidden-v1 is absent from the listing yet exists \(1 of the 6 /),
    );
    expect(inventory.resources["identity.project"]).toBeUndefined();
    // The servers' owners were looked up before the volumes were listed; their answers are not kept.
    expect(inventory.confirmations).toEqual({});
    expect(inventory.coverage["block-storage.volume"]).toMatchObject({ status: "complete", count: 3 });
  });

  it("counts domains as projects even when the domain list arrives after the project list", async () => {
    const session = new FakeSession(
      {
        "identity /projects": projects,
        "identity /domains": [{ id: "default" }, { id: "d2", name: "partners" }],
        "compute /servers/detail": [
          { id: "s1", tenant_id: "d2" },
          { id: "s2", tenant_id: GONE },
        ],
      },
      { [`/projects/${GONE}`]: 404, "/projects/d2": 404 },
    );
    const domains = gate();
    session.held.set("identity /domains", domains.opened);
    const finished: string[] = [];
    const inventory = await collect(session, {
      types: ["identity.project", "identity.domain", "compute.server"],
      onProgress: (event) => {
        if (event.kind !== "listing-finished") return;
        finished.push(event.type);
        if (finished.includes("identity.project") && finished.includes("compute.server")) domains.open();
      },
    });

    expect(finished.at(-1)).toBe("identity.domain");
    expect(inventory.confirmations).toEqual({ "identity.project": { [GONE]: "missing" } });
    expect(session.calls.some((call) => call.path === "/projects/d2")).toBe(false);
  });
});

/** A source below the API that answers from a function, recording what it was asked with. */
function fakeDeepSource(answer: (type: string, context: DeepListContext) => Promise<DeepListing>): {
  source: DeepSource;
  asked: { type: string; inputs: DeepListContext["inputs"] }[];
} {
  const asked: { type: string; inputs: DeepListContext["inputs"] }[] = [];
  const source: DeepSource = {
    id: "amphora-agent",
    list: (type, context) => {
      asked.push({ type, inputs: context.inputs });
      return answer(type, context);
    },
    close: () => Promise.resolve(),
  };
  return { source, asked };
}

describe("collect below the API", () => {
  const amphorae = [
    { id: "a1", status: "ALLOCATED", lb_network_ip: "192.0.2.1", loadbalancer_id: "lb1" },
    { id: "a2", status: "DELETED", lb_network_ip: "192.0.2.2", loadbalancer_id: "lb1" },
  ];

  it("marks a deep type skipped when its source is not enabled, without listing its inputs", async () => {
    const session = new FakeSession({ "load-balancer /v2/octavia/amphorae": amphorae });
    const inventory = await collect(session, { types: ["load-balancer.amphora-agent"] });
    expect(inventory.coverage["load-balancer.amphora-agent"]).toEqual({
      status: "skipped",
      reason: "the amphora-agent source is not enabled for test region RegionOne (--deep, deep: in stacksweep.yaml)",
    });
    expect(session.calls).toEqual([]);
  });

  it("hands the source its inputs' complete listings and keeps only the type's fields of what it yields", async () => {
    const { source, asked } = fakeDeepSource((_type, context) =>
      Promise.resolve({
        records: (context.inputs.get("load-balancer.amphora") ?? []).map((amphora) => ({
          id: amphora.id,
          answered: true,
          disk: { used: 1, available: 3 },
          privateKey: "-----BEGIN RSA PRIVATE KEY-----",
        })),
        requests: 2,
      }),
    );
    const session = new FakeSession({ "load-balancer /v2/octavia/amphorae": amphorae });
    const inventory = await collect(session, {
      types: ["load-balancer.amphora-agent"],
      deepSources: new Map([["amphora-agent", source]]),
    });
    expect(asked).toEqual([
      { type: "load-balancer.amphora-agent", inputs: new Map([["load-balancer.amphora", amphorae]]) },
    ]);
    expect(inventory.coverage["load-balancer.amphora-agent"]).toEqual({ status: "complete", count: 2, requests: 2 });
    expect(inventory.resources["load-balancer.amphora-agent"]).toEqual([
      { id: "a1", answered: true, disk: { used: 1, available: 3 } },
      { id: "a2", answered: true, disk: { used: 1, available: 3 } },
    ]);
    // The input is listed once, for the source and for the checks that read it directly.
    expect(inventory.coverage["load-balancer.amphora"]).toMatchObject({ status: "complete", count: 2 });
  });

  it("fails a deep type whose input is incomplete, with the input's reason, without asking the source", async () => {
    const { source, asked } = fakeDeepSource(() => Promise.resolve({ records: [], requests: 0 }));
    const session = new FakeSession({
      "load-balancer /v2/octavia/amphorae": new HttpError(403, "load-balancer GET /v2/octavia/amphorae answered 403"),
    });
    const inventory = await collect(session, {
      types: ["load-balancer.amphora-agent"],
      deepSources: new Map([["amphora-agent", source]]),
    });
    expect(inventory.coverage["load-balancer.amphora-agent"]).toEqual({
      status: "failed",
      reason: "needs load-balancer.amphora, which is forbidden: load-balancer GET /v2/octavia/amphorae answered 403",
    });
    expect(inventory.resources["load-balancer.amphora-agent"]).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it("fails a deep type whose source throws, with the source's one-line reason", async () => {
    const { source } = fakeDeepSource(() =>
      Promise.reject(new Error("cannot read client_cert /etc/octavia/certs/client.pem: ENOENT")),
    );
    const session = new FakeSession({ "load-balancer /v2/octavia/amphorae": amphorae });
    const inventory = await collect(session, {
      types: ["load-balancer.amphora-agent", "load-balancer.amphora"],
      deepSources: new Map([["amphora-agent", source]]),
    });
    expect(inventory.coverage["load-balancer.amphora-agent"]).toEqual({
      status: "failed",
      reason: "cannot read client_cert /etc/octavia/certs/client.pem: ENOENT",
    });
    expect(inventory.coverage["load-balancer.amphora"]).toMatchObject({ status: "complete" });
  });
});

describe("collect below the API, beside the API listings", () => {
  it("probes as soon as its inputs are listed, while a slower API listing is still going", async () => {
    const serversHeld = gate();
    let serversDoneWhenProbed: boolean | null = null;
    let serversDone = false;
    const { source } = fakeDeepSource(() => {
      serversDoneWhenProbed = serversDone;
      serversHeld.open();
      return Promise.resolve({ records: [], requests: 0 });
    });
    const session = new FakeSession({
      "load-balancer /v2/octavia/amphorae": [],
      "compute /servers/detail": [{ id: "s1", tenant_id: "p2" }],
    });
    session.held.set("compute /servers/detail", serversHeld.opened);
    const inventory = await collect(session, {
      types: ["compute.server", "load-balancer.amphora-agent"],
      deepSources: new Map([["amphora-agent", source]]),
      onProgress: (event) => {
        if (event.kind === "listing-finished" && event.type === "compute.server") serversDone = true;
      },
    });
    expect(serversDoneWhenProbed).toBe(false);
    expect(inventory.coverage["compute.server"]).toMatchObject({ status: "complete", count: 1 });
    expect(inventory.coverage["load-balancer.amphora-agent"]).toMatchObject({ status: "complete" });
  });
});

describe("collect with a source below the API standing in", () => {
  /** A database that can list load balancers and images, and records what it was asked. */
  const database = (fail = false): DeepSource & { asked: string[] } => {
    const asked: string[] = [];
    return {
      id: "database",
      asked,
      standsInFor: (type) => type === "load-balancer.loadbalancer" || type === "image.image",
      list(type) {
        asked.push(type);
        if (fail) return Promise.reject(new Error("cannot open the octavia database at db:3306/octavia: ECONNREFUSED"));
        const records =
          type === "image.image"
            ? [{ id: "img-1", status: "active", owner: "p2", internal: "x" }]
            : [{ id: "lb-1", provisioning_status: "PENDING_UPDATE", project_id: "p2", internal: "x" }];
        return Promise.resolve({ records, requests: 1 });
      },
      close: () => Promise.resolve(),
    };
  };

  it("lists from the database when the API listing fails or its service is absent, and says so", async () => {
    const session = new FakeSession(
      {
        "load-balancer /v2/lbaas/loadbalancers": new HttpError(
          503,
          "load-balancer GET /v2/lbaas/loadbalancers answered 503",
        ),
        // Another project's server: the listing proves it spans projects.
        "compute /servers/detail": [{ id: "srv-1", tenant_id: "p2", status: "ACTIVE" }],
      },
      {},
      ["image"],
    );
    const source = database();
    const inventory = await collect(session, {
      types: ["load-balancer.loadbalancer", "image.image", "compute.server"],
      deepSources: new Map([["database", source]]),
    });
    expect(inventory.coverage["load-balancer.loadbalancer"]).toEqual({
      status: "complete",
      count: 1,
      requests: 1,
      source: "database",
      apiFailure: "load-balancer GET /v2/lbaas/loadbalancers answered 503",
    });
    expect(inventory.resources["load-balancer.loadbalancer"]).toEqual([
      { id: "lb-1", provisioning_status: "PENDING_UPDATE", project_id: "p2" },
    ]);
    expect(inventory.coverage["image.image"]).toMatchObject({ status: "complete", source: "database" });
    // An API listing that works is never replaced.
    expect(inventory.coverage["compute.server"]).toEqual({ status: "complete", count: 1, requests: 1 });
    expect(source.asked.sort()).toEqual(["image.image", "load-balancer.loadbalancer"]);
  });

  it("keeps both reasons when the database cannot stand in either", async () => {
    const session = new FakeSession({
      "load-balancer /v2/lbaas/loadbalancers": new HttpError(
        503,
        "load-balancer GET /v2/lbaas/loadbalancers answered 503",
      ),
    });
    const inventory = await collect(session, {
      types: ["load-balancer.loadbalancer"],
      deepSources: new Map([["database", database(true)]]),
    });
    expect(inventory.coverage["load-balancer.loadbalancer"]).toEqual({
      status: "failed",
      reason:
        "load-balancer GET /v2/lbaas/loadbalancers answered 503; the database fallback failed too: cannot open the octavia database at db:3306/octavia: ECONNREFUSED",
    });
  });
});

describe("collect: Swift containers", () => {
  const deletedOwnersServers = [
    { id: "s1", status: "ACTIVE", tenant_id: GONE },
    { id: "s2", status: "ACTIVE", tenant_id: "p2" },
  ];

  it("lists the accounts of deleted owners and named projects, and states the scope it could not see", async () => {
    const session = new FakeSession(
      { "identity /projects": projects, "compute /servers/detail": deletedOwnersServers },
      {
        [`/projects/${GONE}`]: 404,
        [`/AUTH_${GONE}`]: [
          { name: "backups", count: 3, bytes: 3_000_000, last_modified: "2026-01-01T00:00:00" },
        ] as never,
        "/AUTH_named-project": [] as never,
      },
    );
    const inventory = await collect(session, {
      types: ["compute.server", "object-store.container"],
      now: () => NOW,
      objectStoreProjects: ["named-project"],
    });

    expect(inventory.resources["object-store.container"]).toEqual([
      { project_id: GONE, name: "backups", count: 3, bytes: 3_000_000, last_modified: "2026-01-01T00:00:00" },
    ]);
    const coverage = inventory.coverage["object-store.container"];
    expect(coverage).toMatchObject({ status: "complete", count: 1, requests: 2 });
    expect(coverage?.status === "complete" ? coverage.scope : "").toContain(
      "a deleted project that left only containers",
    );
    // Live projects' accounts are not read: their containers are nobody's debris.
    const accounts = session.calls.filter((call) => call.service === "object-store").map((call) => call.path);
    expect(accounts.sort()).toEqual([`/AUTH_${GONE}`, "/AUTH_named-project"]);
    expect(session.calls.find((call) => call.service === "object-store")?.query).toMatchObject({
      format: "json",
      limit: 10000,
    });
    expect(inventory.confirmations["identity.project"]?.[GONE]).toBe("missing");
  });

  it("reads an account as soon as a finished listing names its deleted owner, not after the last listing", async () => {
    const volumes = gate();
    const session = new FakeSession(
      {
        "identity /projects": projects,
        "compute /servers/detail": deletedOwnersServers,
        "block-storage /volumes/detail": [{ id: "v1", status: "available", "os-vol-tenant-attr:tenant_id": "gone-2" }],
      },
      {
        [`/projects/${GONE}`]: 404,
        "/projects/gone-2": 404,
        [`/AUTH_${GONE}`]: [] as never,
        "/AUTH_gone-2": [] as never,
      },
    );
    session.held.set("block-storage /volumes/detail", volumes.opened);
    const asked = (): string[] =>
      session.calls.filter((call) => call.service === "object-store").map((call) => call.path);
    let askedWhileVolumesListed: string[] = [];
    const answerShow = session.request.bind(session);
    session.request = (service, req) => {
      if (service === "object-store" && req.path === `/AUTH_${GONE}`) {
        askedWhileVolumesListed = [...asked(), req.path];
        volumes.open();
      }
      return answerShow(service, req);
    };

    const inventory = await collect(session, {
      types: ["compute.server", "block-storage.volume", "object-store.container"],
      now: () => NOW,
    });
    expect(askedWhileVolumesListed).toEqual([`/AUTH_${GONE}`]);
    // The owner the volumes named later is read too: the accounts are the same as when all were read at the end.
    expect(asked().sort()).toEqual([`/AUTH_${GONE}`, "/AUTH_gone-2"]);
    expect(inventory.coverage["object-store.container"]).toMatchObject({ status: "complete", requests: 2 });
  });

  it("lists a project scan's own account whole, with no scope to state", async () => {
    const session = new FakeSession(
      { "identity /projects": projects },
      { [`/AUTH_${GONE}`]: [{ name: "c1", count: 0, bytes: 0 }] as never, [`/projects/${GONE}`]: 404 },
    );
    const inventory = await collect(session, { types: ["object-store.container"], now: () => NOW, projectId: GONE });
    expect(inventory.coverage["object-store.container"]).toEqual({ status: "complete", count: 1, requests: 1 });
  });

  it("lists nothing and fails when the project list is incomplete, and is absent without Swift", async () => {
    const failing = new FakeSession({ "identity /projects": new HttpError(503, "keystone answered 503") });
    const failed = await collect(failing, { types: ["object-store.container"], now: () => NOW });
    expect(failed.coverage["object-store.container"]).toMatchObject({ status: "failed" });
    expect(failing.calls.some((call) => call.service === "object-store")).toBe(false);

    const noSwift = new FakeSession({ "identity /projects": projects }, {}, ["object-store"]);
    const absent = await collect(noSwift, { types: ["object-store.container"], now: () => NOW });
    expect(absent.coverage["object-store.container"]).toMatchObject({ status: "absent" });
  });

  it("follows the marker while pages are full", async () => {
    const full = Array.from({ length: 10000 }, (_, i) => ({
      name: `c${String(i).padStart(5, "0")}`,
      count: 1,
      bytes: 1,
    }));
    const session = new FakeSession({ "identity /projects": projects }, { [`/projects/${GONE}`]: 404 });
    const asked: unknown[] = [];
    const answerShow = session.request.bind(session);
    session.request = (service, req) => {
      if (service !== "object-store") return answerShow(service, req);
      asked.push(req.query?.marker);
      const page = req.query?.marker === undefined ? full : [{ name: "z", count: 1, bytes: 1 }];
      return Promise.resolve({ status: 200, body: page });
    };
    const inventory = await collect(session, { types: ["object-store.container"], now: () => NOW, projectId: GONE });
    expect(inventory.resources["object-store.container"]).toHaveLength(10001);
    expect(asked).toEqual([undefined, "c09999"]);
  });
});
