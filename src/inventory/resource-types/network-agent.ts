// Neutron agents with their liveness and heartbeat (none on OVN-only clouds, where the list is simply empty).
import type { ResourceType } from "../resource-type.ts";

export const networkAgent: ResourceType = {
  id: "network.agent",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/agents",
    resourcesKey: "agents",
    query: {},
    pageSize: null,
    sendFields: true,
  },
  fields: [
    "id",
    "agent_type",
    "binary",
    "host",
    "alive",
    "admin_state_up",
    "availability_zone",
    "heartbeat_timestamp",
    "started_at",
    "created_at",
  ],
  idFields: ["id"],
  ownerField: null,
  nameField: "host",
  show: null,
  references: [],
  heartbeat: { timeField: "heartbeat_timestamp", labelFields: ["binary", "host"] },
};
