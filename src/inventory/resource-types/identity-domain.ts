// Keystone domains, which act as projects for domain-owned resources and are hidden from the project list.
import type { ResourceType } from "../resource-type.ts";

export const identityDomain: ResourceType = {
  id: "identity.domain",
  service: "identity",
  list: { kind: "paged", path: "/domains", resourcesKey: "domains", query: {}, pageSize: null, sendFields: false },
  fields: ["id", "name", "enabled"],
  idFields: ["id"],
  ownerField: null,
  nameField: "name",
  show: { path: "/domains/{id}" },
  references: [],
};
