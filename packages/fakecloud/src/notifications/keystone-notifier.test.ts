import { createServer, type Server } from "node:net";
import { fetch } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeCloud, type FakeCloud } from "../server.ts";
import { passwordToken } from "../../../../test/support/fakecloud/admin-token.ts";
import { amqpOptionsOf, notificationBody, TransportUrlError } from "./keystone-notifier.ts";

describe("the notification fakecloud publishes", () => {
  it("has the fields and shapes of Keystone's own basic envelope", () => {
    const envelope = JSON.parse(notificationBody("identity.project.deleted", { resource_info: "p" })) as Record<
      string,
      string
    >;
    expect(envelope["oslo.version"]).toBe("2.0");
    const message = JSON.parse(envelope["oslo.message"]!) as Record<string, unknown>;
    expect(Object.keys(message).sort()).toEqual(
      ["_unique_id", "event_type", "message_id", "payload", "priority", "publisher_id", "timestamp"].sort(),
    );
    expect(message["priority"]).toBe("INFO");
    expect(message["timestamp"]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(message["_unique_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(message["publisher_id"]).toMatch(/^identity\./);
  });
});

describe("the transport URL", () => {
  it("is oslo's spelling, the default vhost when none is named", () => {
    expect(amqpOptionsOf("rabbit://guest:s3cret@127.0.0.1:5672/")).toEqual({
      url: "amqp://guest:s3cret@127.0.0.1:5672/%2F",
      redacted: "rabbit://guest:***@127.0.0.1:5672/",
    });
    expect(amqpOptionsOf("rabbit://u:p@localhost/openstack").url).toBe("amqp://u:p@localhost:5672/openstack");
  });

  it("refuses another scheme before fakecloud starts", async () => {
    await expect(startFakeCloud({ transportUrl: "amqp://guest:guest@127.0.0.1/" })).rejects.toThrow(TransportUrlError);
  });
});

describe("a broker that is not there", () => {
  let cloud: FakeCloud | undefined;
  let refusing: Server | undefined;
  afterEach(async () => {
    await cloud?.close();
    await new Promise((resolve) => (refusing === undefined ? resolve(undefined) : refusing.close(resolve)));
  });

  it("is reported, and the project is deleted all the same", async () => {
    // A port that accepts and hangs up at once: a broker that is down, without guessing a closed port.
    refusing = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => refusing!.listen(0, "127.0.0.1", resolve));
    const port = (refusing.address() as { port: number }).port;
    const problems: string[] = [];
    let reported: () => void = () => undefined;
    const problemSeen = new Promise<void>((resolve) => (reported = resolve));
    cloud = await startFakeCloud({
      scenario: { projects: [{ name: "acme" }] },
      transportUrl: `rabbit://guest:s3cret@127.0.0.1:${port}/`,
      onNotifyError: (problem) => {
        problems.push(problem);
        reported();
      },
    });
    const token = await passwordToken(cloud);
    const project = [...cloud.state.collection("identity.project").values()].find((p) => p["name"] === "acme")!;
    const response = await fetch(`${cloud.authUrl}/projects/${project.id}`, {
      method: "DELETE",
      headers: { "x-auth-token": token },
    });
    expect(response.status).toBe(204);
    expect(cloud.state.collection("identity.project").has(project.id)).toBe(false);
    await problemSeen;
    expect(problems[0]).toContain(`could not publish to rabbit://guest:***@127.0.0.1:${port}/`);
    expect(problems.join("\n")).not.toContain("s3cret");
  });
});
