// What one OpenStack service contributes to fakecloud: its routes, its catalog entries, its microversions,
// and the seeders that turn a scenario's partial records into full ones. See README.md, "Adding a service".

import type { Hono } from "hono";
import type { ResourceTypeId, ServiceType } from "@stacksweep/names";
import type { FakeEnv } from "./http/fake-env.ts";
import type { KeystoneNotifier } from "./notifications/keystone-notifier.ts";
import type { MicroversionRange } from "./http/microversion.ts";
import type { TimeFormat } from "./http/time-format.ts";
import type { ResourceRecord } from "./state/collection.ts";
import type { CloudState } from "./state/cloud-state.ts";

export interface CatalogEntry {
  /** The catalog `type` (`compute`, `volumev3`, ...). */
  type: string;
  /** The catalog `name` (`nova`, `cinder`, ...). */
  name: string;
  /** The endpoint's path under the cloud's root; `{project_id}` is replaced by the token's project. */
  path: string;
}

export interface SeedContext {
  state: CloudState;
  /** The moment of seeding: defaults for `created_at`/`updated_at` are relative to it. */
  now: Date;
  /** The admin project: the owner of records that name none (what an admin creating them would get). */
  adminProjectId: string;
  /** The admin user. */
  adminUserId: string;
}

export interface Seeder {
  /** How this service prints times: relative times in a scenario (`-2h`) are written in this format. */
  timeFormat: TimeFormat;
  /**
   * Returns the full record for a partial one: realistic defaults for every field the partial lacks, then
   * checks of the fields it sets (throw `InvalidFieldError` naming the field and what was expected).
   * The partial always has its `id`, and its references and relative times are already resolved.
   */
  build(partial: ResourceRecord, ctx: SeedContext): ResourceRecord;
}

export interface ServiceContext {
  state: CloudState;
  /** Every catalog entry of every registered service (Keystone builds token catalogs from these). */
  catalog: readonly { serviceType: ServiceType; entry: CatalogEntry }[];
  /** Keystone's notifications on RabbitMQ, when fakecloud was started with a transport URL. */
  notifier?: KeystoneNotifier;
}

export interface ServiceModule {
  serviceType: ServiceType;
  /** Where the service is served under the cloud's root, like devstack: `/compute`, `/volume`. */
  pathPrefix: `/${string}`;
  catalog: readonly CatalogEntry[];
  microversion?: MicroversionRange;
  /** Requests answered without a token (version discovery); `path` is relative to `pathPrefix`. */
  isPublic(method: string, path: string): boolean;
  seeders: Partial<Record<ResourceTypeId, Seeder>>;
  /** The service's routes, relative to `pathPrefix`. Anything it leaves unmatched gets the "unknown route" 404. */
  routes(ctx: ServiceContext): Hono<FakeEnv>;
}
