// Every request fakecloud answered, for tests and benchmarks that count API calls: a bounded log of the
// latest entries, and exact counters per service that never drop anything.

import type { ServiceType } from "@stacksweep/names";

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path and query as requested. */
  path: string;
  service: ServiceType | "control" | "unknown";
  status: number;
  ms: number;
  requestId: string;
}

export interface ServiceCounter {
  requests: number;
  /** Requests answered with a status of 400 or more (and connections reset). */
  errors: number;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counters = new Map<string, ServiceCounter>();

  /** Keeps the latest `capacity` entries; a benchmark of 100k requests must not grow memory without bound. */
  constructor(private readonly capacity = 50_000) {}

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    const counter = this.counters.get(entry.service) ?? { requests: 0, errors: 0 };
    counter.requests += 1;
    if (entry.status >= 400 || entry.status === 0) counter.errors += 1;
    this.counters.set(entry.service, counter);
  }

  /** The logged entries, oldest first. */
  list(): readonly RequestLogEntry[] {
    return this.entries;
  }

  /** Counters per service (control API requests included under `control`). */
  counts(): Record<string, ServiceCounter> {
    return Object.fromEntries([...this.counters].map(([service, counter]) => [service, { ...counter }]));
  }

  /** Requests to one service, or to all OpenStack services when omitted (control requests excluded). */
  total(service?: ServiceType): number {
    if (service !== undefined) return this.counters.get(service)?.requests ?? 0;
    let total = 0;
    for (const [name, counter] of this.counters) if (name !== "control") total += counter.requests;
    return total;
  }

  reset(): void {
    this.entries = [];
    this.counters = new Map();
  }
}
