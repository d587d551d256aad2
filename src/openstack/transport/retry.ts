// When a failed attempt may be tried again and how long to wait: a bounded number of attempts, full-jitter
// exponential backoff, and the server's Retry-After (seconds or HTTP date) when it sends one.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails at once with the server's answer. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Only reads are replayed on a 5xx or a broken connection: in OpenStack a PUT or DELETE can be an action
 * (`PUT .../failover`) whose second run does harm. A 429 is replayed for every method, because a rate limiter
 * refuses the request before the service does any work.
 */
export function isRetryableStatus(method: string, status: number): boolean {
  if (status === 429) return true;
  return isReadMethod(method) && RETRY_STATUSES.has(status);
}

export function isReadMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

/** Transport failures worth another attempt: resets, timeouts, refused or dropped connections, DNS hiccups. */
const RETRYABLE_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "TimeoutError",
]);

/** The most specific code in an error's cause chain (undici's fetch wraps the socket error in a TypeError). */
export function transportErrorCode(error: unknown): string | null {
  let current: unknown = error;
  let code: string | null = null;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const candidate = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof candidate.code === "string") code = candidate.code;
    else if (candidate.name === "TimeoutError") code = "TimeoutError";
    current = candidate.cause;
  }
  return code;
}

export function isRetryableTransportError(method: string, error: unknown): boolean {
  const code = transportErrorCode(error);
  return isReadMethod(method) && code !== null && RETRYABLE_CODES.has(code);
}

/**
 * Milliseconds to wait before attempt `attempt + 1` (attempt counts from 1), or null when the server asks for a
 * longer pause than we accept.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  policy: RetryPolicy,
  now: number = Date.now(),
  random: () => number = Math.random,
): number | null {
  const serverDelay = parseRetryAfter(retryAfter, now);
  if (serverDelay !== null) return serverDelay > policy.maxRetryAfterMs ? null : serverDelay;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
