import { describe, expect, it } from "vitest";
import { accountPath, splitAccountEndpoint } from "./object-store-account.ts";

describe("splitAccountEndpoint", () => {
  it("takes the caller's account off the endpoint and keeps its reseller prefix", () => {
    expect(splitAccountEndpoint("http://swift:8080/v1/AUTH_abc123", "abc123")).toEqual({
      base: "http://swift:8080/v1",
      prefix: "AUTH_",
    });
    expect(splitAccountEndpoint("https://s/swift/v1/SERVICE_p1/", "p1")).toEqual({
      base: "https://s/swift/v1",
      prefix: "SERVICE_",
    });
  });

  it("keeps an endpoint that names no account (Ceph RGW's /swift/v1) whole, with Keystone's default prefix", () => {
    expect(splitAccountEndpoint("http://rgw/swift/v1", "p1")).toEqual({ base: "http://rgw/swift/v1", prefix: "AUTH_" });
    expect(splitAccountEndpoint("http://rgw/swift/v1/AUTH_p1", null)).toEqual({
      base: "http://rgw/swift/v1/AUTH_p1",
      prefix: "AUTH_",
    });
  });
});

describe("accountPath", () => {
  it("names a project's account under the prefix", () => {
    expect(accountPath("AUTH_", "p 1")).toBe("/AUTH_p%201");
  });
});
