// Neutron RBAC policies (network, QoS, security group sharing); `target_tenant` is the project a thing is shared with.
import type { ResourceType } from "../resource-type.ts";

export const networkRbacPolicy: ResourceType = {
  id: "network.rbac-policy",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/rbac-policies",
    resourcesKey: "rbac_policies",
    query: {},
    pageSize: "max",
    sendFields: true,
    ownerQuery: "project_id",
  },
  fields: ["id", "project_id", "object_type", "object_id", "action", "target_tenant"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
  show: { path: "/v2.0/rbac-policies/{id}" },
  references: [{ path: "target_tenant", target: "identity.project", ignoreValues: ["*"] }],
};
