// Neutron networks of every project. Shared and external networks may have an empty owner.
import type { ResourceType } from "../resource-type.ts";

export const networkNetwork: ResourceType = {
  id: "network.network",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/networks",
    resourcesKey: "networks",
    query: {},
    pageSize: "max",
    sendFields: true,
  },
  fields: [
    "id",
    "name",
    "project_id",
    "status",
    "shared",
    "router:external",
    "admin_state_up",
    "tags",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2.0/networks/{id}" },
  references: [],
  horizonPath: "/admin/networks/{id}/detail",
};
