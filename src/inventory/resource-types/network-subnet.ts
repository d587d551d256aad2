// Neutron subnets of every project.
import type { ResourceType } from "../resource-type.ts";

export const networkSubnet: ResourceType = {
  id: "network.subnet",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/subnets",
    resourcesKey: "subnets",
    query: {},
    pageSize: "max",
    sendFields: true,
  },
  fields: ["id", "name", "project_id", "network_id", "cidr", "ip_version", "tags", "created_at", "updated_at"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2.0/subnets/{id}" },
  references: [],
  horizonPath: "/admin/networks/subnets/{id}/detail",
};
