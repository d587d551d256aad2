// Octavia L7 policies of every project.
import type { ResourceType } from "../resource-type.ts";

export const loadBalancerL7policy: ResourceType = {
  id: "load-balancer.l7policy",
  service: "load-balancer",
  // An admin lists every project's records; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2/lbaas/l7policies",
    resourcesKey: "l7policies",
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
    "action",
    "listener_id",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2/lbaas/l7policies/{id}" },
  references: [],
};
