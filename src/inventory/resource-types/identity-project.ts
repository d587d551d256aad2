// Keystone projects of every domain: the owner set that every orphan check compares against.
import type { ResourceType } from "../resource-type.ts";

export const identityProject: ResourceType = {
  id: "identity.project",
  service: "identity",
  // Keystone does not paginate: it truncates at `list_limit` and says `"truncated": true` (the session throws).
  list: { kind: "paged", path: "/projects", resourcesKey: "projects", query: {}, pageSize: null, sendFields: false },
  fields: ["id", "name", "domain_id", "parent_id", "is_domain", "enabled"],
  idFields: ["id"],
  ownerField: null,
  nameField: "name",
  show: { path: "/projects/{id}" },
  references: [],
  horizonPath: "/identity/{id}/detail/",
};
