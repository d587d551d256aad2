// Holds the active faults and decides which ones a request meets. The HTTP layer acts on the decision.

import type { ServiceType } from "@stacksweep/names";
import type { CloudState } from "../state/cloud-state.ts";
import { faultSpecSchema, type FaultSpec } from "./fault-spec.ts";

export interface ActiveFault {
  id: string;
  spec: FaultSpec;
  /** Requests this fault has hit so far. */
  hits: number;
  /** Requests left before it stops applying, or null for unlimited. */
  remaining: number | null;
}

export interface FaultRequest {
  service: ServiceType;
  method: string;
  /** Path and query, e.g. `/compute/v2.1/servers/detail?all_tenants=1`. */
  pathAndQuery: string;
}

export class FaultInjector {
  private readonly faults = new Map<string, { fault: ActiveFault; pattern: RegExp | undefined }>();
  private nextId = 1;

  constructor(private readonly state: CloudState) {}

  /** Adds a fault and returns its id. Throws a readable error for an invalid spec. */
  add(spec: FaultSpec): string {
    const parsed = faultSpecSchema.parse(spec);
    const id = `fault-${this.nextId++}`;
    const pattern = parsed.path === undefined ? undefined : new RegExp(parsed.path);
    this.faults.set(id, { fault: { id, spec: parsed, hits: 0, remaining: parsed.count ?? null }, pattern });
    return id;
  }

  remove(id: string): boolean {
    return this.faults.delete(id);
  }

  /** Removes every fault and puts every service back in the catalog. */
  clear(): void {
    this.faults.clear();
    this.state.removedFromCatalog.clear();
  }

  list(): ActiveFault[] {
    return [...this.faults.values()].map(({ fault }) => ({ ...fault }));
  }

  /** Every issued token becomes invalid: the next request with any of them gets a 401. */
  expireTokens(): number {
    return this.state.tokens.expireAll();
  }

  /** Tokens issued from now on carry a catalog without this service. */
  removeFromCatalog(service: ServiceType): void {
    this.state.removedFromCatalog.add(service);
  }

  restoreCatalog(service?: ServiceType): void {
    if (service === undefined) this.state.removedFromCatalog.clear();
    else this.state.removedFromCatalog.delete(service);
  }

  /**
   * The faults this request meets, in the order they were added, each counted as used once.
   * A fault with a count stops applying (and is removed) when its count is used up.
   */
  take(request: FaultRequest): FaultSpec[] {
    const matched: FaultSpec[] = [];
    for (const [id, { fault, pattern }] of this.faults) {
      const { spec } = fault;
      if (spec.service !== undefined && spec.service !== request.service) continue;
      if (spec.method !== undefined && spec.method.toUpperCase() !== request.method.toUpperCase()) continue;
      if (pattern !== undefined && !pattern.test(request.pathAndQuery)) continue;
      fault.hits += 1;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults.delete(id);
      }
      matched.push(spec);
    }
    return matched;
  }
}
