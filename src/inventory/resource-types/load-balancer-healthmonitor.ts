// Octavia health monitors of every project.
import type { ResourceType } from "../resource-type.ts";

export const loadBalancerHealthmonitor: ResourceType = {
  id: "load-balancer.healthmonitor",
  service: "load-balancer",
  // An admin lists every project's records; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2/lbaas/healthmonitors",
    resourcesKey: "healthmonitors",
    query: {},
    pageSize: "max",
    sendFields: true,
    ownerQuery: "project_id",
  },
  fields: [
    "id",
    "name",
    "project_id",
    "provisioning_status",
    "operating_status",
    "type",
    "pools",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2/lbaas/healthmonitors/{id}" },
  references: [],
};
