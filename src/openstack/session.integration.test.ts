// The Session against the embedded fake cloud over real HTTP on loopback, resolved from a real clouds.yaml, with
// faults injected: token expiry mid-listing, 503 bursts, 429 with Retry-After, a reset, a marker loop, a missing
// service and Keystone's list_limit.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { resolveCloud } from "../config/clouds.ts";
import { type FakeCloud, type Scenario, startFakeCloud } from "@stacksweep/fakecloud";
import { CatalogError, PaginationLoopError, TruncatedListingError } from "./errors.ts";
import { Session } from "./session.ts";
import { testDirectory } from "../../test/support/test-directory.ts";

const clouds: FakeCloud[] = [];
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(clouds.splice(0).map((c) => c.close()));
});

const FIVE_SERVERS: Scenario = {
  resources: { "compute.server": Array.from({ length: 5 }, (_, i) => ({ name: `vm-${i}` })) },
};

async function openOn(
  scenario: Scenario = FIVE_SERVERS,
  before?: (cloud: FakeCloud) => void,
): Promise<{ cloud: FakeCloud; session: Session }> {
  const cloud = await startFakeCloud({ scenario });
  clouds.push(cloud);
  before?.(cloud);
  const dir = testDirectory("fake");
  writeFileSync(join(dir, "clouds.yaml"), stringify({ clouds: { fake: cloud.cloudsYamlEntry() } }));
  const resolved = await resolveCloud({ env: { HOME: dir }, cwd: dir });
  const session = await Session.open(resolved, { retry: { baseDelayMs: 1, maxDelayMs: 10 } });
  sessions.push(session);
  return { cloud, session };
}

async function serverNames(session: Session, pageSize = 2): Promise<string[]> {
  const names: string[] = [];
  for await (const page of session.paginate<{ name: string }>("compute", {
    path: "/servers/detail",
    query: { all_tenants: 1 },
    resourcesKey: "servers",
    pageSize,
    microversion: "2.100",
  })) {
    names.push(...page.map((s) => s.name));
  }
  return names.sort();
}

function tokenRequests(cloud: FakeCloud): number {
  return cloud.requestLog.list().filter((e) => e.method === "POST" && e.path.endsWith("/auth/tokens")).length;
}

describe("Session on the fake cloud", () => {
  it("lists every page, and survives the token expiring in the middle of the listing with one re-authentication", async () => {
    const { cloud, session } = await openOn();
    expect(await serverNames(session)).toEqual(["vm-0", "vm-1", "vm-2", "vm-3", "vm-4"]);
    const names: string[] = [];
    let pages = 0;
    for await (const page of session.paginate<{ name: string }>("compute", {
      path: "/servers/detail",
      query: { all_tenants: 1 },
      resourcesKey: "servers",
      pageSize: 2,
    })) {
      names.push(...page.map((s) => s.name));
      if (++pages === 1) cloud.faults.expireTokens();
    }
    expect(names.sort()).toEqual(["vm-0", "vm-1", "vm-2", "vm-3", "vm-4"]);
    expect(tokenRequests(cloud)).toBe(2);
  });

  it("rides out a burst of 503s and a reset, and counts every attempt", async () => {
    const { cloud, session } = await openOn();
    cloud.faults.add({ kind: "status", status: 503, service: "compute", path: "servers/detail", count: 3 });
    expect(await serverNames(session, 1000)).toHaveLength(5);
    // Added after the burst: the fake cloud consumes every matching fault of a request, even those it does not act on.
    cloud.faults.add({ kind: "reset", service: "compute", path: "servers/detail", count: 1 });
    expect(await serverNames(session, 1000)).toHaveLength(5);
    const compute = session.stats().find((s) => s.service === "compute")!;
    // discovery + 3 x 503 + 200, then a reset + 200
    expect(compute).toMatchObject({ count: 7, errors: 4 });
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const { cloud, session } = await openOn();
    cloud.faults.add({
      kind: "status",
      status: 429,
      retryAfterSeconds: 1,
      service: "compute",
      path: "servers/detail",
      count: 1,
    });
    const started = performance.now();
    expect(await serverNames(session, 1000)).toHaveLength(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("stops on a marker loop instead of listing forever", async () => {
    const { cloud, session } = await openOn();
    cloud.faults.add({ kind: "repeat-marker", service: "compute" });
    await expect(serverNames(session, 2)).rejects.toThrow(PaginationLoopError);
  });

  it("a service missing from the catalog is absent, and asking for it names what the catalog has", async () => {
    const { session } = await openOn(FIVE_SERVERS, (cloud) => cloud.faults.removeFromCatalog("load-balancer"));
    expect(session.hasService("compute")).toBe(true);
    expect(session.hasService("load-balancer")).toBe(false);
    const error = await session.request("load-balancer", { path: "/v2/lbaas/loadbalancers" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toContain("no load-balancer endpoint");
  });

  it("Keystone's list_limit makes the project listing a TruncatedListingError", async () => {
    const { session } = await openOn({
      identity: { listLimit: 2 },
      projects: [{ name: "p1" }, { name: "p2" }, { name: "p3" }],
    });
    const listing = (async () => {
      for await (const _page of session.paginate("identity", { path: "/projects", resourcesKey: "projects" })) {
        /* drain */
      }
    })();
    await expect(listing).rejects.toThrow(TruncatedListingError);
  });
});
