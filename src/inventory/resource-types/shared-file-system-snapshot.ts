// Manila share snapshots of every project (their owner since microversion 2.17).
import type { ResourceType } from "../resource-type.ts";

export const sharedFileSystemSnapshot: ResourceType = {
  id: "shared-file-system.snapshot",
  service: "shared-file-system",
  list: {
    kind: "paged",
    path: "/snapshots/detail",
    resourcesKey: "snapshots",
    query: { all_tenants: 1 },
    microversion: "2.73",
    pageSize: "max",
    sendFields: false,
    // Manila pages by offset; its next links name a marker it ignores (the same page again).
    offsetPaging: true,
    ownerQuery: "project_id",
  },
  fields: ["id", "name", "status", "share_id", "size", "share_size", "created_at", "project_id"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/snapshots/{id}", microversion: "2.73" },
  references: [],
  holds: { gib: "size" },
  horizonPath: "/admin/share_snapshots/{id}/",
};
