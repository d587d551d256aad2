// Placement resource providers (compute nodes and their nested providers); placement does not paginate.
import type { ResourceType } from "../resource-type.ts";

export const placementResourceProvider: ResourceType = {
  id: "placement.resource-provider",
  service: "placement",
  list: {
    kind: "paged",
    path: "/resource_providers",
    resourcesKey: "resource_providers",
    query: {},
    microversion: "1.39",
    pageSize: null,
    sendFields: false,
  },
  fields: ["uuid", "name", "generation", "parent_provider_uuid", "root_provider_uuid"],
  idFields: ["uuid"],
  ownerField: null,
  nameField: "name",
  show: { path: "/resource_providers/{id}", microversion: "1.39" },
  references: [],
};
