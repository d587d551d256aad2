// fakecloud with a transport URL against the devcloud's real RabbitMQ: a project deleted through fakecloud's
// Keystone API reaches the orphan manager's real consumer, as a deletion announced by real Keystone does. The
// broker is shared: the suite consumes from its own queue and deletes it afterwards.
import { connect } from "amqplib";
import { fetch } from "undici";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { passwordToken } from "../support/fakecloud/admin-token.ts";
import { createLogger } from "../../src/log/logger.ts";
import { NotificationConsumer, type ProjectDeletion } from "../../src/watch/notification-consumer.ts";
import { parseTransportUrl } from "../../src/watch/transport-url.ts";
import { waitFor } from "./support/wait-for.ts";

/** The devcloud's broker (test/e2e/devcloud/lib/configs.sh RABBIT_URL). */
const TRANSPORT_URL = "rabbit://guest:guest@127.0.0.1:5672/";
const QUEUE = `stacksweep-e2e-fakecloud-notify-${Date.now().toString(36)}`;

let consumer: NotificationConsumer;
let cloud: FakeCloud;
const deletions: ProjectDeletion[] = [];
const problems: string[] = [];

beforeAll(async () => {
  consumer = new NotificationConsumer({
    transport: parseTransportUrl(TRANSPORT_URL),
    exchange: "keystone",
    queue: QUEUE,
    tls: { verify: true },
    onDeletion: (deletion) => {
      deletions.push(deletion);
      return Promise.resolve();
    },
    logger: createLogger({ level: "silent" }),
  });
  consumer.start();
  await waitFor(
    "the consumer to bind its queue",
    () => Promise.resolve(consumer.state.consuming ? { done: true } : { seen: consumer.state }),
    60_000,
    100,
  );
  cloud = await startFakeCloud({ transportUrl: TRANSPORT_URL, onNotifyError: (problem) => problems.push(problem) });
});

afterAll(async () => {
  await cloud?.close();
  await consumer?.stop();
  const model = await connect("amqp://guest:guest@127.0.0.1:5672/%2F");
  const channel = await model.createChannel();
  await channel.deleteQueue(QUEUE);
  await model.close();
});

test("a project deleted through fakecloud reaches the orphan manager as its deletion", async () => {
  const token = await passwordToken(cloud);
  const headers = { "x-auth-token": token, "content-type": "application/json" };
  const created = await fetch(`${cloud.authUrl}/projects`, {
    method: "POST",
    headers,
    body: JSON.stringify({ project: { name: `notify-${Date.now().toString(36)}` } }),
  });
  expect(created.status).toBe(201);
  const { project } = (await created.json()) as { project: { id: string } };
  const before = Date.now();
  const deleted = await fetch(`${cloud.authUrl}/projects/${project.id}`, { method: "DELETE", headers });
  expect(deleted.status).toBe(204);

  const deletion = await waitFor(
    `identity.project.deleted for ${project.id}`,
    () => {
      const mine = deletions.find((d) => d.projectId === project.id);
      return Promise.resolve(mine === undefined ? { seen: { deletions, problems } } : { done: mine });
    },
    30_000,
    100,
  );
  expect(deletion.format).toBe("basic");
  expect(deletion.publisherId).toMatch(/^identity\./);
  expect(Math.abs(Date.parse(deletion.deletedAt) - before)).toBeLessThan(60_000);
  expect(problems).toEqual([]);
});
