// Cinder volumes of every project, with their attachments (each names the server it is attached to).
import type { ResourceType } from "../resource-type.ts";

export const blockStorageVolume: ResourceType = {
  id: "block-storage.volume",
  service: "block-storage",
  list: {
    kind: "paged",
    path: "/volumes/detail",
    resourcesKey: "volumes",
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
    "size",
    "attachments",
    "metadata",
    "created_at",
    "updated_at",
    "os-vol-tenant-attr:tenant_id",
    "os-vol-host-attr:host",
    // The volume whose name its data keeps after a migration (admin only): its RBD image is named after it.
    "os-vol-mig-status-attr:name_id",
  ],
  idFields: ["id"],
  ownerField: "os-vol-tenant-attr:tenant_id",
  nameField: "name",
  show: { path: "/volumes/{id}", microversion: "3.70" },
  references: [{ path: "attachments[].server_id", target: "compute.server" }],
  holds: { gib: "size" },
  horizonPath: "/admin/volumes/{id}/",
};
