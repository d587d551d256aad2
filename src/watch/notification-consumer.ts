// Consumes Keystone's notifications from RabbitMQ (AMQP 0-9-1, amqplib): stacksweep's own durable queue bound to
// `notifications.info` on Keystone's exchange, one delivery at a time, acknowledged only after its work is done.
// The broker going away is waited out with backoff, trying the cluster's hosts in turn; everything is declared again
// on every connection (Keystone's exchange is not durable: a broker restart drops it and our queue's binding).

import { readFileSync } from "node:fs";
import type { ConsumeMessage } from "amqplib";
import { connect as amqpConnect, type Channel, type ChannelModel, type Options, type SocketOptions } from "amqplib";
import type { Logger } from "../log/logger.ts";
import { parseNotification, PoisonMessageError, type Notification } from "./notification.ts";
import { hostPort, redactTransportUrl, type BrokerHost, type TransportUrl } from "./transport-url.ts";
import type { WatchSettings } from "./watch-settings.ts";

/** oslo.messaging's notification topic and the only priority Keystone publishes. */
export const NOTIFICATIONS_ROUTING_KEY = "notifications.info";

export type ProjectDeletion = Extract<Notification, { kind: "project-deleted" }>;

export type DeliveryOutcome = "processed" | "ignored" | "poison" | "failed";

export interface ConsumerOptions {
  transport: TransportUrl;
  exchange: string;
  queue: string;
  tls: WatchSettings["tls"];
  /** The work for one deletion; it resolves once the work is recorded. A throw leaves the message on the queue. */
  onDeletion: (deletion: ProjectDeletion) => Promise<void>;
  onDelivery?: (outcome: DeliveryOutcome) => void;
  logger: Logger;
  /** Backoff between connection attempts and after a failed deletion: doubling from `initialMs` up to `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
  connect?: (options: Options.Connect, socket: SocketOptions) => Promise<ChannelModel>;
}

export interface ConsumerStatus {
  /** Connected, the queue declared and bound, and consuming. */
  consuming: boolean;
  /** The broker host in use, or the last one tried. */
  host: string;
  lastError: string | null;
}

export class NotificationConsumer {
  private stopped = false;
  private model: ChannelModel | null = null;
  private status: ConsumerStatus;
  private loop: Promise<void> | null = null;
  private inFlight: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly options: ConsumerOptions) {
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 30_000 };
    this.status = { consuming: false, host: hostPort(options.transport.hosts[0]!), lastError: null };
  }

  get state(): ConsumerStatus {
    return { ...this.status };
  }

  /** Starts consuming in the background; connection failures are retried until `stop()`. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops consuming, lets the deletion in progress finish (its message is then acknowledged), and disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.inFlight;
    await this.model?.close().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    const { transport, logger } = this.options;
    let attempt = 0;
    while (!this.stopped) {
      const host = transport.hosts[attempt % transport.hosts.length]!;
      this.status.host = hostPort(host);
      try {
        const { closed } = await this.consume(host);
        attempt = 0;
        const error = await closed;
        if (this.stopped) break;
        this.status.lastError = error;
        logger.warn({ host: this.status.host, error }, "lost the connection to the message bus; reconnecting");
      } catch (error) {
        this.status.lastError = describe(error);
        logger.warn(
          { transport: redactTransportUrl(transport), host: this.status.host, error: this.status.lastError },
          "cannot consume Keystone's notifications; retrying",
        );
      } finally {
        this.status.consuming = false;
        this.model = null;
      }
      if (this.stopped) break;
      await this.sleep(this.delay(attempt));
      attempt += 1;
    }
  }

  /** Connects, declares and starts consuming; `closed` resolves at the connection's end, with its reason. */
  private async consume(host: BrokerHost): Promise<{ closed: Promise<string> }> {
    const { transport, tls, exchange, queue } = this.options;
    const connect = this.options.connect ?? amqpConnect;
    const model = await connect(
      {
        protocol: transport.tls ? "amqps" : "amqp",
        hostname: host.hostname,
        port: host.port,
        username: host.username,
        password: host.password,
        vhost: transport.vhost,
        // Notices a dead broker (a half-open TCP connection) within a minute.
        heartbeat: 30,
      },
      {
        timeout: 10_000,
        ...(transport.tls
          ? {
              servername: host.hostname,
              rejectUnauthorized: tls.verify,
              ...(tls.ca === undefined ? {} : { ca: readFileSync(tls.ca) }),
              ...(tls.cert === undefined ? {} : { cert: readFileSync(tls.cert) }),
              ...(tls.key === undefined ? {} : { key: readFileSync(tls.key) }),
            }
          : {}),
      },
    );
    this.model = model;
    const closed = new Promise<string>((resolve) => {
      model.on("error", (error: Error) => (this.status.lastError = describe(error)));
      model.on("close", (error?: Error) => resolve(error === undefined ? "closed" : describe(error)));
    });
    try {
      await declareExchange(model, exchange);
      const channel = await model.createChannel();
      channel.on("error", (error: Error) => (this.status.lastError = describe(error)));
      // A channel the broker closed (a consumer timeout, a queue deleted) ends this connection: all is declared anew.
      channel.on("close", () => void model.close().catch(() => undefined));
      await channel.assertQueue(queue, { durable: true });
      await channel.bindQueue(queue, exchange, NOTIFICATIONS_ROUTING_KEY);
      // One deletion at a time: a scan per project, and no message held by us that another consumer could take.
      await channel.prefetch(1);
      await channel.consume(queue, (message) => {
        if (message !== null) this.inFlight = this.deliver(channel, message);
      });
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
    this.status = { consuming: true, host: this.status.host, lastError: null };
    this.options.logger.info(
      { host: this.status.host, exchange, queue, routingKey: NOTIFICATIONS_ROUTING_KEY },
      "consuming Keystone's notifications",
    );
    return { closed };
  }

  /** One delivery: parsed, handled, and acknowledged; a failed deletion goes back on the queue after a pause. */
  private async deliver(channel: Channel, message: ConsumeMessage): Promise<void> {
    const outcome = await handleDelivery(message.content, this.options.onDeletion, this.options.logger);
    this.options.onDelivery?.(outcome);
    try {
      if (outcome === "failed") {
        await this.sleep(this.backoff.initialMs);
        channel.nack(message, false, true);
      } else {
        channel.ack(message);
      }
    } catch (error) {
      // The channel closed meanwhile: the broker delivers the message again on the next connection.
      this.options.logger.warn({ error: describe(error) }, "could not settle a delivery; it will be delivered again");
    }
  }

  private delay(attempt: number): number {
    const exponential = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** Math.min(attempt, 20));
    // Full jitter: several stacksweeps behind one broker do not reconnect in step.
    return exponential / 2 + Math.random() * (exponential / 2);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/**
 * What one message body comes to. A poison message (not what oslo.messaging sends) is logged and counted and then
 * acknowledged like an ignored one: retrying cannot make it readable, and it must not block the deletions behind it.
 */
export async function handleDelivery(
  content: Buffer,
  onDeletion: (deletion: ProjectDeletion) => Promise<void>,
  logger: Logger,
): Promise<DeliveryOutcome> {
  let notification: Notification;
  try {
    notification = parseNotification(content);
  } catch (error) {
    const reason = error instanceof PoisonMessageError ? error.message : `unreadable: ${describe(error)}`;
    logger.warn({ reason, bytes: content.length }, "poison message acknowledged and dropped");
    return "poison";
  }
  if (notification.kind === "ignored") {
    logger.debug({ eventType: notification.eventType, reason: notification.reason }, "notification ignored");
    return "ignored";
  }
  try {
    await onDeletion(notification);
    return "processed";
  } catch (error) {
    logger.error(
      { projectId: notification.projectId, messageId: notification.messageId, error: describe(error) },
      "the project deletion could not be handled; it stays on the queue",
    );
    return "failed";
  }
}

/**
 * Keystone's exchange as oslo.messaging declares it (topic, not durable): it exists only after Keystone's first
 * notification, so we declare it too. Declared with other flags by someone else, the broker refuses (and closes the
 * channel); an exchange that exists is all we need, so that is checked on a fresh channel instead.
 */
async function declareExchange(model: ChannelModel, exchange: string): Promise<void> {
  const channel = await model.createChannel();
  channel.on("error", () => undefined);
  try {
    await channel.assertExchange(exchange, "topic", { durable: false, autoDelete: false });
    await channel.close();
  } catch {
    const check = await model.createChannel();
    await check.checkExchange(exchange);
    await check.close();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
