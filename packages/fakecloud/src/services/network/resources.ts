// The Neutron resources fakecloud serves, declared once: URL segment, body keys, NotFound wording
// (neutron_lib/exceptions), who besides the owner sees them, and computed attributes.

import type { CloudState } from "../../state/cloud-state.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import type { NeutronResource } from "./neutron-listing.ts";

export type NeutronResources = Record<
  | "networks"
  | "subnets"
  | "ports"
  | "routers"
  | "floatingips"
  | "security-groups"
  | "security-group-rules"
  | "rbac-policies"
  | "agents",
  NeutronResource
>;

export function neutronResources(state: CloudState): NeutronResources {
  const networks = state.collection("network.network");
  const subnets = state.collection("network.subnet");
  const rules = state.collection("network.security-group-rule");
  const sharedNetwork = (record: ResourceRecord): boolean =>
    record["shared"] === true || record["router:external"] === true;
  return {
    networks: {
      collection: networks,
      plural: "networks",
      singular: "network",
      notFound: (id) => ({ type: "NetworkNotFound", message: `Network ${id} could not be found.` }),
      alsoVisible: sharedNetwork,
      decorate: {
        fields: ["subnets"],
        apply: (records) => {
          const byNetwork = subnets.groupedBy("network_id", (subnet) => String(subnet["network_id"]));
          return records.map((record) => ({
            ...record,
            subnets: byNetwork.get(record.id)?.map((subnet) => subnet.id) ?? [],
          }));
        },
      },
    },
    subnets: {
      collection: subnets,
      plural: "subnets",
      singular: "subnet",
      notFound: (id) => ({ type: "SubnetNotFound", message: `Subnet ${id} could not be found.` }),
      alsoVisible: (record) => {
        const network = networks.get(String(record["network_id"]));
        return network !== undefined && sharedNetwork(network);
      },
    },
    ports: {
      collection: state.collection("network.port"),
      plural: "ports",
      singular: "port",
      notFound: (id) => ({ type: "PortNotFound", message: `Port ${id} could not be found.` }),
    },
    routers: {
      collection: state.collection("network.router"),
      plural: "routers",
      singular: "router",
      notFound: (id) => ({ type: "RouterNotFound", message: `Router ${id} could not be found` }),
    },
    floatingips: {
      collection: state.collection("network.floatingip"),
      plural: "floatingips",
      singular: "floatingip",
      notFound: (id) => ({ type: "FloatingIPNotFound", message: `Floating IP ${id} could not be found` }),
    },
    "security-groups": {
      collection: state.collection("network.security-group"),
      plural: "security-groups",
      singular: "security_group",
      notFound: (id) => ({ type: "SecurityGroupNotFound", message: `Security group ${id} does not exist` }),
      decorate: {
        fields: ["security_group_rules"],
        apply: (records) => {
          const byGroup = rules.groupedBy("security_group_id", (rule) => String(rule["security_group_id"]));
          return records.map((record) => ({ ...record, security_group_rules: [...(byGroup.get(record.id) ?? [])] }));
        },
      },
    },
    "security-group-rules": {
      collection: rules,
      plural: "security-group-rules",
      singular: "security_group_rule",
      notFound: (id) => ({ type: "SecurityGroupRuleNotFound", message: `Security group rule ${id} does not exist` }),
    },
    "rbac-policies": {
      collection: state.collection("network.rbac-policy"),
      plural: "rbac-policies",
      singular: "rbac_policy",
      notFound: (id) => ({
        type: "RbacPolicyNotFound",
        message: `RBAC policy of type network with ID ${id} not found`,
      }),
      paginated: false,
    },
    agents: {
      collection: state.collection("network.agent"),
      plural: "agents",
      singular: "agent",
      notFound: (id) => ({ type: "AgentNotFound", message: `Agent ${id} could not be found.` }),
      adminOnly: true,
      paginated: false,
      decorate: {
        fields: ["alive", "heartbeat_timestamp", "created_at", "started_at"],
        apply: (records) => records.map(renderAgent),
      },
    },
  };
}

/** neutron's `agent_down_time` default. */
const AGENT_DOWN_TIME_MS = 75_000;

/** Agents print times as `YYYY-MM-DD HH:MM:SS` (no zone); `alive` comes from the heartbeat. */
function renderAgent(record: ResourceRecord): Record<string, unknown> {
  const agentTime = (value: unknown): unknown =>
    typeof value === "string" ? new Date(value).toISOString().slice(0, 19).replace("T", " ") : value;
  const now = Date.now();
  const heartbeat =
    record["fakecloud:heartbeat"] === true ? new Date(now).toISOString() : record["heartbeat_timestamp"];
  const beat = typeof heartbeat === "string" ? Date.parse(heartbeat) : Number.NaN;
  // neutron's is_agent_down: older than agent_down_time; a heartbeat in the future counts as alive.
  const alive = !Number.isNaN(beat) && now - beat <= AGENT_DOWN_TIME_MS;
  return {
    ...record,
    alive,
    heartbeat_timestamp: agentTime(heartbeat),
    created_at: agentTime(record["created_at"]),
    started_at: agentTime(record["started_at"]),
  };
}
