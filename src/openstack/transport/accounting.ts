// Counts what each service cost: requests, errors, bytes and time, and the clock skew its Date header shows,
// for the benchmarks, the report and the clock checks.

import type { ServiceType } from "../../config/service-type.ts";

export interface ServiceStats {
  service: ServiceType;
  count: number;
  errors: number;
  bytes: number;
  totalMs: number;
  clockSkewMs: number | null;
}

export class RequestAccounting {
  readonly #byService = new Map<ServiceType, ServiceStats>();

  record(service: ServiceType, outcome: { error: boolean; bytes: number; ms: number; skewMs?: number | null }): void {
    let stats = this.#byService.get(service);
    if (stats === undefined) {
      stats = { service, count: 0, errors: 0, bytes: 0, totalMs: 0, clockSkewMs: null };
      this.#byService.set(service, stats);
    }
    stats.count += 1;
    if (outcome.error) stats.errors += 1;
    stats.bytes += outcome.bytes;
    stats.totalMs += outcome.ms;
    if (outcome.skewMs !== undefined && outcome.skewMs !== null) stats.clockSkewMs = outcome.skewMs;
  }

  snapshot(): ServiceStats[] {
    return [...this.#byService.values()].map((s) => ({ ...s, totalMs: Math.round(s.totalMs) }));
  }
}

/**
 * Remote clock minus local clock from a `Date` header, taking the middle of the request as the local time.
 * The header has one-second resolution, so skews under a second are reported as 0.
 */
export function clockSkewMs(dateHeader: string | null, startedAt: number, endedAt: number): number | null {
  if (dateHeader === null) return null;
  const remote = Date.parse(dateHeader);
  if (Number.isNaN(remote)) return null;
  const skew = remote - (startedAt + endedAt) / 2;
  return Math.abs(skew) < 1000 ? 0 : Math.round(skew);
}
