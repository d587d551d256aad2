// Neutron routers of every project.
import type { ResourceType } from "../resource-type.ts";

export const networkRouter: ResourceType = {
  id: "network.router",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/routers",
    resourcesKey: "routers",
    query: {},
    pageSize: "max",
    sendFields: true,
  },
  fields: [
    "id",
    "name",
    "project_id",
    "status",
    "admin_state_up",
    "external_gateway_info",
    "tags",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2.0/routers/{id}" },
  references: [],
  horizonPath: "/admin/routers/{id}/",
};
