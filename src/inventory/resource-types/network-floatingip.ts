// Neutron floating IPs of every project; an IP with no `port_id` is allocated but unused.
import type { ResourceType } from "../resource-type.ts";

export const networkFloatingip: ResourceType = {
  id: "network.floatingip",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/floatingips",
    resourcesKey: "floatingips",
    query: {},
    pageSize: "max",
    sendFields: true,
  },
  fields: [
    "id",
    "floating_ip_address",
    "project_id",
    "port_id",
    "router_id",
    "fixed_ip_address",
    "floating_network_id",
    "status",
    "description",
    "tags",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "floating_ip_address",
  show: { path: "/v2.0/floatingips/{id}" },
  references: [],
  horizonPath: "/admin/floating_ips/{id}/detail",
};
