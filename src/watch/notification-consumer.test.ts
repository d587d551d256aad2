// The consumer's logic without a broker: a stand-in for amqplib's connection records what is declared, acknowledged
// and requeued (the real RabbitMQ is in the e2e tier, test/e2e/watch.e2e.test.ts).
import { EventEmitter } from "node:events";
import { readFileSync } from "node:fs";
import type { ChannelModel, ConsumeMessage } from "amqplib";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log/logger.ts";
import { NotificationConsumer, type DeliveryOutcome, type ProjectDeletion } from "./notification-consumer.ts";
import { parseTransportUrl } from "./transport-url.ts";

const deleted = readFileSync(
  new URL(
    "../../test/support/fixtures/keystone-notifications/identity.project.deleted.cadf.2e67fd8d.json",
    import.meta.url,
  ),
);
const created = readFileSync(
  new URL(
    "../../test/support/fixtures/keystone-notifications/identity.project.created.basic.f2675c38.json",
    import.meta.url,
  ),
);

class FakeChannel extends EventEmitter {
  readonly calls: string[] = [];
  onMessage: ((message: ConsumeMessage | null) => void) | null = null;
  assertExchange(name: string, type: string, options: { durable: boolean }) {
    this.calls.push(`exchange ${name} ${type} durable=${String(options.durable)}`);
    return Promise.resolve({ exchange: name });
  }
  checkExchange() {
    return Promise.resolve({});
  }
  assertQueue(name: string, options: { durable: boolean }) {
    this.calls.push(`queue ${name} durable=${String(options.durable)}`);
    return Promise.resolve({ queue: name, messageCount: 0, consumerCount: 0 });
  }
  bindQueue(queue: string, exchange: string, key: string) {
    this.calls.push(`bind ${queue} ${exchange} ${key}`);
    return Promise.resolve({});
  }
  prefetch(count: number) {
    this.calls.push(`prefetch ${count}`);
    return Promise.resolve({});
  }
  consume(_queue: string, onMessage: (message: ConsumeMessage | null) => void) {
    this.onMessage = onMessage;
    return Promise.resolve({ consumerTag: "t" });
  }
  ack(message: ConsumeMessage) {
    this.calls.push(`ack ${message.fields.deliveryTag}`);
  }
  nack(message: ConsumeMessage, _all: boolean, requeue: boolean) {
    this.calls.push(`nack ${message.fields.deliveryTag} requeue=${String(requeue)}`);
  }
  close() {
    return Promise.resolve();
  }
}

class FakeModel extends EventEmitter {
  readonly channels: FakeChannel[] = [];
  createChannel() {
    const channel = new FakeChannel();
    this.channels.push(channel);
    return Promise.resolve(channel);
  }
  close() {
    this.emit("close");
    return Promise.resolve();
  }
  /** The consuming channel (the first one only declares the exchange). */
  get consuming(): FakeChannel {
    return this.channels.at(-1)!;
  }
}

let tag = 0;
const delivery = (content: Buffer): ConsumeMessage =>
  ({ content, fields: { deliveryTag: ++tag }, properties: {} }) as unknown as ConsumeMessage;

const until = async (condition: () => boolean): Promise<void> => {
  // Yields to the consumer's promises; a bounded count, so a broken consumer fails instead of hanging.
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
};

let consumer: NotificationConsumer | null = null;
afterEach(async () => {
  await consumer?.stop();
  consumer = null;
});

function start(onDeletion: (deletion: ProjectDeletion) => Promise<void>, failFirst = 0) {
  const models: FakeModel[] = [];
  const outcomes: DeliveryOutcome[] = [];
  let attempts = 0;
  consumer = new NotificationConsumer({
    transport: parseTransportUrl("rabbit://u:p@a:5672,u:p@b:5672/"),
    exchange: "keystone",
    queue: "stacksweep-orphan-manager",
    tls: { verify: true },
    onDeletion,
    onDelivery: (outcome) => outcomes.push(outcome),
    logger: createLogger({ level: "silent" }),
    backoff: { initialMs: 1, maxMs: 2 },
    connect: (options) => {
      attempts += 1;
      if (attempts <= failFirst) return Promise.reject(new Error(`connect ECONNREFUSED ${options.hostname ?? ""}`));
      const model = new FakeModel();
      models.push(model);
      return Promise.resolve(model as unknown as ChannelModel);
    },
  });
  consumer.start();
  return { models, outcomes, consumer, attempts: () => attempts };
}

describe("NotificationConsumer", () => {
  it("retries the cluster's hosts until one answers, then declares its own durable queue on Keystone's topic", async () => {
    const run = start(() => Promise.resolve(), 2);
    await until(() => run.consumer.state.consuming);
    expect(run.attempts()).toBe(3);
    expect(run.models[0]!.channels[0]!.calls).toEqual(["exchange keystone topic durable=false"]);
    expect(run.models[0]!.consuming.calls).toEqual([
      "queue stacksweep-orphan-manager durable=true",
      "bind stacksweep-orphan-manager keystone notifications.info",
      "prefetch 1",
    ]);
  });

  it("acknowledges a deletion only after its work is done, and requeues one whose work failed", async () => {
    let finish: () => void = () => undefined;
    let fail = false;
    const seen: string[] = [];
    const run = start(async (deletion) => {
      seen.push(deletion.projectId);
      if (fail) throw new Error("store unavailable");
      await new Promise<void>((resolve) => (finish = resolve));
    });
    await until(() => run.consumer.state.consuming);
    const channel = run.models[0]!.consuming;
    const first = delivery(deleted);
    channel.onMessage!(first);
    await until(() => seen.length === 1);
    expect(channel.calls.filter((c) => c.startsWith("ack"))).toEqual([]);
    finish();
    await until(() => channel.calls.includes(`ack ${first.fields.deliveryTag}`));
    fail = true;
    const second = delivery(deleted);
    channel.onMessage!(second);
    await until(() => channel.calls.includes(`nack ${second.fields.deliveryTag} requeue=true`));
    expect(seen).toEqual(["17f7d7333b6b4491b3c9601c45ae7657", "17f7d7333b6b4491b3c9601c45ae7657"]);
    expect(run.outcomes).toEqual(["processed", "failed"]);
  });

  it("acknowledges and counts poison and ignored messages without calling the orphan manager", async () => {
    const seen: string[] = [];
    const run = start((deletion) => {
      seen.push(deletion.projectId);
      return Promise.resolve();
    });
    await until(() => run.consumer.state.consuming);
    const channel = run.models[0]!.consuming;
    for (const content of [Buffer.from("garbage"), created, Buffer.from('{"oslo.version":"2.0"}')]) {
      channel.onMessage!(delivery(content));
      await until(() => channel.calls.filter((c) => c.startsWith("ack")).length === run.outcomes.length);
    }
    expect(run.outcomes).toEqual(["poison", "ignored", "poison"]);
    expect(seen).toEqual([]);
  });

  it("declares everything again after the broker went away (Keystone's exchange does not survive a restart)", async () => {
    const run = start(() => Promise.resolve());
    await until(() => run.consumer.state.consuming);
    await run.models[0]!.close();
    await until(() => run.models.length === 2 && run.consumer.state.consuming);
    expect(run.models[1]!.channels[0]!.calls).toEqual(["exchange keystone topic durable=false"]);
    expect(run.models[1]!.consuming.calls).toContain("bind stacksweep-orphan-manager keystone notifications.info");
  });
});
