// Sends one HTTP request for a session: per-service concurrency limit, timeout, bounded retries with backoff,
// accounting per service, and a redacted debug trace of every attempt.

import { setTimeout as sleep } from "node:timers/promises";
import pLimit, { type LimitFunction } from "p-limit";
import type { Dispatcher } from "undici";
import type { Logger } from "../../log/logger.ts";
import { ConnectionError } from "../errors.ts";
import type { ServiceType } from "../../config/service-type.ts";
import { clockSkewMs, type RequestAccounting } from "./accounting.ts";
import { BodyBuffers } from "./body-buffers.ts";
import type { Redactor } from "./redact.ts";
import {
  isRetryableStatus,
  isRetryableTransportError,
  retryDelayMs,
  transportErrorCode,
  type RetryPolicy,
} from "./retry.ts";

export interface HttpRequest {
  service: ServiceType;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * Safe to send again after a 5xx or a broken connection although not a read (a Keystone token request: a second
   * POST /v3/auth/tokens only issues another token). Reads are always replayed.
   */
  idempotent?: boolean;
  /**
   * Epoch ms after which no attempt is started and a running one is cut off (a listing's total deadline): a hanging
   * service costs at most this, not the per-request timeout times the attempts.
   */
  deadline?: number;
  /** Statuses the caller asked for (e.g. a 404 that confirms something is gone): answers, not errors, in the counts. */
  expectedStatuses?: readonly number[];
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** The answer's bytes: a large listing is parsed from them (parse-json-body.ts), never as one string. */
  body: Buffer;
  /** The answer as text, decoded on first use (error messages, small answers). */
  readonly text: string;
  bytes: number;
  /** Gives a large body's buffer back for the next answer: neither `body` nor `text` may be read after it. */
  release: () => void;
}

export interface HttpClientOptions {
  dispatcher: Dispatcher;
  logger: Logger;
  redactor: Redactor;
  accounting: RequestAccounting;
  retry: RetryPolicy;
  timeoutMs: number;
  concurrencyPerService: number;
}

export class HttpClient {
  readonly #options: HttpClientOptions;
  readonly #limits = new Map<ServiceType, LimitFunction>();
  readonly #bodies = new BodyBuffers();

  constructor(options: HttpClientOptions) {
    this.#options = options;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const { retry, logger, redactor } = this.#options;
    for (let attempt = 1; ; attempt++) {
      if (request.deadline !== undefined && Date.now() >= request.deadline) {
        throw new ConnectionError(
          redactor.text(`${request.service} ${request.method} ${pathOf(request.url)}: the listing's deadline passed`) +
            (attempt > 1 ? ` (after ${attempt - 1} attempt${attempt === 2 ? "" : "s"})` : ""),
          { url: redactor.text(origin(request.url)), code: "DEADLINE" },
        );
      }
      let outcome: HttpResponse | { error: unknown };
      try {
        outcome = await this.#limit(request.service)(() => this.#attempt(request, attempt));
      } catch (error) {
        outcome = { error };
      }
      const last = attempt >= retry.maxAttempts;
      if ("error" in outcome) {
        const code = transportErrorCode(outcome.error) ?? "unknown";
        if (!last && isRetryableTransportError(retryAs(request), outcome.error)) {
          const delay = retryDelayMs(attempt, null, retry);
          logger.warn(
            { service: request.service, method: request.method, code, attempt, delayMs: delay },
            "retrying after a transport error",
          );
          await sleep(delay ?? 0);
          continue;
        }
        const reason = describeTransportError(outcome.error);
        throw new ConnectionError(
          redactor.text(
            `cannot reach ${request.service} at ${origin(request.url)}: ${reason}` +
              (attempt > 1 ? ` (after ${attempt} attempts)` : ""),
          ),
          { url: redactor.text(origin(request.url)), code },
        );
      }
      if (!last && isRetryableStatus(retryAs(request), outcome.status)) {
        const delay = retryDelayMs(attempt, outcome.headers["retry-after"] ?? null, retry);
        if (delay !== null) {
          logger.warn(
            { service: request.service, method: request.method, status: outcome.status, attempt, delayMs: delay },
            "retrying after a transient answer",
          );
          // This answer is dropped: its buffer serves the next one.
          outcome.release();
          await sleep(delay);
          continue;
        }
      }
      return outcome;
    }
  }

  #limit(service: ServiceType): LimitFunction {
    let limit = this.#limits.get(service);
    if (limit === undefined) {
      limit = pLimit(this.#options.concurrencyPerService);
      this.#limits.set(service, limit);
    }
    return limit;
  }

  async #attempt(request: HttpRequest, attempt: number): Promise<HttpResponse> {
    const { dispatcher, logger, redactor, accounting, timeoutMs } = this.#options;
    const started = performance.now();
    const startedWall = Date.now();
    try {
      // undici's own request API, not fetch: no web streams between the socket and the bytes, a third of the CPU
      // a large listing costs the scanner.
      const url = new URL(request.url);
      const response = await dispatcher.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(
          request.deadline === undefined ? timeoutMs : Math.max(1, Math.min(timeoutMs, request.deadline - Date.now())),
        ),
      });
      const declared = Number(response.headers["content-length"]);
      const { bytes: buffer, release } = await this.#bodies.read(
        response.body,
        Number.isSafeInteger(declared) ? declared : undefined,
      );
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
      }
      const ms = performance.now() - started;
      const skew = clockSkewMs(headers.date ?? null, startedWall, Date.now());
      const error = response.statusCode >= 400 && !(request.expectedStatuses ?? []).includes(response.statusCode);
      accounting.record(request.service, { error, bytes: buffer.length, ms, skewMs: skew });
      if (logger.isLevelEnabled("debug")) {
        logger.debug(
          {
            service: request.service,
            method: request.method,
            url: redactor.text(request.url),
            status: response.statusCode,
            ms: Math.round(ms),
            bytes: buffer.length,
            attempt,
            requestId: headers["x-openstack-request-id"] ?? headers["x-compute-request-id"] ?? null,
            requestHeaders: redactor.headers(request.headers),
            ...(request.body === undefined ? {} : { requestBody: redactBody(redactor, request.body) }),
            responseHeaders: redactor.headers(headers),
          },
          "http",
        );
      }
      let text: string | undefined;
      return {
        status: response.statusCode,
        headers,
        body: buffer,
        get text() {
          return (text ??= buffer.toString("utf8"));
        },
        bytes: buffer.length,
        release,
      };
    } catch (error) {
      const ms = performance.now() - started;
      accounting.record(request.service, { error: true, bytes: 0, ms });
      logger.debug(
        {
          service: request.service,
          method: request.method,
          url: redactor.text(request.url),
          attempt,
          ms: Math.round(ms),
          code: transportErrorCode(error),
        },
        "http transport error",
      );
      throw error;
    }
  }
}

/** The method whose retry rules apply: an idempotent request is replayed as a read is. */
function retryAs(request: HttpRequest): string {
  return request.idempotent === true ? "GET" : request.method;
}

function redactBody(redactor: Redactor, body: string): unknown {
  try {
    return redactor.body(JSON.parse(body) as unknown);
  } catch {
    return redactor.text(body);
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "(invalid URL)";
  }
}

function origin(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return "(invalid URL)";
  }
}

function describeTransportError(error: unknown): string {
  const code = transportErrorCode(error);
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.message && current.message !== "fetch failed") messages.push(current.message);
    current = current.cause;
  }
  if (code === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return "no answer in time (timeout)";
  }
  const message = messages.at(-1) ?? "connection failed";
  return code !== null && !message.includes(code) ? `${code}: ${message}` : message;
}
