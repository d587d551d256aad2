// Seeders of Neutron's records with the attributes `GET /v2.0/<resources>` shows (ML2/OVS, Zed). `tenant_id`
// always mirrors `project_id`, as Neutron fills both; an empty `project_id` is allowed (shared external networks
// created by an operator, router gateway ports).

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { SeedContext, Seeder } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";

function owner(partial: ResourceRecord, ctx: SeedContext): string {
  const value = partial["project_id"] ?? partial["tenant_id"] ?? ctx.adminProjectId;
  if (typeof value !== "string") {
    throw new InvalidFieldError("project_id", `expected a project id or "", got ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf(partial: ResourceRecord, field: string, allowed: readonly string[], fallback: string): string {
  const value = partial[field] ?? fallback;
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new InvalidFieldError(field, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function requireId(partial: ResourceRecord, field: string, what: string): string {
  const value = partial[field];
  if (typeof value !== "string" || value === "") throw new InvalidFieldError(field, `expected the id of ${what}`);
  return value;
}

/** Builds a seeder: defaults, then the partial, then the fields every Neutron record has. */
function neutronSeeder(
  defaults: (partial: ResourceRecord, ctx: SeedContext) => Record<string, unknown>,
  options: { owned?: boolean } = {},
): Seeder {
  return {
    timeFormat: "iso-z",
    build(partial, ctx) {
      const created = typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-z");
      const common: Record<string, unknown> = { created_at: created, updated_at: created, revision_number: 1 };
      if (options.owned !== false) {
        const project = owner(partial, ctx);
        common["project_id"] = project;
        common["tenant_id"] = project;
      }
      const record: ResourceRecord = { ...defaults(partial, ctx), ...common, ...partial, id: partial.id };
      if (options.owned !== false) record["tenant_id"] = record["project_id"];
      if (typeof partial["updated_at"] !== "string") record["updated_at"] = record["created_at"];
      return record;
    },
  };
}

const NETWORK_STATUSES = ["ACTIVE", "DOWN", "BUILD", "ERROR"];
const PORT_STATUSES = ["ACTIVE", "DOWN", "BUILD", "ERROR", "N/A"];

export const networkSeeder = neutronSeeder((partial) => ({
  name: "",
  description: "",
  status: oneOf(partial, "status", NETWORK_STATUSES, "ACTIVE"),
  admin_state_up: true,
  shared: false,
  "router:external": false,
  mtu: 1450,
  "provider:network_type": partial["router:external"] === true ? "flat" : "vxlan",
  "provider:physical_network": partial["router:external"] === true ? "public" : null,
  "provider:segmentation_id": partial["router:external"] === true ? null : 1000,
  availability_zone_hints: [],
  availability_zones: ["nova"],
  ipv4_address_scope: null,
  ipv6_address_scope: null,
  port_security_enabled: true,
  is_default: false,
  l2_adjacency: true,
  qos_policy_id: null,
  dns_domain: "",
  tags: [],
}));

export const subnetSeeder = neutronSeeder((partial) => {
  requireId(partial, "network_id", "a network");
  const ipVersion = partial["ip_version"] ?? 4;
  if (ipVersion !== 4 && ipVersion !== 6) throw new InvalidFieldError("ip_version", "expected 4 or 6");
  const cidr = typeof partial["cidr"] === "string" ? partial["cidr"] : ipVersion === 4 ? "10.0.0.0/24" : "fd00::/64";
  const base = cidr.split("/")[0] ?? "";
  const gateway = ipVersion === 4 ? base.replace(/\.0$/, ".1") : `${base}1`;
  return {
    name: "",
    description: "",
    ip_version: ipVersion,
    cidr,
    gateway_ip: gateway,
    allocation_pools: ipVersion === 4 ? [{ start: base.replace(/\.0$/, ".2"), end: base.replace(/\.0$/, ".254") }] : [],
    enable_dhcp: true,
    dns_nameservers: [],
    host_routes: [],
    ipv6_address_mode: null,
    ipv6_ra_mode: null,
    service_types: [],
    subnetpool_id: null,
    segment_id: null,
    dns_publish_fixed_ip: false,
    tags: [],
  };
});

export const portSeeder = neutronSeeder((partial) => {
  requireId(partial, "network_id", "a network");
  const deviceOwner = typeof partial["device_owner"] === "string" ? partial["device_owner"] : "";
  const bound = deviceOwner.startsWith("compute:") || deviceOwner.startsWith("network:");
  const mac = `fa:16:3e:${partial.id.slice(0, 2)}:${partial.id.slice(2, 4)}:${partial.id.slice(4, 6)}`;
  return {
    name: "",
    description: "",
    status: oneOf(partial, "status", PORT_STATUSES, bound ? "ACTIVE" : "DOWN"),
    admin_state_up: true,
    mac_address: mac,
    fixed_ips: [],
    device_id: "",
    device_owner: "",
    allowed_address_pairs: [],
    extra_dhcp_opts: [],
    security_groups: [],
    port_security_enabled: true,
    "binding:host_id": bound ? "compute-1" : "",
    "binding:profile": {},
    "binding:vif_details": bound ? { port_filter: true, connectivity: "l2", bridge_name: "br-int" } : {},
    "binding:vif_type": bound ? "ovs" : "unbound",
    "binding:vnic_type": "normal",
    dns_name: "",
    dns_assignment: [],
    qos_policy_id: null,
    qos_network_policy_id: null,
    propagate_uplink_status: false,
    tags: [],
  };
});

export const routerSeeder = neutronSeeder((partial) => ({
  name: "",
  description: "",
  status: oneOf(partial, "status", NETWORK_STATUSES, "ACTIVE"),
  admin_state_up: true,
  external_gateway_info: null,
  distributed: false,
  ha: false,
  flavor_id: null,
  availability_zone_hints: [],
  availability_zones: ["nova"],
  routes: [],
  tags: [],
}));

export const floatingipSeeder = neutronSeeder((partial) => {
  requireId(partial, "floating_network_id", "an external network");
  const associated = typeof partial["port_id"] === "string";
  return {
    description: "",
    floating_ip_address: "203.0.113.10",
    fixed_ip_address: null,
    port_id: null,
    router_id: null,
    status: oneOf(partial, "status", NETWORK_STATUSES, associated ? "ACTIVE" : "DOWN"),
    port_details: null,
    port_forwardings: [],
    qos_policy_id: null,
    dns_domain: "",
    dns_name: "",
    tags: [],
  };
});

export const securityGroupSeeder = neutronSeeder(() => ({
  name: "default",
  description: "",
  stateful: true,
  shared: false,
  tags: [],
}));

export const securityGroupRuleSeeder = neutronSeeder((partial) => {
  requireId(partial, "security_group_id", "a security group");
  const direction = oneOf(partial, "direction", ["ingress", "egress"], "ingress");
  const ethertype = oneOf(partial, "ethertype", ["IPv4", "IPv6"], "IPv4");
  for (const field of ["port_range_min", "port_range_max"]) {
    const value = partial[field];
    if (value !== undefined && value !== null && (typeof value !== "number" || value < 0 || value > 65535)) {
      throw new InvalidFieldError(field, `expected a port number 0-65535 or null, got ${JSON.stringify(value)}`);
    }
  }
  return {
    description: "",
    direction,
    ethertype,
    protocol: null,
    port_range_min: null,
    port_range_max: null,
    remote_ip_prefix: null,
    remote_group_id: null,
    remote_address_group_id: null,
    normalized_cidr: typeof partial["remote_ip_prefix"] === "string" ? partial["remote_ip_prefix"] : null,
    belongs_to_default_sg: false,
    tags: [],
  };
});

export const rbacPolicySeeder = neutronSeeder((partial) => {
  requireId(partial, "object_id", "the shared object (a network)");
  requireId(partial, "target_tenant", 'a project, or "*"');
  return {
    object_type: oneOf(
      partial,
      "object_type",
      ["network", "qos_policy", "security_group", "address_scope", "subnetpool", "address_group"],
      "network",
    ),
    action: oneOf(partial, "action", ["access_as_shared", "access_as_external"], "access_as_shared"),
  };
});

/**
 * A Neutron agent. It heartbeats while fakecloud runs unless the scenario sets `alive: false` or a
 * `heartbeat_timestamp` (in the future: clock skew). Agents have no owner.
 */
export const agentSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial, ctx) {
    const alive = partial["alive"];
    if (alive !== undefined && typeof alive !== "boolean")
      throw new InvalidFieldError("alive", "expected true or false");
    const heartbeat = alive !== false && partial["heartbeat_timestamp"] === undefined;
    const started = formatTime(new Date(ctx.now.getTime() - 86_400_000), "iso-z");
    const { alive: _alive, ...rest } = partial;
    return {
      agent_type: "Open vSwitch agent",
      binary: "neutron-openvswitch-agent",
      host: "compute-1",
      topic: "N/A",
      admin_state_up: true,
      availability_zone: null,
      description: null,
      configurations: {},
      resources_synced: null,
      created_at: started,
      started_at: started,
      heartbeat_timestamp: heartbeat ? null : formatTime(new Date(ctx.now.getTime() - 10 * 60_000), "iso-z"),
      "fakecloud:heartbeat": heartbeat,
      ...rest,
    };
  },
};
