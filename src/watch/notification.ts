// Keystone's notifications as they arrive from RabbitMQ: the oslo.messaging 2.0 envelope around a JSON string, and
// inside it either payload format Keystone has (`basic`: the id in `resource_info`; `cadf`: in `target.id`). Only a
// successful `identity.project.deleted` matters here; any other event is ignored, and a body that is not what
// oslo.messaging sends is a poison message.

import * as z from "zod";

export const PROJECT_DELETED = "identity.project.deleted";

export type Notification =
  | {
      kind: "project-deleted";
      projectId: string;
      /** When Keystone published it (oslo's `timestamp`, UTC), as ISO 8601. */
      deletedAt: string;
      messageId: string;
      format: "basic" | "cadf";
      publisherId: string;
    }
  | { kind: "ignored"; eventType: string; reason: string };

/** A message no retry can make readable: logged, acknowledged and counted, never retried. */
export class PoisonMessageError extends Error {
  override readonly name = "PoisonMessageError";
}

const envelopeSchema = z.object({ "oslo.version": z.string(), "oslo.message": z.string() });

const messageSchema = z.object({
  message_id: z.string().min(1),
  publisher_id: z.string(),
  event_type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  // "2026-12-03 09:08:11.755897": oslo_utils.timeutils.utcnow() without a zone.
  timestamp: z.string().regex(/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?$/, "expected oslo's UTC timestamp"),
});

/** Keystone's project ids: 32 hex digits (uuid4().hex), or any id an operator gave at creation; never empty. */
const projectIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "expected a project id");

export function parseNotification(body: Buffer | string): Notification {
  const text = typeof body === "string" ? body : body.toString("utf8");
  const envelope = envelopeSchema.safeParse(parseJson(text, "the body"));
  if (!envelope.success) throw new PoisonMessageError("not an oslo.messaging envelope (oslo.version, oslo.message)");
  const version = envelope.data["oslo.version"];
  // oslo.messaging bumps the major version only for incompatible envelopes.
  if (!version.startsWith("2.")) throw new PoisonMessageError(`unsupported oslo.version "${version}"`);
  const message = messageSchema.safeParse(parseJson(envelope.data["oslo.message"], "oslo.message"));
  if (!message.success) {
    const issue = message.error.issues[0];
    throw new PoisonMessageError(`oslo.message: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const { event_type: eventType, payload } = message.data;
  if (eventType !== PROJECT_DELETED) return { kind: "ignored", eventType, reason: "not a project deletion" };
  const cadf = typeof payload.typeURI === "string" && payload.typeURI.includes("cloud/audit");
  // A CADF event records failed attempts too; only a done deletion leaves orphans.
  if (cadf && payload.outcome !== "success")
    return { kind: "ignored", eventType, reason: `CADF outcome "${String(payload.outcome)}"` };
  const target = cadf ? (payload.target as { id?: unknown } | undefined)?.id : payload.resource_info;
  const projectId = projectIdSchema.safeParse(target);
  if (!projectId.success) {
    throw new PoisonMessageError(
      `${PROJECT_DELETED} without a project id in ${cadf ? "payload.target.id" : "payload.resource_info"}`,
    );
  }
  const deletedAt = new Date(`${message.data.timestamp.replace(" ", "T")}Z`);
  if (Number.isNaN(deletedAt.getTime()))
    throw new PoisonMessageError(`timestamp "${message.data.timestamp}" is no time`);
  return {
    kind: "project-deleted",
    projectId: projectId.data,
    deletedAt: deletedAt.toISOString(),
    messageId: message.data.message_id,
    format: cadf ? "cadf" : "basic",
    publisherId: message.data.publisher_id,
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PoisonMessageError(`${what} is not JSON`);
  }
}
