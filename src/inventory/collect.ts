// Lists, for one cloud region, every resource type the enabled checks need, once each, all services in parallel
// (the session limits requests per endpoint), proves each listing spans every project, and confirms references
// that look missing with one lookup each as soon as the listings they depend on are complete.

import type { DeepSources } from "../deep/deep-source.ts";
import type { ClockReading, Coverage, Inventory } from "./inventory.ts";
import type { CollectProgress } from "./collect-progress.ts";
import type { InventorySession } from "./inventory-session.ts";
import { crossProjectProof, unprovenService } from "./cross-project.ts";
import { listingFailure, type IncompleteCoverage } from "./listing-failure.ts";
import { parseOpenStackTime } from "./parse-openstack-time.ts";
import { recordId } from "./record-id.ts";
import { matchesFilters } from "./record-filter.ts";
import { ReferenceConfirmer } from "./reference-confirmer.ts";
import { resourceType } from "./registry.ts";
import type { DeepListing, PagedListing, PerAccountListing, PerParentListing, ResourceType } from "./resource-type.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";
import { typeTrimmer } from "./trim-record.ts";
import { accountPath, DEFAULT_RESELLER_PREFIX } from "../openstack/object-store-account.ts";

export interface CollectOptions {
  /** The types the enabled checks need (their `needs` and `optional`); parents of per-parent types are added. */
  types: readonly ResourceTypeId[];
  /** The scanner's clock; `scannedAt` and heartbeat readings use it. */
  now?: () => Date;
  onProgress?: (event: CollectProgress) => void;
  /**
   * A project scan: owned types list only this project's records (with the API's owner filter where it has one,
   * and every record checked against the owner field, since an admin may be shown every project's records). Types
   * without an owner are listed whole.
   */
  projectId?: string;
  /** The sources below the API opened for this region (`--deep` and `deep:` in stacksweep.yaml); none by default. */
  deepSources?: DeepSources;
  /**
   * Projects whose Swift accounts a full scan lists besides those of the deleted projects other types name as owner
   * (`objectStore.projects` in stacksweep.yaml): Swift cannot list its accounts, so the operator may name more.
   */
  objectStoreProjects?: readonly string[];
  /** The order in which absent ids are sampled for confirmation (tests fix it); default Math.random. */
  random?: () => number;
  /** What Keystone answered this scan's other regions of the same cloud: taken instead of asking again. */
  keystone?: KeystoneShare;
}

/**
 * What one Keystone answers for every region of a cloud; a scan of several regions keeps one per cloud. Keystone is
 * one service behind every region of its catalog, so the regions after the first take the first one's complete
 * listings of Keystone's types (at 28,500 projects, a project list is a 776 KB answer, and a large Keystone spends
 * seconds on one) and the ids its lookups found gone. A project created or deleted after the first region listed is
 * handled as within one region: an owner absent from the list is looked up before anything is called an orphan, and
 * a project deleted since is found by the next scan.
 */
export class KeystoneShare {
  /** Listings of Keystone's types (by the API), as the first region that asked made them. */
  readonly listings = new Map<ResourceTypeId, Promise<Listed>>();
  /** Keystone's records a lookup found gone (`identity.project <id>`): Keystone never gives an id out again. */
  readonly gone = new Set<string>();
}

/** Whether the regions of a cloud share a type's listing (`KeystoneShare`): Keystone's, made through its API. */
export function isKeystoneListing(type: ResourceType): boolean {
  return type.service === "identity" && type.list.kind === "paged";
}

interface Listed {
  records: Record<string, unknown>[];
  coverage: Coverage;
  /** When its first request was sent (absent: nothing was sent). */
  startedAt?: number;
  /** For a complete listing: whether it proved it spans every project, or needs another of its service to. */
  proof?: "proven" | "unproven" | "not-asked";
  /** When the last answer arrived: the local time a heartbeat in it is compared with. */
  finishedAt: number;
}

type RecordValue = Record<string, unknown>;

export async function collect(session: InventorySession, options: CollectOptions): Promise<Inventory> {
  const now = options.now ?? (() => new Date());
  const scannedAt = now().toISOString();
  const { cloud, region } = session;
  const emit = (event: CollectProgress): void => options.onProgress?.(event);
  const listings = new Map<ResourceTypeId, Promise<Listed>>();
  // One copy of each value records repeat, whatever their type (a project id is every owned type's owner).
  const shared = new Map<string, unknown>();
  const trimmer = (type: ResourceType): ((record: RecordValue) => RecordValue) => typeTrimmer(type, shared);

  const list = (id: ResourceTypeId): Promise<Listed> => {
    let listing = listings.get(id);
    if (listing === undefined) {
      const type = resourceType(id);
      listing = isKeystoneListing(type) ? listKeystone(type) : listType(type);
      listings.set(id, listing);
    }
    return listing;
  };

  /** Another region's complete listing of a Keystone type, from the cloud's share; otherwise this region's own. */
  const listKeystone = async (type: ResourceType): Promise<Listed> => {
    const share = options.keystone;
    const earlier = await share?.listings.get(type.id);
    if (earlier === undefined || earlier.coverage.status !== "complete") {
      const listing = listType(type);
      share?.listings.set(type.id, listing);
      return listing;
    }
    // This region asked for nothing: its coverage says so.
    const listed = { ...earlier, coverage: { ...earlier.coverage, requests: 0 } };
    emit({ kind: "listing-started", cloud, region, type: type.id });
    emit({ kind: "listing-finished", cloud, region, type: type.id, coverage: listed.coverage });
    return listed;
  };

  const listType = async (type: ResourceType): Promise<Listed> => {
    if (type.list.kind === "deep") return listDeep(type, type.list);
    if (!session.hasService(type.service)) {
      const reason = `no ${type.service} service in the catalog of ${cloud} region ${region}`;
      const listed = (await standIn(type, reason)) ?? {
        records: [],
        coverage: { status: "absent", reason },
        finishedAt: now().getTime(),
      };
      emit({ kind: "listing-finished", cloud, region, type: type.id, coverage: listed.coverage });
      return listed;
    }
    if (type.list.kind === "per-account") return listAccounts(type, type.list);
    // A per-parent type waits for its parent, so the parent's own "started" comes first.
    const parent = type.list.kind === "per-parent" ? await list(type.list.parent) : null;
    emit({ kind: "listing-started", cloud, region, type: type.id });
    const startedAt = now().getTime();
    let listed: Listed;
    try {
      const onPage = (records: number, requests: number): void =>
        emit({ kind: "page", cloud, region, type: type.id, records, requests });
      const { records, requests } =
        type.list.kind === "paged"
          ? await listPaged(session, type, type.list, trimmer(type), onPage, options.projectId)
          : await listPerParent(session, type, type.list, parent!, trimmer(type), onPage);
      const proof =
        type.id === "identity.project"
          ? (projectSetProblem(records, session.identity.projectId) ?? "not-asked")
          : await crossProjectProof(session, type, records);
      listed =
        typeof proof === "object"
          ? { records: [], coverage: proof, startedAt, finishedAt: now().getTime() }
          : {
              records,
              coverage: { status: "complete", count: records.length, requests },
              startedAt,
              finishedAt: now().getTime(),
              proof,
            };
    } catch (error) {
      // A partial listing is never kept: a check must not read half a collection as if it were all of it.
      const failure = listingFailure(error);
      listed = (await standIn(type, failure.reason)) ?? {
        records: [],
        coverage: failure,
        startedAt,
        finishedAt: now().getTime(),
      };
    }
    emit({ kind: "listing-finished", cloud, region, type: type.id, coverage: listed.coverage });
    return listed;
  };

  /**
   * The fallback: a source below the API that can list this API type (the service's database) lists it when the API
   * could not. Null when none is configured; a failed fallback keeps both reasons.
   */
  const standIn = async (type: ResourceType, apiFailure: string): Promise<Listed | null> => {
    const source = [...(options.deepSources?.values() ?? [])].find((deep) => deep.standsInFor?.(type.id) === true);
    if (source === undefined) return null;
    try {
      const { records, requests } = await source.list(type.id, { cloud, region, inputs: new Map() });
      const kept = records.map(trimmer(type));
      const coverage: Coverage = { status: "complete", count: kept.length, requests, source: source.id, apiFailure };
      return { records: kept, coverage, finishedAt: now().getTime() };
    } catch (error) {
      const reason = `${apiFailure}; the ${source.id} fallback failed too: ${listingFailure(error).reason}`;
      return { records: [], coverage: { status: "failed", reason }, finishedAt: now().getTime() };
    }
  };

  /**
   * Containers of the accounts this scan can name (PerAccountListing): the project of a project scan; otherwise the
   * projects the complete project list lacks that other listed types name as owner, and the operator's own list.
   * An account is read as soon as it is named: the owners of listings that finish early are read while the longest
   * listings still run, instead of every account after the last of them (at a million resources, 571 accounts took
   * 1.9 s of a 14 s scan that way, with both the scanner and the cloud idle).
   */
  const listAccounts = async (type: ResourceType, listing: PerAccountListing): Promise<Listed> => {
    // The project list is registered at once, with the scan's other listings (the confirmer is told of it); every
    // listing of this scan is registered by the time this resumes, so the owners below are all of them.
    const projectListing = list("identity.project");
    await Promise.resolve();
    const owned = [...listings.keys()].filter((id) => {
      const other = resourceType(id);
      return other.ownerField !== null && other.list.kind !== "per-account";
    });
    emit({ kind: "listing-started", cloud, region, type: type.id });
    const startedAt = now().getTime();
    const onPage = (records: number, requests: number): void =>
      emit({ kind: "page", cloud, region, type: type.id, records, requests });
    const accounts = accountLister(session, type, listing, trimmer(type), onPage);
    let listed: Listed;
    try {
      let scope: string | null = null;
      // A project scan's own account is listed whole, with no scope to state.
      if (options.projectId !== undefined) accounts.add(options.projectId);
      else {
        // Only with the complete project list: an incomplete one would make a live project's id look deleted.
        const live = new Set(completeInput("identity.project", await projectListing).map((record) => record.id));
        const named = options.objectStoreProjects ?? [];
        for (const projectId of named) accounts.add(projectId);
        const absentOwners = new Set<string>();
        await Promise.all(
          owned.map(async (id) => {
            const ownerField = resourceType(id).ownerField!;
            for (const record of (await list(id)).records) {
              const owner = record[ownerField];
              if (typeof owner !== "string" || owner === "" || live.has(owner)) continue;
              absentOwners.add(owner);
              accounts.add(owner);
            }
          }),
        );
        scope = accountsScope(accounts.named(), absentOwners.size, named.length);
      }
      const { records, requests } = await accounts.finished();
      listed = {
        records,
        coverage: { status: "complete", count: records.length, requests, ...(scope === null ? {} : { scope }) },
        startedAt,
        finishedAt: now().getTime(),
      };
    } catch (error) {
      listed = { records: [], coverage: listingFailure(error), startedAt, finishedAt: now().getTime() };
    }
    emit({ kind: "listing-finished", cloud, region, type: type.id, coverage: listed.coverage });
    return listed;
  };

  const listDeep = async (type: ResourceType, listing: DeepListing): Promise<Listed> => {
    const source = options.deepSources?.get(listing.source);
    if (source === undefined) {
      const coverage: Coverage = {
        status: "skipped",
        reason: `the ${listing.source} source is not enabled for ${cloud} region ${region} (--deep, deep: in stacksweep.yaml)`,
      };
      emit({ kind: "listing-finished", cloud, region, type: type.id, coverage });
      return { records: [], coverage, finishedAt: now().getTime() };
    }
    // Inputs (the amphorae whose agents are probed) are listed first; an incomplete one fails this listing too.
    const inputs = new Map<string, readonly RecordValue[]>();
    const inputListings = await Promise.all(
      (listing.inputs ?? []).map(async (input) => [input, await list(input)] as const),
    );
    emit({ kind: "listing-started", cloud, region, type: type.id });
    let listed: Listed;
    try {
      for (const [input, listed] of inputListings) inputs.set(input, completeInput(input, listed));
      const { records, requests, via } = await source.list(type.id, { cloud, region, inputs });
      const kept = records.map(trimmer(type));
      listed = {
        records: kept,
        coverage: { status: "complete", count: kept.length, requests, ...(via === undefined ? {} : { via }) },
        finishedAt: now().getTime(),
      };
    } catch (error) {
      listed = { records: [], coverage: listingFailure(error), finishedAt: now().getTime() };
    }
    emit({ kind: "listing-finished", cloud, region, type: type.id, coverage: listed.coverage });
    return listed;
  };

  // Every listing, parents of per-parent types included, is registered before the first one can finish, those of
  // the service with the most listings first: its answers queue longest (an API answers a few at a time), and its
  // first answer is the one the other services' requests wait for (a new token goes out alone first: Session), a
  // wait that service's own queue makes anyway.
  const wanted = [...new Set(options.types)];
  const listingsOf = new Map<string, number>();
  for (const id of wanted) {
    const service = resourceType(id).service;
    listingsOf.set(service, (listingsOf.get(service) ?? 0) + 1);
  }
  const queued = (id: ResourceTypeId): number => listingsOf.get(resourceType(id).service)!;
  wanted.sort((a, b) => queued(b) - queued(a));
  for (const id of wanted) void list(id);
  const confirmer = new ReferenceConfirmer(session, [...listings.keys()], emit, options.random, options.keystone?.gone);
  await Promise.all(
    [...listings].map(([id, listing]) => listing.then((finished) => confirmer.listingFinished(id, finished))),
  );

  const listed = new Map<ResourceTypeId, Listed>();
  for (const [id, listing] of listings) listed.set(id, await listing);

  const { confirmations, failedTargets } = await confirmer.settle();
  for (const [target, coverage] of failedTargets) {
    listed.set(target, { ...listed.get(target)!, records: [], coverage });
    // A Keystone listing a lookup proved incomplete is not another region's to take: the next one lists again.
    options.keystone?.listings.delete(target);
  }
  // One listing of a service that spans projects proves the service honours all_tenants for its empty ones too.
  const provenServices = new Set(
    [...listed].filter(([, l]) => l.proof === "proven").map(([id]) => resourceType(id).service),
  );
  for (const [id, entry] of listed) {
    if (entry.proof !== "unproven" || entry.coverage.status !== "complete") continue;
    if (!provenServices.has(resourceType(id).service))
      listed.set(id, { ...entry, records: [], coverage: unprovenService(resourceType(id)) });
  }

  const inventory: Inventory = {
    schemaVersion: 1,
    cloud,
    region,
    scannedAt,
    caller: {
      userId: session.identity.userId,
      projectId: session.identity.projectId,
      domainId: session.identity.domainId,
    },
    resources: {},
    coverage: {},
    confirmations,
    clock: clockReadings(session, listed),
  };
  for (const [id, { records, coverage }] of listed) {
    inventory.coverage[id] = coverage;
    if (coverage.status === "complete") inventory.resources[id] = records;
  }
  return inventory;
}

async function listPaged(
  session: InventorySession,
  type: ResourceType,
  listing: PagedListing,
  trim: (record: RecordValue) => RecordValue,
  onPage: (records: number, requests: number) => void,
  projectId: string | undefined,
): Promise<{ records: RecordValue[]; requests: number }> {
  const records: RecordValue[] = [];
  // Variants of one listing may overlap, and so may pages asked by offset while the collection changes: a record
  // counts once. Pages asked by marker (what a next link names) follow the services' order by fields that never
  // change (id, created_at), so they repeat no record and keep no set of ids: at a million records the sets were
  // ≈ 60 MB of garbage still in the heap when the checks ran, since no full collection came between.
  const seen = (listing.variants?.length ?? 1) > 1 || listing.offsetPaging === true ? new Set<string>() : null;
  let requests = 0;
  const owner = projectId === undefined ? null : type.ownerField;
  const ownerQuery = owner === null || listing.ownerQuery === undefined ? {} : { [listing.ownerQuery]: projectId! };
  for (const variant of listing.variants ?? [{}]) {
    const request = {
      path: listing.path,
      resourcesKey: listing.resourcesKey,
      query: {
        ...listing.query,
        ...variant,
        ...ownerQuery,
        ...(listing.sendFields ? { fields: type.fields } : {}),
      },
      ...(listing.microversion === undefined ? {} : { microversion: listing.microversion }),
      ...(listing.headers === undefined ? {} : { headers: listing.headers }),
      ...(listing.pageSize === null ? {} : { pageSize: listing.pageSize }),
      ...(listing.markerField === undefined ? {} : { markerField: listing.markerField }),
      ...(listing.offsetPaging === true ? { offsetPaging: true } : {}),
      // Trimmed as each record is parsed: the full answer dies young instead of a page of it outliving the parse.
      mapItem: (raw: unknown): RecordValue | null => (isRecord(raw) ? trim(raw) : null),
    };
    for await (const page of session.paginate<RecordValue | null>(type.service, request)) {
      requests += 1;
      for (const record of page) {
        if (record === null || (owner !== null && record[owner] !== projectId)) continue;
        if (seen !== null) {
          const id = recordId(type, record);
          if (id !== null) {
            if (seen.has(id)) continue;
            seen.add(id);
          }
        }
        records.push(record);
      }
      onPage(records.length, requests);
    }
  }
  return { records, requests };
}

async function listPerParent(
  session: InventorySession,
  type: ResourceType,
  listing: PerParentListing,
  parent: Listed,
  trim: (record: RecordValue) => RecordValue,
  onPage: (records: number, requests: number) => void,
): Promise<{ records: RecordValue[]; requests: number }> {
  completeInput(listing.parent, parent);
  const records: RecordValue[] = [];
  let requests = 0;
  const parentIds = parent.records
    .filter((record) => matchesFilters(record, listing.parentFilter))
    .map((record) => record[listing.parentIdField])
    .filter((id): id is string => typeof id === "string" && id !== "");
  await Promise.all(
    parentIds.map(async (parentId) => {
      const path = listing.path.replace("{parent}", encodeURIComponent(parentId));
      const answer = await session.request(type.service, {
        path,
        okStatuses: [200, 404],
        ...(listing.microversion === undefined ? {} : { microversion: listing.microversion }),
      });
      requests += 1;
      // 404: the parent was deleted after it was listed, and its children with it.
      if (answer.status === 404) return;
      const collection = isRecord(answer.body) ? answer.body[listing.resourcesKey] : undefined;
      for (const raw of childRecords(collection, listing, path)) {
        const record = trim({ ...raw, [listing.parentField]: raw[listing.parentField] ?? parentId });
        records.push(record);
      }
      onPage(records.length, requests);
    }),
  );
  return { records, requests };
}

/** What a full scan could not see of Swift, which has no call that lists accounts: the scope its listing states. */
function accountsScope(accounts: number, absentOwners: number, named: number): string {
  return (
    `the accounts of ${accounts} project${accounts === 1 ? "" : "s"}: ${absentOwners} that Keystone no longer lists and other ` +
    `resources name as owner, ${named} named in objectStore.projects. Swift has no call that lists accounts: ` +
    "a deleted project that left only containers is seen by a project scan of it (stacksweep watch) or when named"
  );
}

/**
 * Lists each account it is given once, as soon as it is given: its containers page by page (`limit`, then `marker`
 * = the last name) until a short page. Swift answers an account that was never written with an empty listing (its
 * proxy autocreates accounts), so an empty answer is the truth for both. `finished` is asked once every account is
 * given; the first failure fails it.
 */
function accountLister(
  session: InventorySession,
  type: ResourceType,
  listing: PerAccountListing,
  trim: (record: RecordValue) => RecordValue,
  onPage: (records: number, requests: number) => void,
): {
  add(projectId: string): void;
  named(): number;
  finished(): Promise<{ records: RecordValue[]; requests: number }>;
} {
  const records: RecordValue[] = [];
  let requests = 0;
  const prefix = session.objectStoreAccountPrefix?.() ?? DEFAULT_RESELLER_PREFIX;
  const ownerField = type.ownerField!;
  const started = new Map<string, Promise<void>>();
  const listAccount = async (projectId: string): Promise<void> => {
    const path = accountPath(prefix, projectId);
    let marker: string | null = null;
    for (;;) {
      const answer = await session.request(type.service, {
        path,
        query: { format: "json", limit: listing.pageSize, ...(marker === null ? {} : { marker }) },
      });
      requests += 1;
      const page = answer.body ?? [];
      if (!Array.isArray(page)) throw new Error(`GET ${path}?format=json: the answer is not a JSON list`);
      for (const raw of page) {
        if (isRecord(raw)) records.push(trim({ ...raw, [ownerField]: projectId }));
      }
      onPage(records.length, requests);
      const last: unknown = page.at(-1);
      const next = isRecord(last) ? last[listing.markerField] : undefined;
      if (page.length < listing.pageSize || typeof next !== "string") return;
      if (next === marker) throw new Error(`GET ${path}: the marker ${next} repeats`);
      marker = next;
    }
  };
  return {
    add(projectId) {
      if (started.has(projectId)) return;
      const listed = listAccount(projectId);
      // Awaited by `finished`; until then (or when a failed project list means it never is) not unhandled.
      listed.catch(() => undefined);
      started.set(projectId, listed);
    },
    named: () => started.size,
    async finished() {
      await Promise.all(started.values());
      return { records, requests };
    },
  };
}

/** The records of a listing another one is built from, which must be complete: otherwise that one fails too. */
function completeInput(id: ResourceTypeId, { records, coverage }: Listed): RecordValue[] {
  if (coverage.status !== "complete") throw new Error(`needs ${id}, which is ${coverage.status}: ${coverage.reason}`);
  return records;
}

function childRecords(collection: unknown, listing: PerParentListing, path: string): RecordValue[] {
  if (listing.shape === "list" && Array.isArray(collection)) return collection.filter(isRecord);
  if (listing.shape === "map" && isRecord(collection)) {
    const keyField = listing.mapKeyField ?? "id";
    return Object.entries(collection).map(([key, value]) => ({ ...(isRecord(value) ? value : {}), [keyField]: key }));
  }
  throw new Error(
    `GET ${path}: the answer has no "${listing.resourcesKey}" ${listing.shape === "map" ? "object" : "list"}`,
  );
}

/**
 * Keystone's list is the owner set of every orphan check, so it must be beyond doubt: an empty list or one that
 * lacks the caller's own project is filtered or broken, and would make every resource look orphaned.
 */
function projectSetProblem(records: RecordValue[], callerProjectId: string | null): IncompleteCoverage | null {
  if (records.length === 0) return { status: "failed", reason: "Keystone listed no project at all" };
  if (callerProjectId !== null && !records.some((record) => record.id === callerProjectId)) {
    return {
      status: "failed",
      reason: `Keystone's project list lacks the caller's own project ${callerProjectId}: it is filtered or incomplete`,
    };
  }
  return null;
}

function clockReadings(session: InventorySession, listed: ReadonlyMap<ResourceTypeId, Listed>): ClockReading[] {
  const readings: ClockReading[] = [];
  for (const stat of session.stats()) {
    if (stat.clockSkewMs !== null) readings.push({ source: `endpoint:${stat.service}`, skewMs: stat.clockSkewMs });
  }
  for (const [id, { records, coverage, finishedAt }] of listed) {
    const heartbeat = resourceType(id).heartbeat;
    if (heartbeat === undefined || coverage.status !== "complete") continue;
    for (const record of records) {
      const beat = parseOpenStackTime(record[heartbeat.timeField]);
      if (beat === null || beat <= finishedAt) continue;
      const label = heartbeat.labelFields
        .map((field) => {
          const value = record[field];
          return typeof value === "string" ? value : "?";
        })
        .join("@");
      readings.push({ source: `${id}:${label}`, skewMs: beat - finishedAt });
    }
  }
  return readings;
}

function isRecord(value: unknown): value is RecordValue {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
