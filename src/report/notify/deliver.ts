// Sends one notification request: a timeout per attempt, retries with full-jitter backoff on connection errors,
// timeouts, 429 and 5xx (honouring Retry-After), and an outcome instead of an exception.

import { fetch } from "undici";
import { visibleText } from "../visible-text.ts";

export interface DeliveryRequest {
  method: "POST" | "PUT";
  url: string;
  headers: Record<string, string>;
  body: string;
  /** What the logs may say about the target (see `describeTarget`); the URL is never shown. */
  target: string;
}

export interface DeliveryOptions {
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Attempts in all, the first included. Default 4. */
  attempts?: number;
  /** Backoff base: attempt n waits a random time up to base × 2^(n-1), capped. Default 1 s. */
  baseDelayMs?: number;
  /** Longest wait between attempts, also the cap on a server's Retry-After. Default 60 s. */
  maxDelayMs?: number;
  /** Waits between attempts; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryOutcome {
  target: string;
  ok: boolean;
  attempts: number;
  /** The last HTTP status, or null when no response came. */
  status: number | null;
  /** Why it failed, one line without secrets; absent on success. */
  error?: string;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Retry-After in seconds or as an HTTP date, in ms; Matrix puts `retry_after_ms` in the body of its 429. */
function serverDelay(
  response: { headers: { get(name: string): string | null } },
  body: string,
  now: number,
): number | null {
  const header = response.headers.get("retry-after");
  if (header !== null) {
    if (/^\d+$/u.test(header.trim())) return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const match = /"retry_after_ms"\s*:\s*(\d+)/u.exec(body);
  return match === null ? null : Number(match[1]);
}

/** The cause of a failed fetch as one safe line: a code such as ECONNREFUSED, never the URL. */
function connectionError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError" || error.name === "AbortError") return "timed out";
    const cause: unknown = error.cause;
    if (typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string") {
      return `connection failed (${cause.code})`;
    }
    return `connection failed (${error.name})`;
  }
  return "connection failed";
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliver(request: DeliveryRequest, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt += 1) {
    let status: number | null = null;
    let error: string;
    let retryAfter: number | null = null;
    let retryable: boolean;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: "error", // a redirect could carry the signed body or the token elsewhere
      });
      status = response.status;
      const text = await response.text(); // read to the end, so the connection can be reused
      if (response.ok) return { target: request.target, ok: true, attempts: attempt, status };
      retryable = RETRYABLE_STATUS.has(response.status);
      retryAfter = retryable ? serverDelay(response, text, Date.now()) : null;
      const detail = visibleText(text.trim().slice(0, 200));
      error = `HTTP ${response.status}${detail === "" ? "" : `: ${detail}`}`;
    } catch (caught) {
      retryable = true;
      error = connectionError(caught);
    }
    if (!retryable || attempt >= attempts) {
      return {
        target: request.target,
        ok: false,
        attempts: attempt,
        status,
        error: `${error} after ${attempt} attempt${attempt === 1 ? "" : "s"}`,
      };
    }
    const backoff = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    await sleep(Math.min(maxDelayMs, Math.max(backoff, retryAfter ?? 0)));
  }
}
