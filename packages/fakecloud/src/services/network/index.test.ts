import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { list, obj, pluck, type Json } from "../../../../../test/support/fakecloud/json-reader.ts";
import { startFakeCloud, type FakeCloud } from "../../server.ts";
import { passwordToken } from "../../../../../test/support/fakecloud/admin-token.ts";
import { callJson } from "../../../../../test/support/fakecloud/call-json.ts";
import { neutronSettings } from "./neutron-settings.ts";

let cloud: FakeCloud;
let admin: string;
let alice: string;

function call(token: string, path: string, method = "GET", body?: unknown) {
  return callJson(`${cloud.url}/network${path}`, token, method, body);
}

beforeAll(async () => {
  cloud = await startFakeCloud({
    scenario: {
      projects: [{ name: "acme" }, { name: "globex" }],
      users: [{ name: "alice", password: "pw", roles: [{ project: "acme", role: "member" }] }],
      resources: {
        "network.network": [
          { name: "public", project_id: "", "router:external": true, shared: true },
          { name: "acme-net", project_id: "@project/acme" },
          { name: "globex-net", project_id: "@project/globex" },
        ],
        "network.subnet": [
          { name: "public-subnet", project_id: "", network_id: "@network.network/public", cidr: "203.0.113.0/24" },
          {
            name: "acme-subnet",
            project_id: "@project/acme",
            network_id: "@network.network/acme-net",
            cidr: "10.1.0.0/24",
          },
        ],
        "network.port": [
          {
            name: "p1",
            project_id: "@project/acme",
            network_id: "@network.network/acme-net",
            device_owner: "compute:nova",
          },
          { name: "p2", project_id: "@project/acme", network_id: "@network.network/acme-net" },
          { name: "p3", project_id: "@project/globex", network_id: "@network.network/globex-net" },
        ],
        "network.agent": [{ host: "compute-1" }, { host: "compute-9", alive: false }],
      },
    },
  });
  admin = await passwordToken(cloud);
  alice = await passwordToken(cloud, { username: "alice", password: "pw", projectName: "acme" });
});
afterAll(async () => cloud.close());

describe("network listings", () => {
  it("shows an admin every project's ports without a flag, a member only theirs, and shared networks to all", async () => {
    expect(pluck(list((await call(admin, "/v2.0/ports")).body, "ports"), "name").sort()).toEqual(["p1", "p2", "p3"]);
    expect(pluck(list((await call(alice, "/v2.0/ports")).body, "ports"), "name").sort()).toEqual(["p1", "p2"]);
    expect(pluck(list((await call(alice, "/v2.0/networks")).body, "networks"), "name").sort()).toEqual([
      "acme-net",
      "public",
    ]);
  });

  it("filters by any attribute (tenant_id is project_id) and trims to the fields asked", async () => {
    const acme = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!.id;
    const ports = list(
      (await call(admin, `/v2.0/ports?tenant_id=${acme}&device_owner=compute:nova&fields=id&fields=name`)).body,
      "ports",
    );
    expect(ports).toHaveLength(1);
    expect(Object.keys(ports[0]!).sort()).toEqual(["id", "name"]);
  });

  it("paginates only with a limit, with next and previous links, and 404s an unknown marker", async () => {
    const whole = await call(admin, "/v2.0/ports");
    expect(whole.body).not.toHaveProperty("ports_links");
    const first = await call(admin, "/v2.0/ports?limit=2");
    expect(list(first.body, "ports")).toHaveLength(2);
    const next = list(first.body, "ports_links").find((l) => l["rel"] === "next")!;
    const second = await call(
      admin,
      new URL(String(next["href"])).pathname.replace("/network", "") + new URL(String(next["href"])).search,
    );
    expect(list(second.body, "ports")).toHaveLength(1);
    expect(pluck(list(second.body, "ports_links"), "rel")).toEqual(["previous"]);
    const unknown = await call(admin, "/v2.0/ports?limit=2&marker=nope");
    expect(unknown).toEqual({
      status: 404,
      body: { NeutronError: { type: "PortNotFound", message: "Port nope could not be found.", detail: "" } },
    });
  });

  it("links back from an empty page (without a marker) as neutron does", async () => {
    const empty = await call(admin, "/v2.0/ports?limit=2&name=nobody");
    expect(empty.body).toEqual({
      ports: [],
      ports_links: [{ rel: "previous", href: `${cloud.url}/network/v2.0/ports?limit=2&name=nobody&page_reverse=True` }],
    });
  });

  it("does not paginate RBAC policies or agents: limit and marker are ignored, no links", async () => {
    for (const [path, key] of [
      ["/v2.0/rbac-policies", "rbac_policies"],
      ["/v2.0/agents", "agents"],
    ] as const) {
      const whole = list((await call(admin, path)).body, key);
      const limited = await call(admin, `${path}?limit=1&marker=00000000-0000-4000-8000-000000000000`);
      expect(limited.status).toBe(200);
      expect(list(limited.body, key)).toHaveLength(whole.length);
      expect(limited.body).not.toHaveProperty(`${key}_links`);
    }
    expect(list((await call(admin, "/v2.0/agents")).body, "agents")).toHaveLength(2);
  });

  it("caps pages at pagination_max_limit when the operator sets one", async () => {
    neutronSettings(cloud.state).paginationMaxLimit = 2;
    try {
      const capped = await call(admin, "/v2.0/ports?limit=50");
      expect(list(capped.body, "ports")).toHaveLength(2);
    } finally {
      neutronSettings(cloud.state).paginationMaxLimit = -1;
    }
  });

  it("lists agents only for an admin, alive from the heartbeat, in Neutron's agent time format", async () => {
    const agents = list((await call(admin, "/v2.0/agents")).body, "agents");
    expect(Object.fromEntries(agents.map((a) => [a["host"], a["alive"]]))).toEqual({
      "compute-1": true,
      "compute-9": false,
    });
    expect(String(agents[0]!["heartbeat_timestamp"])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(list((await call(alice, "/v2.0/agents")).body, "agents")).toEqual([]);
  });
});

describe("network writes", () => {
  it("adds and removes a router interface port, refuses deleting it directly, and refuses a network in use", async () => {
    const subnet = [...cloud.state.collection("network.subnet").values()].find((s) => s["name"] === "acme-subnet")!;
    const router = obj((await call(alice, "/v2.0/routers", "POST", { router: { name: "r1" } })).body, "router");
    const added = await call(alice, `/v2.0/routers/${String(router["id"])}/add_router_interface`, "PUT", {
      subnet_id: subnet.id,
    });
    expect(added.status).toBe(200);
    const portId = String(added.body!["port_id"]);
    const port = obj((await call(alice, `/v2.0/ports/${portId}`)).body, "port");
    expect(port).toMatchObject({
      device_owner: "network:router_interface",
      device_id: router["id"],
      fixed_ips: [{ subnet_id: subnet.id, ip_address: "10.1.0.1" }],
    });
    expect((await call(alice, `/v2.0/ports/${portId}`, "DELETE")).body).toMatchObject({
      NeutronError: { type: "ServicePortInUse" },
    });
    expect((await call(alice, `/v2.0/routers/${String(router["id"])}`, "DELETE")).status).toBe(409);
    const inUse = await call(admin, `/v2.0/networks/${String(subnet["network_id"])}`, "DELETE");
    expect(inUse.status).toBe(409);
    expect(obj(inUse.body, "NeutronError")["type"]).toBe("NetworkInUse");
    await call(alice, `/v2.0/routers/${String(router["id"])}/remove_router_interface`, "PUT", { subnet_id: subnet.id });
    expect((await call(alice, `/v2.0/ports/${portId}`)).status).toBe(404);
  });

  it("gives a router with an external gateway a gateway port owned by no project", async () => {
    const publicNet = [...cloud.state.collection("network.network").values()].find((n) => n["name"] === "public")!;
    const router = obj(
      (
        await call(admin, "/v2.0/routers", "POST", {
          router: { name: "gw", external_gateway_info: { network_id: publicNet.id } },
        })
      ).body,
      "router",
    );
    const gateways = list(
      (await call(admin, `/v2.0/ports?device_id=${String(router["id"])}&device_owner=network:router_gateway`)).body,
      "ports",
    );
    expect(pluck(gateways, "project_id")).toEqual([""]);
  });

  it("associates a floating IP with a port and back", async () => {
    const publicNet = [...cloud.state.collection("network.network").values()].find((n) => n["name"] === "public")!;
    const p1 = [...cloud.state.collection("network.port").values()].find((p) => p["name"] === "p2")!;
    const fip = obj(
      (await call(alice, "/v2.0/floatingips", "POST", { floatingip: { floating_network_id: publicNet.id } })).body,
      "floatingip",
    );
    expect(fip).toMatchObject({ port_id: null, status: "DOWN" });
    cloud.state.collection("network.port").update(p1.id, { fixed_ips: [{ subnet_id: "s", ip_address: "10.1.0.7" }] });
    const associated = await call(alice, `/v2.0/floatingips/${String(fip["id"])}`, "PUT", {
      floatingip: { port_id: p1.id },
    });
    expect(obj(associated.body, "floatingip")).toMatchObject({
      port_id: p1.id,
      fixed_ip_address: "10.1.0.7",
      status: "ACTIVE",
    });
  });

  it("shows each network's subnets and each group's rules as they are now, after creates and deletes", async () => {
    const subnetsOf = async (name: string) =>
      list((await call(admin, `/v2.0/networks?name=${name}`)).body, "networks")[0]!["subnets"];
    const acmeNet = [...cloud.state.collection("network.network").values()].find((n) => n["name"] === "acme-net")!;
    const first = [...cloud.state.collection("network.subnet").values()].find((s) => s["name"] === "acme-subnet")!;
    expect(await subnetsOf("acme-net")).toEqual([first.id]);
    const second = obj(
      (
        await call(admin, "/v2.0/subnets", "POST", {
          subnet: { name: "acme-subnet-2", network_id: acmeNet.id, cidr: "10.2.0.0/24", ip_version: 4 },
        })
      ).body,
      "subnet",
    );
    expect(await subnetsOf("acme-net")).toEqual([first.id, second["id"]]);
    expect(await subnetsOf("globex-net")).toEqual([]);

    const group = obj(
      (await call(alice, "/v2.0/security-groups", "POST", { security_group: { name: "web" } })).body,
      "security_group",
    );
    const rulesOf = async () =>
      pluck(
        list((await call(alice, `/v2.0/security-groups?id=${String(group["id"])}`)).body, "security_groups")[0]![
          "security_group_rules"
        ] as Json[],
        "direction",
      );
    expect(await rulesOf()).toEqual(["egress", "egress"]);
    const rule = obj(
      (
        await call(alice, "/v2.0/security-group-rules", "POST", {
          security_group_rule: { security_group_id: group["id"], direction: "ingress", ethertype: "IPv4" },
        })
      ).body,
      "security_group_rule",
    );
    expect(await rulesOf()).toEqual(["egress", "egress", "ingress"]);
    expect((await call(alice, `/v2.0/security-group-rules/${String(rule["id"])}`, "DELETE")).status).toBe(204);
    expect(await rulesOf()).toEqual(["egress", "egress"]);
  });
});
