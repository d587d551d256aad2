// Manila share networks of every project: the Neutron network and subnet a project's share servers are plugged into.
import type { ResourceType } from "../resource-type.ts";

export const sharedFileSystemShareNetwork: ResourceType = {
  id: "shared-file-system.share-network",
  service: "shared-file-system",
  list: {
    kind: "paged",
    path: "/share-networks/detail",
    resourcesKey: "share_networks",
    query: { all_tenants: 1 },
    microversion: "2.73",
    pageSize: "max",
    sendFields: false,
    // Manila pages by offset; its next links name a marker it ignores (the same page again).
    offsetPaging: true,
    ownerQuery: "project_id",
  },
  fields: ["id", "name", "status", "share_network_subnets", "created_at", "updated_at", "project_id"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/share-networks/{id}", microversion: "2.73" },
  references: [],
  horizonPath: "/admin/share_networks/{id}/",
};
