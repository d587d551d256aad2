// Cinder backups of every project; the owner field appears from microversion 3.18.
import type { ResourceType } from "../resource-type.ts";

export const blockStorageBackup: ResourceType = {
  id: "block-storage.backup",
  service: "block-storage",
  list: {
    kind: "paged",
    path: "/backups/detail",
    resourcesKey: "backups",
    query: { all_tenants: 1 },
    microversion: "3.70",
    pageSize: "max",
    sendFields: false,
  },
  fields: [
    "id",
    "name",
    "status",
    "volume_id",
    "snapshot_id",
    "size",
    "is_incremental",
    "fail_reason",
    // The Ceph backup driver writes its pool here (cinder/backup/drivers/ceph.py).
    "container",
    "created_at",
    "updated_at",
    "os-backup-project-attr:project_id",
  ],
  idFields: ["id"],
  ownerField: "os-backup-project-attr:project_id",
  nameField: "name",
  show: { path: "/backups/{id}", microversion: "3.70" },
  references: [],
  holds: { gib: "size" },
};
