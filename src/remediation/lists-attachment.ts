// Whether a live volume still lists an attachment: the precondition and the result of the detach actions.
import type { LiveRecord } from "./action.ts";

export function listsAttachment(volume: LiveRecord, attachmentId: unknown): boolean {
  const attachments = volume?.["attachments"];
  if (!Array.isArray(attachments)) return false;
  return attachments.some(
    (a: unknown) =>
      a !== null && typeof a === "object" && (a as Record<string, unknown>)["attachment_id"] === attachmentId,
  );
}
