import { describe, expect, it } from "vitest";
import { describeTarget, notificationTargetSchema } from "./notification-target.ts";

describe("notificationTargetSchema", () => {
  it("accepts each kind of target and defaults sendWhenUnchanged to false", () => {
    const parsed = notificationTargetSchema.parse({ type: "slack", url: "https://hooks.slack.com/services/T0/B0/x" });
    expect(parsed).toEqual({
      type: "slack",
      url: "https://hooks.slack.com/services/T0/B0/x",
      sendWhenUnchanged: false,
    });
  });

  it.each([
    [{ type: "webhook", url: "ftp://example.org/x" }, "url", "http:// or https://"],
    [{ type: "webhook", url: "https://example.org/x", secret: "short" }, "secret", "at least 16 characters"],
    [
      { type: "matrix", homeserver: "https://matrix.example.org", roomId: "#ops:example.org", accessToken: "t" },
      "roomId",
      "!abcdef:example.org",
    ],
    [{ type: "slack", url: "https://example.org", channel: "#ops" }, "", "channel"],
  ])("rejects %j naming the key and what was expected", (input, key, expected) => {
    const result = notificationTargetSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join(".")).toBe(key);
    expect(JSON.stringify(issue)).toContain(expected);
  });

  it("describes a target by kind, name and host only", () => {
    expect(
      describeTarget({
        type: "webhook",
        name: "ops",
        url: "https://hooks.example.org:8443/t/SECRET?token=x",
        secret: "0123456789abcdef",
        sendWhenUnchanged: false,
      }),
    ).toBe('webhook "ops" (hooks.example.org:8443)');
  });
});
