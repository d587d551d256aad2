// Placement allocations, one call per resource provider. The answer is an object keyed by consumer uuid and names
// no project, so a record is one consumer's resources on one provider. A record is named by its consumer, as
// `openstack resource provider allocation show <consumer>` and `DELETE /allocations/{consumer}` name it: a
// consumer's records on several providers share that id.
import type { ResourceType } from "../resource-type.ts";

export const placementAllocation: ResourceType = {
  id: "placement.allocation",
  service: "placement",
  list: {
    kind: "per-parent",
    parent: "placement.resource-provider",
    parentIdField: "uuid",
    path: "/resource_providers/{parent}/allocations",
    resourcesKey: "allocations",
    shape: "map",
    mapKeyField: "consumer_uuid",
    parentField: "resource_provider_uuid",
    microversion: "1.39",
  },
  fields: ["consumer_uuid", "resource_provider_uuid", "resources", "consumer_generation"],
  idFields: ["consumer_uuid"],
  ownerField: null,
  nameField: null,
  show: null,
  // A consumer is usually a server; one that is not (a migration) is confirmed missing here and told apart by the check.
  references: [{ path: "consumer_uuid", target: "compute.server" }],
};
