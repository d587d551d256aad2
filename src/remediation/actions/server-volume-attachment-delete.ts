// server.volume-attachment-delete: removes from a server a volume Cinder no longer has (Nova's block device
// mapping outlived the volume); done when the server no longer lists it.
import type { LiveRecord } from "../action.ts";
import { defineAction } from "../define-action.ts";

function listsVolume(server: LiveRecord, volumeId: unknown): boolean {
  const volumes = server?.["os-extended-volumes:volumes_attached"];
  return Array.isArray(volumes) && volumes.some((v: unknown) => (v as Record<string, unknown> | null)?.["id"] === volumeId);
}

export const serverVolumeAttachmentDelete = defineAction({
  id: "server.volume-attachment-delete",
  resourceType: "compute.server",
  destructive: true,
  call: "DELETE /servers/{id}/os-volume_attachments/{volume_id}",
  precondition: (live, step) =>
    listsVolume(live, step.params["volume_id"]) ? null : `the server no longer lists volume ${String(step.params["volume_id"])}`,
  request: { method: "DELETE", path: "/servers/{id}/os-volume_attachments/{volume_id}" },
  progress: (live, step) => ({ done: live === null || !listsVolume(live, step.params["volume_id"]) }),
});
