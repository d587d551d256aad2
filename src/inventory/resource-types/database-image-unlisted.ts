// Glance images in states the Image API never lists (killed; pending_delete, waiting for the scrubber), from Glance's database.
import type { ResourceType } from "../resource-type.ts";

export const databaseImageUnlisted: ResourceType = {
  id: "database.image-unlisted",
  service: "image",
  list: { kind: "deep", source: "database" },
  fields: [
    "id",
    "name",
    "status",
    "visibility",
    "owner",
    "os_hidden",
    "protected",
    "disk_format",
    "container_format",
    "size",
    "created_at",
    "updated_at",
    "deleted_at",
  ],
  idFields: ["id"],
  ownerField: "owner",
  nameField: "name",
  show: null,
  references: [],
};
