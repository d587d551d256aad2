// The part of the OpenStack `Session` (src/openstack/session.ts) that `collect()` uses, so the inventory can be
// tested against a small in-test object and replayed against any session-shaped source.
import type { ServiceType } from "../config/service-type.ts";

export interface InventoryRequest {
  method?: "GET";
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  microversion?: string;
  okStatuses?: readonly number[];
}

export interface InventorySession {
  readonly cloud: string;
  readonly region: string;
  readonly identity: {
    userId: string;
    projectId: string | null;
    domainId: string | null;
    /** The token's role names (unknown for a replayed inventory): whether listings can span projects at all. */
    roles?: readonly string[];
    /** A system-scoped token. */
    system?: boolean;
  };
  hasService(service: ServiceType): boolean;
  request(service: ServiceType, req: InventoryRequest): Promise<{ status: number; body: unknown }>;
  paginate<T = Record<string, unknown>>(
    service: ServiceType,
    req: InventoryRequest & {
      resourcesKey: string;
      pageSize?: number | "max";
      markerField?: string;
      offsetPaging?: boolean;
      /** What to keep of each item (a few fields of a record), applied by the session as each item is parsed. */
      mapItem: (item: unknown) => T;
    },
  ): AsyncGenerator<T[]>;
  /** The reseller prefix of Swift account names (`AUTH_`); absent: Keystone's default. */
  objectStoreAccountPrefix?(): string;
  stats(): readonly { service: ServiceType; clockSkewMs: number | null }[];
}
