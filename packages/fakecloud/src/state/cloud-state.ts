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

/** The region a cloud of one region has, devstack's default. */
export const FIRST_REGION = "RegionOne";

export class CloudState {
  private readonly collections = new Map<ResourceTypeId, Collection>();
  readonly identity: IdentityStore;
  readonly tokens: TokenStore;
  /** Services left out of the catalog of every token issued from now on (a fault: "service missing"). */
  readonly removedFromCatalog: Set<ServiceType>;
  readonly region: string;
  /**
   * The state that holds Keystone (its projects, domains, users, roles and tokens): this one, or the first region's
   * for another region of a multi-region cloud, which has its own Nova, Cinder, Neutron... but one Keystone.
   */
  readonly keystone: CloudState;
  /** Where each region of the cloud is served, in catalog order (on the Keystone state; empty without sockets). */
  readonly regionUrls = new Map<string, string>();

  private readonly listeners = new Map<keyof CloudEvents, ((payload: never) => void)[]>();

  on<E extends keyof CloudEvents>(event: E, listener: (payload: CloudEvents[E]) => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  emit<E extends keyof CloudEvents>(event: E, payload: CloudEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (payload: CloudEvents[E]) => void)(payload);
  }

  /** `region`: another region served beside the first, sharing its Keystone; absent for the first region. */
  constructor(tokenTtlSeconds: number, region?: { name: string; keystone: CloudState }) {
    this.keystone = region?.keystone ?? this;
    this.region = region?.name ?? FIRST_REGION;
    this.identity = region?.keystone.identity ?? new IdentityStore();
    this.tokens = region?.keystone.tokens ?? new TokenStore(tokenTtlSeconds);
    this.removedFromCatalog = region?.keystone.removedFromCatalog ?? new Set<ServiceType>();
  }

  /** The collection of one resource type, created empty on first use; Keystone's types are the Keystone state's. */
  collection(type: ResourceTypeId): Collection {
    if (this.keystone !== this && type.startsWith("identity.")) return this.keystone.collection(type);
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
