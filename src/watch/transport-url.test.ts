import { describe, expect, it } from "vitest";
import { parseTransportUrl, redactTransportUrl, TransportUrlError } from "./transport-url.ts";

describe("parseTransportUrl", () => {
  it("reads Keystone's own transport_url, the default virtual host included", () => {
    expect(parseTransportUrl("rabbit://guest:guest@127.0.0.1:5672/")).toEqual({
      hosts: [{ hostname: "127.0.0.1", port: 5672, username: "guest", password: "guest" }],
      vhost: "/",
      tls: false,
    });
  });

  it("reads a cluster, percent-encoded credentials, a virtual host and TLS on the AMQPS port by default", () => {
    const parsed = parseTransportUrl("rabbit://stack:p%40ss%3Aword@rabbit-1,other:pw@[fd00::2]:5673/openstack?ssl=1");
    expect(parsed).toEqual({
      hosts: [
        { hostname: "rabbit-1", port: 5671, username: "stack", password: "p@ss:word" },
        { hostname: "fd00::2", port: 5673, username: "other", password: "pw" },
      ],
      vhost: "openstack",
      tls: true,
    });
  });

  it("gives a host without credentials those of the host before it, as oslo.messaging does", () => {
    const parsed = parseTransportUrl("rabbit://u:p@a:5672,b:5672/");
    expect(parsed.hosts.map((h) => `${h.username}:${h.password}@${h.hostname}`)).toEqual(["u:p@a", "u:p@b"]);
  });

  it.each([
    ["amqp://guest:guest@127.0.0.1:5672/", /rabbit:\/\/ scheme/],
    ["rabbit:///", /names no host/],
    ["rabbit://u:p@host:99999/", /not host:port/],
    ["rabbit://u:p@host/?heartbeat=5", /unknown query parameter "heartbeat"/],
    ["127.0.0.1:5672", /expected rabbit:\/\//],
  ])("rejects %s in one line that names the problem", (url, message) => {
    expect(() => parseTransportUrl(url)).toThrow(TransportUrlError);
    expect(() => parseTransportUrl(url)).toThrow(message);
  });

  it("never shows a password, in an error or in the redacted form", () => {
    expect(redactTransportUrl(parseTransportUrl("rabbit://stack:s3cret@a:5672,b:5672/vh?ssl=1"))).toBe(
      "rabbit://stack:***@a:5672,stack:***@b:5672/vh?ssl=1",
    );
    expect(() => parseTransportUrl("rabbit://stack:s3cret@host:0/")).toThrow(/^(?!.*s3cret)/);
  });
});
