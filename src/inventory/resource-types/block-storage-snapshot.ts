// Cinder volume snapshots of every project.
import type { ResourceType } from "../resource-type.ts";

export const blockStorageSnapshot: ResourceType = {
  id: "block-storage.snapshot",
  service: "block-storage",
  list: {
    kind: "paged",
    path: "/snapshots/detail",
    resourcesKey: "snapshots",
    query: { all_tenants: 1 },
    microversion: "3.70",
    pageSize: "max",
    sendFields: false,
    ownerQuery: "project_id",
  },
  fields: [
    "id",
    "name",
    "status",
    "volume_id",
    "size",
    "metadata",
    "created_at",
    "updated_at",
    "os-extended-snapshot-attributes:project_id",
    "os-extended-snapshot-attributes:progress",
  ],
  idFields: ["id"],
  ownerField: "os-extended-snapshot-attributes:project_id",
  nameField: "name",
  show: { path: "/snapshots/{id}", microversion: "3.70" },
  // A volume Cinder lost with its snapshots left behind (a soft-deleted row): checks/snapshot-volume-missing.
  references: [{ path: "volume_id", target: "block-storage.volume" }],
  holds: { gib: "size" },
  horizonPath: "/admin/snapshots/{id}/",
};
