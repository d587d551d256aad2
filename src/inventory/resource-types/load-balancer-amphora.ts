// Octavia amphorae (admin only: a 403 means "no amphora checks", never "no amphorae"). They belong to the service project.
import type { ResourceType } from "../resource-type.ts";

export const loadBalancerAmphora: ResourceType = {
  id: "load-balancer.amphora",
  service: "load-balancer",
  list: {
    kind: "paged",
    path: "/v2/octavia/amphorae",
    resourcesKey: "amphorae",
    query: {},
    pageSize: "max",
    sendFields: true,
  },
  fields: [
    "id",
    "loadbalancer_id",
    "compute_id",
    "status",
    "role",
    "lb_network_ip",
    "ha_ip",
    "image_id",
    "compute_flavor",
    "cert_expiration",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: null,
  nameField: null,
  show: { path: "/v2/octavia/amphorae/{id}" },
  references: [
    // A DELETED amphora keeps the ids of what it once used; only live ones can point at something missing.
    { path: "compute_id", target: "compute.server", when: [{ field: "status", notEquals: ["DELETED"] }] },
    {
      path: "loadbalancer_id",
      target: "load-balancer.loadbalancer",
      when: [{ field: "status", notEquals: ["DELETED"] }],
    },
  ],
};
