// attachment.delete: deletes one Cinder attachment (attachments API, microversion 3.27); Cinder frees the volume
// when its last attachment goes. The finding is about the volume; the call acts on the attachment.
import { deleteAction } from "../define-action.ts";
import { listsAttachment } from "../lists-attachment.ts";

export const attachmentDelete = deleteAction({
  id: "attachment.delete",
  resourceType: "block-storage.attachment",
  destructive: true,
  command: "openstack --os-volume-api-version 3.27 volume attachment delete {attachment_id}",
  targetId: (_volumeId, params) => String(params["attachment_id"] ?? ""),
  precondition: (live, step) =>
    listsAttachment(live, step.params["attachment_id"])
      ? null
      : `the volume no longer lists attachment ${String(step.params["attachment_id"])}`,
  request: { method: "DELETE", path: "/attachments/{id}", microversion: "3.27" },
});
