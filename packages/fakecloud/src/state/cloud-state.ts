// Everything one fakecloud holds: the records of every resource type, Keystone's users, roles and tokens,
// and the catalog. Services and the control API read and write it directly; it is plain in-memory data.

import type { ResourceTypeId, ServiceType } from "@stacksweep/names";
import { Collection } from "./collection.ts";
import { IdentityStore } from "./identity-store.ts";
import { TokenStore } from "./token-store.ts";

/**
 * What one service's API did that another service reacts to, as the real services do over RPC/notifications
 * (a deleted server's volumes are detached in Cinder, its allocations removed in Placement). Only API calls
 * announce events; the control API's record surgery deliberately does not.
 */
export interface CloudEvents {
  /** The scheduler placed a new server on `host`: Placement records what it consumes there. */
  "compute.server.created": {
    serverId: string;
    host: string;
    projectId: string;
    userId: string;
    resources: Record<string, number>;
  };
  "compute.server.deleted": { serverId: string };
  /** Nova attached a volume through Cinder: Cinder records the attachment `attachmentId` and the volume is in-use. */
  "compute.volume.attached": { serverId: string; volumeId: string; attachmentId: string; device: string; host: string };
  "compute.volume.detached": { serverId: string; volumeId: string };
}

export class CloudState {
  private readonly collections = new Map<ResourceTypeId, Collection>();
  readonly identity = new IdentityStore();
  readonly tokens: TokenStore;
  /** Services left out of the catalog of every token issued from now on (a fault: "service missing"). */
  readonly removedFromCatalog = new Set<ServiceType>();
  readonly region = "RegionOne";

  private readonly listeners = new Map<keyof CloudEvents, ((payload: never) => void)[]>();

  on<E extends keyof CloudEvents>(event: E, listener: (payload: CloudEvents[E]) => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  emit<E extends keyof CloudEvents>(event: E, payload: CloudEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (payload: CloudEvents[E]) => void)(payload);
  }

  constructor(tokenTtlSeconds: number) {
    this.tokens = new TokenStore(tokenTtlSeconds);
  }

  /** The collection of one resource type, created empty on first use. */
  collection(type: ResourceTypeId): Collection {
    let collection = this.collections.get(type);
    if (collection === undefined) {
      collection = new Collection();
      this.collections.set(type, collection);
    }
    return collection;
  }

  /** Record counts per resource type, for the control API and benchmarks. */
  counts(): Partial<Record<ResourceTypeId, number>> {
    const counts: Partial<Record<ResourceTypeId, number>> = {};
    for (const [type, collection] of this.collections) if (collection.size > 0) counts[type] = collection.size;
    return counts;
  }
}
