import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  isRetryableTransportError,
  parseRetryAfter,
  retryDelayMs,
} from "./retry.ts";

describe("retry rules", () => {
  it("replays reads on 429/500/502/503/504, writes only on 429", () => {
    for (const status of [429, 500, 502, 503, 504]) expect(isRetryableStatus("GET", status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 501]) expect(isRetryableStatus("GET", status)).toBe(false);
    expect(isRetryableStatus("POST", 503)).toBe(false);
    expect(isRetryableStatus("PUT", 502)).toBe(false);
    expect(isRetryableStatus("DELETE", 429)).toBe(true);
  });

  it("replays reads after resets and timeouts found in undici's cause chain, never after TLS failures", () => {
    const wrapped = (code: string): Error =>
      new TypeError("fetch failed", { cause: Object.assign(new Error("x"), { code }) });
    expect(isRetryableTransportError("GET", wrapped("ECONNRESET"))).toBe(true);
    expect(isRetryableTransportError("GET", wrapped("UND_ERR_HEADERS_TIMEOUT"))).toBe(true);
    expect(isRetryableTransportError("GET", new DOMException("timed out", "TimeoutError"))).toBe(true);
    expect(isRetryableTransportError("GET", wrapped("DEPTH_ZERO_SELF_SIGNED_CERT"))).toBe(false);
    expect(isRetryableTransportError("POST", wrapped("ECONNRESET"))).toBe(false);
  });

  it("Retry-After as seconds or HTTP date; too long a wait is refused", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("garbage", now)).toBeNull();
    expect(retryDelayMs(1, "3", DEFAULT_RETRY_POLICY, now)).toBe(3000);
    expect(retryDelayMs(1, "3600", DEFAULT_RETRY_POLICY, now)).toBeNull();
  });

  it("full jitter: a random share of an exponentially growing, capped ceiling", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelayMs(1, null, policy, 0, () => 0.999)).toBe(99);
    expect(retryDelayMs(3, null, policy, 0, () => 0.5)).toBe(200);
    expect(retryDelayMs(10, null, policy, 0, () => 0.999)).toBe(999);
    expect(retryDelayMs(4, null, policy, 0, () => 0)).toBe(0);
  });
});
