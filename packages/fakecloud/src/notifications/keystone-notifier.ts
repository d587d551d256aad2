// Keystone's notifications as fakecloud publishes them on RabbitMQ, so the orphan manager's demo sees a deletion
// exactly as real Keystone announces it: oslo.messaging's `messagingv2` driver, the `basic` payload format, the
// non-durable topic exchange `keystone` (Keystone's control_exchange), routing key `notifications.info`.
// A failed publish is reported and never fails the API call, as oslo's notifier never fails Keystone's.

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { connect, type ChannelModel, type ConfirmChannel } from "amqplib";

export const KEYSTONE_EXCHANGE = "keystone";
/** oslo's topic `notifications` and the only priority Keystone uses, `info`. */
export const NOTIFICATIONS_ROUTING_KEY = "notifications.info";

/** Publishes Keystone's events; `close` waits for the publishes in flight. */
export interface KeystoneNotifier {
  /** `basic` format: the resource's id alone in `resource_info` (keystone/notifications.py _send_notification). */
  resourceEvent(eventType: string, resourceId: string, requestId: string): void;
  close(): Promise<void>;
}

/** oslo_utils.timeutils.utcnow() as oslo prints it: "2026-12-03 09:06:25.703262", UTC without a zone. */
function osloTimestamp(now: Date): string {
  return `${now.toISOString().slice(0, 19).replace("T", " ")}.${String(now.getUTCMilliseconds() * 1000).padStart(6, "0")}`;
}

/** The AMQP body oslo.messaging's messagingv2 driver sends: the 2.0 envelope around a JSON string. */
export function notificationBody(
  eventType: string,
  payload: Record<string, unknown>,
  now: Date = new Date(),
  publisherId = `identity.${hostname()}`,
): string {
  const message = {
    message_id: randomUUID(),
    publisher_id: publisherId,
    event_type: eventType,
    priority: "INFO",
    payload,
    timestamp: osloTimestamp(now),
    _unique_id: randomUUID().replaceAll("-", ""),
  };
  return JSON.stringify({ "oslo.version": "2.0", "oslo.message": JSON.stringify(message) });
}

export class TransportUrlError extends Error {
  override readonly name = "TransportUrlError";
}

/** oslo's `rabbit://user:pass@host:port/vhost` for one broker (a demo needs no cluster) as amqplib's options. */
export function amqpOptionsOf(transportUrl: string): { url: string; redacted: string } {
  const match = /^rabbit:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/,@]+)(?::(\d{1,5}))?\/?([^?#,]*)$/i.exec(
    transportUrl.trim(),
  );
  if (match === null) throw new TransportUrlError("expected rabbit://user:pass@host:5672/vhost (one host)");
  const [, user = "guest", password = "guest", host = "", port = "5672", vhost = ""] = match;
  // oslo: no vhost in the URL means RabbitMQ's default, "/".
  const path = encodeURIComponent(vhost === "" ? "/" : decodeURIComponent(vhost));
  return {
    url: `amqp://${user}:${password}@${host}:${port}/${path}`,
    redacted: `rabbit://${user}:***@${host}:${port}/${vhost}`,
  };
}

export function startKeystoneNotifier(transportUrl: string, report: (problem: string) => void): KeystoneNotifier {
  const { url, redacted } = amqpOptionsOf(transportUrl);
  let channel: Promise<{ model: ChannelModel; channel: ConfirmChannel }> | null = null;
  const inFlight = new Set<Promise<void>>();

  // Connected on first use and again after a failure, as oslo's driver reconnects.
  const open = async (): Promise<{ model: ChannelModel; channel: ConfirmChannel }> => {
    const model = await connect(url);
    model.on("error", () => undefined);
    model.on("close", () => (channel = null));
    const confirm = await model.createConfirmChannel();
    confirm.on("error", () => undefined);
    // Declared as oslo's notifier declares them: the exchange not durable, and the default queue
    // `notifications.info` (non-durable) bound to it.
    await confirm.assertExchange(KEYSTONE_EXCHANGE, "topic", { durable: false, autoDelete: false });
    await confirm.assertQueue(NOTIFICATIONS_ROUTING_KEY, { durable: false, autoDelete: false });
    await confirm.bindQueue(NOTIFICATIONS_ROUTING_KEY, KEYSTONE_EXCHANGE, NOTIFICATIONS_ROUTING_KEY);
    return { model, channel: confirm };
  };

  const publish = async (body: string): Promise<void> => {
    channel ??= open();
    try {
      const { channel: confirm } = await channel;
      await new Promise<void>((resolve, reject) => {
        confirm.publish(
          KEYSTONE_EXCHANGE,
          NOTIFICATIONS_ROUTING_KEY,
          Buffer.from(body),
          { contentType: "application/json", contentEncoding: "utf-8", deliveryMode: 1 },
          (error: Error | null | undefined) => (error == null ? resolve() : reject(error)),
        );
      });
    } catch (error) {
      channel = null;
      report(`could not publish to ${redacted}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return {
    resourceEvent(eventType, resourceId, requestId) {
      const done = publish(notificationBody(eventType, { resource_info: resourceId, request_id: requestId }));
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    },
    async close() {
      await Promise.all(inFlight);
      const open = channel;
      channel = null;
      if (open !== null) await open.then(({ model }) => model.close()).catch(() => undefined);
    },
  };
}
