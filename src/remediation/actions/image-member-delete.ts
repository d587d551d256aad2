// image.member-delete: stops sharing an image with a project (Glance image members); done when Glance no longer
// shows the member.
import { deleteAction } from "../define-action.ts";

export const imageMemberDelete = deleteAction({
  id: "image.member-delete",
  resourceType: "image.member",
  destructive: true,
  command: "openstack image remove project {image_id} {member_id}",
  targetId: (_resourceId, params) => `${String(params["image_id"] ?? "")}/${String(params["member_id"] ?? "")}`,
  request: { method: "DELETE", path: "/v2/images/{image_id}/members/{member_id}" },
});
