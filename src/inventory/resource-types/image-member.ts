// Glance image members: the projects a `shared` image is shared with, one call per shared image.
import type { ResourceType } from "../resource-type.ts";

export const imageMember: ResourceType = {
  id: "image.member",
  service: "image",
  list: {
    kind: "per-parent",
    parent: "image.image",
    // Only `shared` images can have members; asking the others would be wasted calls.
    parentFilter: [{ field: "visibility", equals: ["shared"] }],
    parentIdField: "id",
    path: "/v2/images/{parent}/members",
    resourcesKey: "members",
    shape: "list",
    parentField: "image_id",
  },
  fields: ["image_id", "member_id", "status", "created_at", "updated_at"],
  idFields: ["image_id", "member_id"],
  // The image's owner owns the membership; `member_id` is the project it is shared with.
  ownerField: null,
  nameField: null,
  show: null,
  references: [{ path: "member_id", target: "identity.project" }],
};
