import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { list, obj, pluck, type Json } from "../../../../../test/support/fakecloud/json-reader.ts";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";
import { callJson } from "../../../../../test/support/fakecloud/call-json.ts";
import { octaviaSettings } from "./octavia-settings.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;

function call(token: string, path: string, method = "GET", body?: unknown) {
  return callJson(`${cloud.url}/load-balancer${path}`, token, method, body);
}

/** Polls a load balancer until it reaches `status` (the fake worker finishes after the configured delay). */
async function until(id: string, status: string): Promise<Json> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const lb = obj((await call(admin, `/v2/lbaas/loadbalancers/${id}`)).body, "loadbalancer");
    if (lb["provisioning_status"] === status || Date.now() > deadline) return lb;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }],
      users: [{ name: "alice", password: "pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "load-balancer.loadbalancer": [
          { name: "stuck", project_id: "@project/acme", provisioning_status: "PENDING_UPDATE", updated_at: "-2h" },
          { name: "web", project_id: "@project/acme", created_at: "-1d" },
        ],
        "load-balancer.amphora": [
          { $ref: "a1", loadbalancer_id: "@load-balancer.loadbalancer/web", status: "ALLOCATED" },
          { $ref: "broken", loadbalancer_id: "@load-balancer.loadbalancer/web", status: "ERROR" },
        ],
      },
    },
  });
  octaviaSettings(cloud.state).provisioningDelayMs = 5;
  admin = await passwordToken(cloud);
  alice = await passwordToken(cloud, { username: "alice", password: "pw", projectName: "acme" });
});
afterAll(async () => cloud.close());

function lbId(name: string): string {
  return [...cloud.state.collection("load-balancer.loadbalancer").values()].find((lb) => lb["name"] === name)!.id;
}

describe("load balancers", () => {
  it("refuses any change to a load balancer in PENDING_UPDATE with Octavia's exact 409", async () => {
    const id = lbId("stuck");
    const expected = {
      status: 409,
      body: {
        faultcode: "Client",
        faultstring: `Invalid state PENDING_UPDATE of loadbalancer resource ${id}`,
        debuginfo: null,
      },
    };
    expect(await call(admin, `/v2/lbaas/loadbalancers/${id}?cascade=true`, "DELETE")).toEqual(expected);
    expect(await call(admin, `/v2/lbaas/loadbalancers/${id}/failover`, "PUT")).toEqual(expected);
    expect(await call(admin, `/v2/lbaas/loadbalancers/${id}`, "PUT", { loadbalancer: { name: "x" } })).toEqual(
      expected,
    );
    const listener = await call(admin, "/v2/lbaas/listeners", "POST", {
      listener: { loadbalancer_id: id, protocol: "HTTP", protocol_port: 80 },
    });
    expect(listener).toEqual({
      status: 409,
      body: {
        faultcode: "Client",
        faultstring: `Load Balancer ${id} is immutable and cannot be updated.`,
        debuginfo: null,
      },
    });
  });

  it("creates a load balancer PENDING_CREATE that the worker makes ACTIVE", async () => {
    const created = await call(admin, "/v2/lbaas/loadbalancers", "POST", {
      loadbalancer: { name: "new", vip_subnet_id: "s" },
    });
    expect(created.status).toBe(201);
    expect(obj(created.body, "loadbalancer")["provisioning_status"]).toBe("PENDING_CREATE");
    expect((await until(String(obj(created.body, "loadbalancer")["id"]), "ACTIVE"))["provisioning_status"]).toBe(
      "ACTIVE",
    );
  });

  it("pages with loadbalancers_links, trims to fields=, and answers 400 for an unknown marker", async () => {
    const first = await call(admin, "/v2/lbaas/loadbalancers?limit=1&fields=id,name");
    expect(Object.keys(list(first.body, "loadbalancers")[0]!).sort()).toEqual(["id", "name"]);
    expect(pluck(list(first.body, "loadbalancers_links"), "rel")).toEqual(["next"]);
    const unknown = await call(admin, "/v2/lbaas/loadbalancers?marker=nope");
    expect(unknown).toEqual({
      status: 400,
      body: { faultcode: "Client", faultstring: "Supplied pagination marker 'nope' is not valid.", debuginfo: null },
    });
  });

  it("refuses a plain member, as Zed's default policy does", async () => {
    expect(await call(alice, "/v2/lbaas/loadbalancers")).toEqual({
      status: 403,
      body: {
        faultcode: "Client",
        faultstring: "Policy does not allow this request to be performed.",
        debuginfo: null,
      },
    });
  });
});

describe("amphorae", () => {
  it("are admin only", async () => {
    expect((await call(alice, "/v2/octavia/amphorae")).status).toBe(403);
    expect(
      list((await call(admin, `/v2/octavia/amphorae?loadbalancer_id=${lbId("web")}`)).body, "amphorae"),
    ).toHaveLength(2);
  });

  it("delete only in ERROR, and fail over to a new ALLOCATED amphora on a live server", async () => {
    const amphorae = [...cloud.state.collection("load-balancer.amphora").values()];
    const healthy = amphorae.find((a) => a["status"] === "ALLOCATED")!;
    const broken = amphorae.find((a) => a["status"] === "ERROR")!;
    expect((await call(admin, `/v2/octavia/amphorae/${healthy.id}`, "DELETE")).body).toMatchObject({
      faultstring: `Amphora ${healthy.id} is immutable and cannot be updated.`,
    });
    expect((await call(admin, `/v2/octavia/amphorae/${broken.id}`, "DELETE")).status).toBe(204);
    expect((await call(admin, `/v2/octavia/amphorae/${healthy.id}/failover`, "PUT")).status).toBe(202);
    expect((await until(lbId("web"), "ACTIVE"))["provisioning_status"]).toBe("ACTIVE");
    const after = list((await call(admin, `/v2/octavia/amphorae?loadbalancer_id=${lbId("web")}`)).body, "amphorae");
    expect(pluck(after, "status")).toEqual(["ALLOCATED"]);
    expect(after[0]!["id"]).not.toBe(healthy.id);
    expect(cloud.state.collection("compute.server").has(String(after[0]!["compute_id"]))).toBe(true);
  });
});
