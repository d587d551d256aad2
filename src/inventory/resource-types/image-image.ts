// Glance images of every project and visibility. Glance leaves `os_hidden` images out of a listing unless asked
// for them, so the collection is the union of two listings.
import type { ResourceType } from "../resource-type.ts";

export const imageImage: ResourceType = {
  id: "image.image",
  service: "image",
  list: {
    kind: "paged",
    path: "/v2/images",
    resourcesKey: "images",
    query: { visibility: "all" },
    variants: [{}, { os_hidden: true }],
    pageSize: "max",
    sendFields: false,
  },
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
    "tags",
    // Where the data is: multi-store Glance names its stores; `direct_url` (show_image_direct_url) the rbd:// location.
    "stores",
    "direct_url",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "owner",
  nameField: "name",
  show: { path: "/v2/images/{id}" },
  references: [],
  holds: { bytes: "size" },
  horizonPath: "/admin/images/{id}/detail",
};
