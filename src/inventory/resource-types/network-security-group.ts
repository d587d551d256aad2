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
    // No ownerQuery: Neutron creates a project's `default` group whenever security groups are listed filtered by
    // that project's id, even after Keystone deleted it; a project scan would resurrect what it reports. A project
    // scan lists them all and keeps the project's records itself.
  },
  fields: ["id", "name", "project_id", "stateful", "description", "tags", "created_at", "updated_at"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2.0/security-groups/{id}" },
  references: [],
};
