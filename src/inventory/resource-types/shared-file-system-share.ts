// Manila shares of every project. The share view has no `updated_at`: only `created_at` dates a share.
import type { ResourceType } from "../resource-type.ts";

export const sharedFileSystemShare: ResourceType = {
  id: "shared-file-system.share",
  service: "shared-file-system",
  list: {
    kind: "paged",
    path: "/shares/detail",
    resourcesKey: "shares",
    query: { all_tenants: 1 },
    microversion: "2.73",
    pageSize: "max",
    sendFields: false,
    // Manila pages by offset; its next links name a marker it ignores (the same page again).
    offsetPaging: true,
    ownerQuery: "project_id",
  },
  fields: [
    "id",
    "name",
    "status",
    "size",
    "share_proto",
    "share_type_name",
    "share_network_id",
    "snapshot_id",
    "has_replicas",
    "replication_type",
    "task_state",
    "host",
    "metadata",
    "is_soft_deleted",
    "created_at",
    "project_id",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/shares/{id}", microversion: "2.73" },
  references: [],
  holds: { gib: "size" },
  horizonPath: "/admin/shares/{id}/",
};
