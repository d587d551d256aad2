// Manila share replicas. An admin is shown every project's without asking (manila/db share_replicas_get_all filters
// by project only for others); a replica names no owner: it is its share's.
import type { ResourceType } from "../resource-type.ts";

export const sharedFileSystemShareReplica: ResourceType = {
  id: "shared-file-system.share-replica",
  service: "shared-file-system",
  list: {
    kind: "paged",
    path: "/share-replicas/detail",
    resourcesKey: "share_replicas",
    query: {},
    microversion: "2.73",
    pageSize: "max",
    sendFields: false,
    // Manila pages replicas by offset; its next links (share_replica_links) name a marker it ignores.
    offsetPaging: true,
  },
  fields: ["id", "share_id", "status", "replica_state", "share_network_id", "host", "created_at", "updated_at"],
  idFields: ["id"],
  ownerField: null,
  ownerThrough: { field: "share_id", type: "shared-file-system.share" },
  nameField: null,
  show: { path: "/share-replicas/{id}", microversion: "2.73" },
  references: [{ path: "share_id", target: "shared-file-system.share" }],
};
