// volume.force-detach: Cinder's admin `os-force_detach` of one attachment (the older way, when the attachments API
// is unavailable); done when the volume no longer lists the attachment.
import { defineAction } from "../define-action.ts";
import { listsAttachment } from "../lists-attachment.ts";

export const volumeForceDetach = defineAction({
  id: "volume.force-detach",
  resourceType: "block-storage.volume",
  destructive: true,
  precondition: (live, step) =>
    listsAttachment(live, step.params["attachment_id"])
      ? null
      : `the volume no longer lists attachment ${String(step.params["attachment_id"])}`,
  request: {
    method: "POST",
    path: "/volumes/{id}/action",
    body: (step) => ({ "os-force_detach": { attachment_id: step.params["attachment_id"] } }),
  },
  progress: (live, step) => ({ done: live === null || !listsAttachment(live, step.params["attachment_id"]) }),
});
