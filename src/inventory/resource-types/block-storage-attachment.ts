// Cinder attachment records (new attach flow, microversion 3.27+). The API shows no owner: `instance` is the server.
import type { ResourceType } from "../resource-type.ts";

export const blockStorageAttachment: ResourceType = {
  id: "block-storage.attachment",
  service: "block-storage",
  list: {
    kind: "paged",
    path: "/attachments/detail",
    resourcesKey: "attachments",
    query: { all_tenants: 1 },
    microversion: "3.70",
    pageSize: "max",
    sendFields: false,
    markerField: "id",
  },
  fields: ["id", "status", "instance", "volume_id", "attached_at", "detached_at", "attach_mode"],
  idFields: ["id"],
  ownerField: null,
  nameField: null,
  show: { path: "/attachments/{id}", microversion: "3.70" },
  references: [{ path: "instance", target: "compute.server" }],
};
