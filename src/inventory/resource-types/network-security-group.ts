// Neutron security groups of every project, without their rules (listed separately, so `fields=` keeps this small).
import type { ResourceType } from "../resource-type.ts";

export const networkSecurityGroup: ResourceType = {
  id: "network.security-group",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/security-groups",
    resourcesKey: "security_groups",
    query: {},
    pageSize: "max",
    sendFields: true,
  },
  fields: ["id", "name", "project_id", "stateful", "description", "tags", "created_at", "updated_at"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2.0/security-groups/{id}" },
  references: [],
};
