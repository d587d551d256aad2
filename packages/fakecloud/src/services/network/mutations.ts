// Neutron's writes that an operator's cleanup and the openstack CLI use: create, update and delete of each
// resource, router interfaces (which create and remove the `network:router_interface` port), floating IP
// association, and the 409s Neutron answers when something still uses what is being deleted.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { caller, errorResponse, jsonBody } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { SeedContext, Seeder, ServiceContext } from "../../service-module.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { render, visible, type NeutronResource } from "./neutron-listing.ts";
import type { NeutronResources } from "./resources.ts";
import {
  floatingipSeeder,
  networkSeeder,
  portSeeder,
  rbacPolicySeeder,
  routerSeeder,
  securityGroupRuleSeeder,
  securityGroupSeeder,
  subnetSeeder,
} from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

const now = (): string => formatTime(new Date(), "iso-z");

function conflict(c: Context<FakeEnv>, type: string, message: string): Response {
  return errorResponse(c, 409, message, { type });
}

function notFound(c: Context<FakeEnv>, resource: NeutronResource, id: string): Response {
  const { type, message } = resource.notFound(id);
  return errorResponse(c, 404, message, { type });
}

/** The next free address of a subnet (fakecloud allocates sequentially from the allocation pool). */
function allocateIp(subnet: ResourceRecord, ports: Iterable<Record<string, unknown>>): string {
  const used = new Set<string>();
  for (const port of ports) {
    for (const ip of (port["fixed_ips"] as { subnet_id: string; ip_address: string }[] | undefined) ?? []) {
      if (ip.subnet_id === subnet.id) used.add(ip.ip_address);
    }
  }
  const cidr = String(subnet["cidr"]);
  const base = cidr.split("/")[0] ?? "10.0.0.0";
  if (subnet["ip_version"] === 6) {
    for (let n = 2; ; n++) if (!used.has(`${base}${n.toString(16)}`)) return `${base}${n.toString(16)}`;
  }
  const prefix = base.split(".").slice(0, 3).join(".");
  for (let n = 2; n < 255; n++) if (!used.has(`${prefix}.${n}`)) return `${prefix}.${n}`;
  return `${prefix}.254`;
}

/**
 * Neutron's resources, each a sub-app for its collection path (`networks`, `ports`, ...) with what changes it
 * (create, update, delete, a router's interfaces); the service adds list and show. One closure, because creating or
 * deleting one resource checks and changes others (a subnet's ports, a router's gateway port).
 */
export function neutronRoutes(ctx: ServiceContext, resources: NeutronResources): ReadonlyMap<string, Hono<FakeEnv>> {
  const apps = new Map<string, Hono<FakeEnv>>(
    Object.values(resources).map((resource) => [resource.plural, new Hono<FakeEnv>({ strict: false })]),
  );
  const routesOf = (plural: string): Hono<FakeEnv> => apps.get(plural)!;
  const { state } = ctx;
  const networks = resources.networks.collection;
  const subnets = resources.subnets.collection;
  const ports = resources.ports.collection;
  const routers = resources.routers.collection;
  const floatingips = resources.floatingips.collection;
  const groups = resources["security-groups"].collection;
  const rules = resources["security-group-rules"].collection;

  const seedContext = (c: Context<FakeEnv>): SeedContext => ({
    state,
    now: new Date(),
    adminProjectId: caller(c).projectId,
    adminUserId: caller(c).userId,
  });
  /** Builds a record from a request body with the same defaults and checks as a scenario's. */
  const build = (c: Context<FakeEnv>, seeder: Seeder, input: Record<string, unknown>): ResourceRecord => {
    const who = caller(c);
    const fields: ResourceRecord = { ...input, id: newUuid() };
    // Only an admin may create for another project (neutron's `tenant_id`/`project_id` policy).
    if (!who.isAdmin || (fields["project_id"] === undefined && fields["tenant_id"] === undefined)) {
      fields["project_id"] = who.projectId;
      Reflect.deleteProperty(fields, "tenant_id");
    }
    return seeder.build(fields, seedContext(c));
  };
  const bodyOf = async (c: Context<FakeEnv>, key: string): Promise<Record<string, unknown> | undefined> => {
    const body = await jsonBody(c);
    const inner = body !== null && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
    return inner !== null && typeof inner === "object" && !Array.isArray(inner)
      ? (inner as Record<string, unknown>)
      : undefined;
  };
  const badBody = (c: Context<FakeEnv>, key: string): Response =>
    errorResponse(c, 400, `Resource body required: missing '${key}'`, { type: "HTTPBadRequest" });

  const createWith =
    (
      resource: NeutronResource,
      seeder: Seeder,
      prepare?: (c: Context<FakeEnv>, input: Record<string, unknown>) => Response | undefined,
      after?: (record: ResourceRecord) => void,
    ) =>
    async (c: Context<FakeEnv>) => {
      const input = await bodyOf(c, resource.singular);
      if (input === undefined) return badBody(c, resource.singular);
      const refused = prepare?.(c, input);
      if (refused !== undefined) return refused;
      try {
        const record = build(c, seeder, input);
        resource.collection.insert(record);
        after?.(record);
        return jsonResponse(c, { [resource.singular]: render(c, resource, [record])[0] }, 201);
      } catch (error) {
        if (error instanceof InvalidFieldError) {
          return errorResponse(c, 400, `Invalid input for ${error.field}. Reason: ${error.problem}.`, {
            type: "InvalidInput",
          });
        }
        throw error;
      }
    };

  routesOf("networks").post(
    "/",
    createWith(resources.networks, networkSeeder, (c, input) => {
      if (input["router:external"] !== undefined && !caller(c).isAdmin) {
        return errorResponse(
          c,
          403,
          `(rule:create_network and rule:create_network:router:external) is disallowed by policy`,
          { type: "PolicyNotAuthorized" },
        );
      }
      return undefined;
    }),
  );
  routesOf("subnets").post(
    "/",
    createWith(resources.subnets, subnetSeeder, (c, input) => {
      const network = networks.get(String(input["network_id"]));
      if (network === undefined || !visible(c, resources.networks, network))
        return notFound(c, resources.networks, String(input["network_id"]));
      return undefined;
    }),
  );
  routesOf("ports").post(
    "/",
    createWith(resources.ports, portSeeder, (c, input) => {
      const network = networks.get(String(input["network_id"]));
      if (network === undefined || !visible(c, resources.networks, network))
        return notFound(c, resources.networks, String(input["network_id"]));
      if (input["fixed_ips"] === undefined) {
        const subnet = [...subnets.values()].find((s) => s["network_id"] === network.id && s["ip_version"] === 4);
        input["fixed_ips"] =
          subnet === undefined ? [] : [{ subnet_id: subnet.id, ip_address: allocateIp(subnet, ports.values()) }];
      }
      return undefined;
    }),
  );
  routesOf("security-groups").post("/", async (c) => {
    const input = await bodyOf(c, "security_group");
    if (input === undefined) return badBody(c, "security_group");
    const group = build(c, securityGroupSeeder, input);
    groups.insert(group);
    // neutron/db/securitygroups_db.py: every new group allows all egress, IPv4 and IPv6.
    for (const ethertype of ["IPv4", "IPv6"]) {
      rules.insert(
        securityGroupRuleSeeder.build(
          {
            id: newUuid(),
            security_group_id: group.id,
            direction: "egress",
            ethertype,
            project_id: group["project_id"],
          },
          seedContext(c),
        ),
      );
    }
    return jsonResponse(c, { security_group: render(c, resources["security-groups"], [group])[0] }, 201);
  });
  routesOf("security-group-rules").post(
    "/",
    createWith(resources["security-group-rules"], securityGroupRuleSeeder, (c, input) => {
      const group = groups.get(String(input["security_group_id"]));
      if (group === undefined || !visible(c, resources["security-groups"], group)) {
        return notFound(c, resources["security-groups"], String(input["security_group_id"]));
      }
      return undefined;
    }),
  );
  routesOf("rbac-policies").post("/", createWith(resources["rbac-policies"], rbacPolicySeeder));
  routesOf("floatingips").post(
    "/",
    createWith(resources.floatingips, floatingipSeeder, (c, input) => {
      const network = networks.get(String(input["floating_network_id"]));
      if (network === undefined) return notFound(c, resources.networks, String(input["floating_network_id"]));
      if (network["router:external"] !== true) {
        return errorResponse(c, 400, `Bad floatingip request: Network ${network.id} is not a valid external network.`, {
          type: "BadRequest",
        });
      }
      const subnet = [...subnets.values()].find((s) => s["network_id"] === network.id);
      if (subnet !== undefined && input["floating_ip_address"] === undefined) {
        const taken = [...floatingips.values()].map((f) => ({
          fixed_ips: [{ subnet_id: subnet.id, ip_address: f["floating_ip_address"] }],
        }));
        input["floating_ip_address"] = allocateIp(subnet, taken);
      }
      return associate(c, input);
    }),
  );
  // The gateway port of a router created with external_gateway_info: owned by no project, like Neutron's.
  const addGatewayPort = (router: ResourceRecord): void => {
    const gateway = router["external_gateway_info"] as { network_id?: string } | null;
    if (gateway?.network_id === undefined) return;
    const subnet = [...subnets.values()].find((s) => s["network_id"] === gateway.network_id);
    const fixedIps =
      subnet === undefined ? [] : [{ subnet_id: subnet.id, ip_address: allocateIp(subnet, ports.values()) }];
    ports.insert(
      portSeeder.build(
        {
          id: newUuid(),
          network_id: gateway.network_id,
          device_owner: "network:router_gateway",
          device_id: router.id,
          project_id: "",
          fixed_ips: fixedIps,
        },
        { state, now: new Date(), adminProjectId: "", adminUserId: "" },
      ),
    );
    routers.update(router.id, {
      external_gateway_info: { network_id: gateway.network_id, enable_snat: true, external_fixed_ips: fixedIps },
    });
  };
  routesOf("routers").post("/", createWith(resources.routers, routerSeeder, undefined, addGatewayPort));

  /** Sets port_id on a floating IP body: the port must exist, be visible and have an address. */
  function associate(c: Context<FakeEnv>, input: Record<string, unknown>): Response | undefined {
    const portId = input["port_id"];
    if (typeof portId !== "string") {
      Object.assign(input, { port_id: null, fixed_ip_address: null, router_id: null, status: "DOWN" });
      return undefined;
    }
    const port = ports.get(portId);
    if (port === undefined || !visible(c, resources.ports, port)) return notFound(c, resources.ports, portId);
    const fixed = (port["fixed_ips"] as { ip_address: string }[] | undefined)?.[0];
    if (fixed === undefined) {
      return errorResponse(c, 400, `Bad floatingip request: Port ${port.id} does not have any IP addresses.`, {
        type: "BadRequest",
      });
    }
    const router = [...ports.values()].find(
      (p) => p["network_id"] === port["network_id"] && p["device_owner"] === "network:router_interface",
    );
    Object.assign(input, {
      port_id: port.id,
      fixed_ip_address: fixed.ip_address,
      router_id: router?.["device_id"] ?? null,
      status: "ACTIVE",
    });
    return undefined;
  }

  // Updates: the attributes a client may change; read-only ones are refused as Neutron refuses them.
  const READ_ONLY = new Set([
    "id",
    "project_id",
    "tenant_id",
    "created_at",
    "updated_at",
    "revision_number",
    "status",
    "network_id",
  ]);
  for (const resource of Object.values(resources)) {
    if (resource.adminOnly === true) continue;
    routesOf(resource.plural).put("/:id", async (c) => {
      const id = c.req.param("id");
      const record = resource.collection.get(id);
      if (record === undefined || !visible(c, resource, record)) return notFound(c, resource, id);
      const input = await bodyOf(c, resource.singular);
      if (input === undefined) return badBody(c, resource.singular);
      for (const key of Object.keys(input)) {
        if (READ_ONLY.has(key)) {
          return errorResponse(c, 400, `Cannot update read-only attribute ${key}`, { type: "HTTPBadRequest" });
        }
      }
      if (resource === resources.floatingips) {
        const refused = associate(c, input);
        if (refused !== undefined) return refused;
      }
      resource.collection.update(id, {
        ...input,
        updated_at: now(),
        revision_number: Number(record["revision_number"] ?? 0) + 1,
      });
      if (resource === resources.routers && input["external_gateway_info"] !== undefined) addGatewayPort(record);
      return jsonResponse(c, { [resource.singular]: render(c, resource, [record])[0] });
    });
  }

  // Deletes, with what Neutron refuses.
  const deleteRoute = (
    resource: NeutronResource,
    guard?: (c: Context<FakeEnv>, record: ResourceRecord) => Response | undefined,
    after?: (record: ResourceRecord) => void,
  ) => {
    routesOf(resource.plural).delete("/:id", (c) => {
      const id = c.req.param("id");
      const record = resource.collection.get(id);
      if (record === undefined || !visible(c, resource, record)) return notFound(c, resource, id);
      const refused = guard?.(c, record);
      if (refused !== undefined) return refused;
      resource.collection.delete(id);
      after?.(record);
      return c.body(null, 204);
    });
  };
  const ownedByNeutron = (port: ResourceRecord): boolean => String(port["device_owner"]).startsWith("network:dhcp");
  deleteRoute(
    resources.networks,
    (c, network) => {
      const inUse = [...ports.values()].some((p) => p["network_id"] === network.id && !ownedByNeutron(p));
      return inUse
        ? conflict(
            c,
            "NetworkInUse",
            `Unable to complete operation on network ${network.id}. There are one or more ports still in use on the network.`,
          )
        : undefined;
    },
    (network) => {
      for (const p of [...ports.values()]) if (p["network_id"] === network.id) ports.delete(p.id);
      for (const s of [...subnets.values()]) if (s["network_id"] === network.id) subnets.delete(s.id);
    },
  );
  deleteRoute(resources.subnets, (c, subnet) => {
    const inUse = [...ports.values()].some(
      (p) =>
        !ownedByNeutron(p) &&
        ((p["fixed_ips"] as { subnet_id: string }[] | undefined) ?? []).some((ip) => ip.subnet_id === subnet.id),
    );
    return inUse
      ? conflict(
          c,
          "SubnetInUse",
          `Unable to complete operation on subnet ${subnet.id}: One or more ports have an IP allocation from this subnet.`,
        )
      : undefined;
  });
  deleteRoute(
    resources.ports,
    (c, port) => {
      const owner = String(port["device_owner"]);
      // neutron/db/l3_db.py prevent_l3_port_deletion
      if (
        owner === "network:router_interface" ||
        owner === "network:router_gateway" ||
        owner === "network:floatingip"
      ) {
        return conflict(
          c,
          "ServicePortInUse",
          `Port ${port.id} cannot be deleted directly via the port API: has device owner ${owner}.`,
        );
      }
      return undefined;
    },
    (port) => {
      for (const fip of floatingips.values()) {
        if (fip["port_id"] === port.id)
          floatingips.update(fip.id, {
            port_id: null,
            fixed_ip_address: null,
            router_id: null,
            status: "DOWN",
            updated_at: now(),
          });
      }
    },
  );
  deleteRoute(
    resources.routers,
    (c, router) => {
      const inUse = [...ports.values()].some(
        (p) => p["device_id"] === router.id && p["device_owner"] === "network:router_interface",
      );
      return inUse ? conflict(c, "RouterInUse", `Router ${router.id} still has ports`) : undefined;
    },
    (router) => {
      for (const p of [...ports.values()]) if (p["device_id"] === router.id) ports.delete(p.id);
    },
  );
  deleteRoute(resources.floatingips);
  deleteRoute(
    resources["security-groups"],
    (c, group) => {
      if (group["name"] === "default" && !caller(c).isAdmin) {
        return conflict(
          c,
          "SecurityGroupCannotRemoveDefault",
          "Insufficient rights for removing default security group.",
        );
      }
      const inUse = [...ports.values()].some((p) =>
        ((p["security_groups"] as string[] | undefined) ?? []).includes(group.id),
      );
      return inUse ? conflict(c, "SecurityGroupInUse", `Security Group ${group.id} in use.`) : undefined;
    },
    (group) => {
      for (const r of [...rules.values()]) if (r["security_group_id"] === group.id) rules.delete(r.id);
    },
  );
  deleteRoute(resources["security-group-rules"]);
  deleteRoute(resources["rbac-policies"]);

  // Router interfaces: neutron/db/l3_db.py add_router_interface / remove_router_interface.
  const interfaceInfo = (router: ResourceRecord, port: ResourceRecord): Record<string, unknown> => {
    const subnetIds = ((port["fixed_ips"] as { subnet_id: string }[] | undefined) ?? []).map((ip) => ip.subnet_id);
    return {
      id: router.id,
      tenant_id: router["project_id"],
      project_id: router["project_id"],
      port_id: port.id,
      network_id: port["network_id"],
      subnet_id: subnetIds[0] ?? null,
      subnet_ids: subnetIds,
    };
  };
  const routerOf = (c: Context<FakeEnv>): ResourceRecord | undefined => {
    const router = routers.get(c.req.param("id") ?? "");
    return router !== undefined && visible(c, resources.routers, router) ? router : undefined;
  };
  routesOf("routers").put("/:id/add_router_interface", async (c) => {
    const router = routerOf(c);
    if (router === undefined) return notFound(c, resources.routers, c.req.param("id"));
    const body = (await jsonBody(c)) as Record<string, unknown> | undefined;
    const subnetId = body?.["subnet_id"];
    const portId = body?.["port_id"];
    if ((subnetId === undefined) === (portId === undefined)) {
      return errorResponse(c, 400, "Bad router request: Either subnet_id or port_id must be specified.", {
        type: "BadRequest",
      });
    }
    let port: ResourceRecord;
    if (typeof portId === "string") {
      const existing = ports.get(portId);
      if (existing === undefined || !visible(c, resources.ports, existing)) return notFound(c, resources.ports, portId);
      if (existing["device_id"] !== "") {
        return conflict(
          c,
          "PortInUse",
          `Unable to complete operation on port ${portId} for network ${String(existing["network_id"])}. Port already has an attached device ${String(existing["device_id"])}.`,
        );
      }
      ports.update(portId, {
        device_id: router.id,
        device_owner: "network:router_interface",
        status: "ACTIVE",
        updated_at: now(),
      });
      port = existing;
    } else {
      const subnet = subnets.get(String(subnetId));
      if (subnet === undefined || !visible(c, resources.subnets, subnet))
        return notFound(c, resources.subnets, String(subnetId));
      const taken = [...ports.values()].some(
        (p) =>
          p["device_id"] === router.id &&
          ((p["fixed_ips"] as { subnet_id: string }[] | undefined) ?? []).some((ip) => ip.subnet_id === subnet.id),
      );
      if (taken) {
        return errorResponse(c, 400, `Bad router request: Router already has a port on subnet ${subnet.id}.`, {
          type: "BadRequest",
        });
      }
      port = portSeeder.build(
        {
          id: newUuid(),
          network_id: subnet["network_id"],
          project_id: router["project_id"],
          device_id: router.id,
          device_owner: "network:router_interface",
          fixed_ips: [{ subnet_id: subnet.id, ip_address: subnet["gateway_ip"] ?? allocateIp(subnet, ports.values()) }],
        },
        seedContext(c),
      );
      ports.insert(port);
    }
    return jsonResponse(c, interfaceInfo(router, port));
  });
  routesOf("routers").put("/:id/remove_router_interface", async (c) => {
    const router = routerOf(c);
    if (router === undefined) return notFound(c, resources.routers, c.req.param("id"));
    const body = (await jsonBody(c)) as Record<string, unknown> | undefined;
    const subnetId = body?.["subnet_id"];
    const portId = body?.["port_id"];
    const interfaces = [...ports.values()].filter(
      (p) => p["device_id"] === router.id && p["device_owner"] === "network:router_interface",
    );
    let port: ResourceRecord | undefined;
    if (typeof portId === "string") {
      port = interfaces.find((p) => p.id === portId);
      if (port === undefined) {
        return errorResponse(c, 404, `Router ${router.id} does not have an interface with id ${portId}`, {
          type: "RouterInterfaceNotFound",
        });
      }
    } else if (typeof subnetId === "string") {
      port = interfaces.find((p) =>
        ((p["fixed_ips"] as { subnet_id: string }[] | undefined) ?? []).some((ip) => ip.subnet_id === subnetId),
      );
      if (port === undefined) {
        return errorResponse(c, 404, `Router ${router.id} has no interface on subnet ${subnetId}`, {
          type: "RouterInterfaceNotFoundForSubnet",
        });
      }
    } else {
      return errorResponse(c, 400, "Bad router request: Either subnet_id or port_id must be specified.", {
        type: "BadRequest",
      });
    }
    ports.delete(port.id);
    return jsonResponse(c, interfaceInfo(router, port));
  });
  return apps;
}
