// Octavia load balancers of every project.
import type { ResourceType } from "../resource-type.ts";

export const loadBalancerLoadbalancer: ResourceType = {
  id: "load-balancer.loadbalancer",
  service: "load-balancer",
  // An admin lists every project's records; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2/lbaas/loadbalancers",
    resourcesKey: "loadbalancers",
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
    "provider",
    "vip_address",
    "vip_port_id",
    "vip_subnet_id",
    "vip_network_id",
    "flavor_id",
    "tags",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2/lbaas/loadbalancers/{id}" },
  references: [],
};
