// Neutron security group rules of every project; rules have no name.
import type { ResourceType } from "../resource-type.ts";

export const networkSecurityGroupRule: ResourceType = {
  id: "network.security-group-rule",
  service: "network",
  // An admin sees every project's records without a flag; `fields=` keeps the answers small.
  list: {
    kind: "paged",
    path: "/v2.0/security-group-rules",
    resourcesKey: "security_group_rules",
    query: {},
    pageSize: "max",
    sendFields: true,
    // No ownerQuery: as for security groups, a listing filtered by a project id may make Neutron create that
    // project's `default` group (and its rules) again; a project scan filters these records itself.
  },
  fields: [
    "id",
    "project_id",
    "security_group_id",
    "direction",
    "ethertype",
    "protocol",
    "port_range_min",
    "port_range_max",
    "remote_ip_prefix",
    "remote_group_id",
    "remote_address_group_id",
    "description",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
  show: { path: "/v2.0/security-group-rules/{id}" },
  // Groups and rules are listed apart: a group created in between is absent from the listing, and its lookup says so.
  references: [{ path: "remote_group_id", target: "network.security-group" }],
};
