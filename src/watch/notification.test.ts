// Keystone's notifications as a Zed Keystone published them on RabbitMQ (bodies captured from the wire, in
// test/support/fixtures/keystone-notifications/).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { notificationBody } from "@stacksweep/fakecloud";
import { parseNotification, PoisonMessageError } from "./notification.ts";

const sample = (name: string): string =>
  readFileSync(new URL(`../../test/support/fixtures/keystone-notifications/${name}`, import.meta.url), "utf8");

/** An envelope as oslo.messaging builds it, around the given message. */
const envelope = (message: unknown, version = "2.0"): string =>
  JSON.stringify({ "oslo.version": version, "oslo.message": JSON.stringify(message) });

const deletion = (payload: Record<string, unknown>): Record<string, unknown> => ({
  message_id: "m-1",
  publisher_id: "identity.vm",
  event_type: "identity.project.deleted",
  priority: "INFO",
  payload,
  timestamp: "2026-12-03 09:06:25.703262",
});

describe("parseNotification", () => {
  it("reads the deleted project's id from Keystone's basic format", () => {
    expect(parseNotification(Buffer.from(sample("identity.project.deleted.basic.801a6a86.json")))).toEqual({
      kind: "project-deleted",
      projectId: "9c77b9f28a6942198807ee5152cac403",
      deletedAt: "2026-12-03T09:06:25.703Z",
      messageId: "801a6a86-ca39-4735-9aff-bb898aba2e50",
      format: "basic",
      publisherId: "identity.vm",
    });
  });

  it("reads the target's id from the CADF format, not the caller's project", () => {
    const parsed = parseNotification(sample("identity.project.deleted.cadf.2e67fd8d.json"));
    expect(parsed).toMatchObject({
      kind: "project-deleted",
      projectId: "17f7d7333b6b4491b3c9601c45ae7657",
      format: "cadf",
      deletedAt: "2026-12-03T09:08:11.755Z",
    });
  });

  it("ignores other events, and CADF records of deletions that failed", () => {
    expect(parseNotification(sample("identity.project.created.cadf.8fe3d578.json"))).toEqual({
      kind: "ignored",
      eventType: "identity.project.created",
      reason: "not a project deletion",
    });
    expect(parseNotification(sample("identity.project.created.basic.f2675c38.json")).kind).toBe("ignored");
    const failed = envelope(
      deletion({ typeURI: "http://schemas.dmtf.org/cloud/audit/1.0/event", outcome: "failure", target: { id: "p" } }),
    );
    expect(parseNotification(failed)).toMatchObject({ kind: "ignored", reason: 'CADF outcome "failure"' });
  });

  it.each([
    ["a body that is not JSON", "{not json", /the body is not JSON/],
    ["JSON that is no envelope", JSON.stringify({ event_type: "identity.project.deleted" }), /not an oslo.messaging/],
    ["an envelope of another major version", envelope(deletion({ resource_info: "p" }), "1.0"), /oslo.version "1.0"/],
    [
      "an oslo.message that is not JSON",
      JSON.stringify({ "oslo.version": "2.0", "oslo.message": "{" }),
      /oslo.message is not JSON/,
    ],
    ["a message without an event type", envelope({ ...deletion({}), event_type: undefined }), /event_type/],
    ["a deletion without a project id", envelope(deletion({ request_id: "req-1" })), /payload.resource_info/],
    [
      "a CADF deletion without a target",
      envelope(deletion({ typeURI: "http://schemas.dmtf.org/cloud/audit/1.0/event", outcome: "success" })),
      /payload.target.id/,
    ],
    [
      "a project id that is no id",
      envelope(deletion({ resource_info: "../../etc" })),
      /without a project id in payload.resource_info/,
    ],
    [
      "a timestamp that is no time",
      envelope({ ...deletion({ resource_info: "p" }), timestamp: "2026-13-45 99:00:00" }),
      /no time/,
    ],
  ])("rejects %s as a poison message", (_what, body, message) => {
    expect(() => parseNotification(body)).toThrow(PoisonMessageError);
    expect(() => parseNotification(body)).toThrow(message);
  });
});

describe("the notification fakecloud publishes", () => {
  it("is read by the orphan manager as the deletion of that project, when and by whom Keystone said", () => {
    const body = notificationBody(
      "identity.project.deleted",
      { resource_info: "9c77b9f28a6942198807ee5152cac403", request_id: "req-1" },
      new Date("2026-12-03T09:06:25.703Z"),
      "identity.vm",
    );
    expect(parseNotification(Buffer.from(body))).toMatchObject({
      kind: "project-deleted",
      projectId: "9c77b9f28a6942198807ee5152cac403",
      deletedAt: "2026-12-03T09:06:25.703Z",
      format: "basic",
      publisherId: "identity.vm",
    });
  });
});
