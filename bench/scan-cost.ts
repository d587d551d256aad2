// The physical cost of one scan of one region, derived from the declared resource types and the records the cloud
// holds: the fewest requests any scanner needs, and the longest chain of requests that must follow one another.

import { isKeystoneListing } from "../src/inventory/collect.ts";
import { matchesFilters } from "../src/inventory/record-filter.ts";
import { recordId } from "../src/inventory/record-id.ts";
import { resourceType } from "../src/inventory/registry.ts";
import { referencesOf, referenceValues } from "../src/inventory/references-of.ts";
import type { PagedListing } from "../src/inventory/resource-type.ts";
import type { ResourceTypeId } from "../src/inventory/resource-type-id.ts";
import { MICROVERSION_SERVICE_NAME } from "../src/openstack/microversion.ts";
import { MAX_PAGE_SIZE } from "../src/openstack/paginate.ts";
import type { ServiceType } from "../src/config/service-type.ts";

/** The records a listing of `type` returns, as the API shows them (every project's, all variants together). */
export type CloudRecords = (type: ResourceTypeId) => readonly Record<string, unknown>[];

export interface ListingCost {
  type: ResourceTypeId;
  service: ServiceType;
  records: number;
  /** The fewest requests that read the whole listing. */
  requests: number;
  /** Requests that must follow one another from the first token to the listing's last page, discovery included. */
  chain: number;
}

export interface ScanCost {
  listings: ListingCost[];
  /** One token request. */
  auth: number;
  /** One version document per service whose requests carry a microversion. */
  discovery: ServiceType[];
  /** Distinct referenced ids absent from their target's listing: one `GET` by id each, whatever the scanner. */
  confirmations: number;
  /** Those of Keystone's records (`identity.project <id>`): a later region of the cloud need not ask again. */
  keystoneLookups: ReadonlySet<string>;
  minRequests: number;
  /** `minRequests` by service (the token request under identity). */
  minRequestsByService: Partial<Record<ServiceType, number>>;
  /** The longest chain of sequential requests (auth included), bounded below by each service's concurrency. */
  criticalRounds: number;
  /** Which bound set `criticalRounds`: a chain of dependent requests, or a service's requests at its concurrency. */
  criticalBound:
    { kind: "chain"; type: ResourceTypeId | "confirmations" } | { kind: "concurrency"; service: ServiceType };
}

export interface ScanCostOptions {
  /** Requests in flight per service that the scanner allows itself (the Session's default is 8). */
  concurrencyPerService: number;
}

/**
 * The cost of listing `types` (and the parents of per-parent types) and confirming every reference that looks
 * missing. A paged listing of n records needs max(1, ceil(n / page)) requests in a row (the services link a next
 * page only while more records follow); one that does not paginate needs one; a per-parent listing needs one
 * request per matching parent, all after the parent's listing.
 */
export function scanCost(types: readonly ResourceTypeId[], records: CloudRecords, options: ScanCostOptions): ScanCost {
  const wanted = withParents(types);
  const discovery = [...new Set(wanted.filter(usesMicroversion).map((id) => resourceType(id).service))];
  const discovered = new Set(discovery);
  const costs = new Map<ResourceTypeId, ListingCost>();

  const costOf = (id: ResourceTypeId): ListingCost => {
    const known = costs.get(id);
    if (known !== undefined) return known;
    const type = resourceType(id);
    const listed = records(id);
    // The first request to a service that negotiates microversions waits for its version document.
    const discoveryRound = discovered.has(type.service) ? 1 : 0;
    let cost: ListingCost;
    if (type.list.kind === "paged") {
      const pages = variantSizes(type.list, listed).map((size) =>
        pagesFor(type.service, type.list as PagedListing, size),
      );
      cost = {
        type: id,
        service: type.service,
        records: listed.length,
        requests: pages.reduce((sum, count) => sum + count, 0),
        // Variants are independent listings: an ideal scanner reads them side by side.
        chain: discoveryRound + Math.max(...pages),
      };
    } else if (type.list.kind === "deep") {
      // Below the API: no API request (the bench's cloud has no deep source).
      cost = { type: id, service: type.service, records: listed.length, requests: 0, chain: discoveryRound };
    } else if (type.list.kind === "per-account") {
      // One account listing per project the project list lacks that an owned listing names (a deleted project's),
      // after all of them: ceil(containers / page) requests each, at least one.
      const pageSize = type.list.pageSize;
      const owned = wanted.filter((other) => {
        const declared = resourceType(other);
        return declared.ownerField !== null && declared.list.kind !== "per-account";
      });
      const live = new Set(records("identity.project").map((project) => project.id));
      const accounts = new Map<string, number>();
      for (const other of owned) {
        const ownerField = resourceType(other).ownerField!;
        for (const record of records(other)) {
          const owner = record[ownerField];
          if (typeof owner === "string" && owner !== "" && !live.has(owner)) accounts.set(owner, 0);
        }
      }
      for (const container of listed) {
        const owner = container[type.ownerField!];
        if (typeof owner === "string" && accounts.has(owner)) accounts.set(owner, accounts.get(owner)! + 1);
      }
      const pages = [...accounts.values()].map((containers) => Math.max(1, Math.ceil(containers / pageSize)));
      const after = Math.max(costOf("identity.project").chain, ...owned.map((other) => costOf(other).chain));
      cost = {
        type: id,
        service: type.service,
        records: [...accounts.keys()].reduce((sum, account) => sum + (accounts.get(account) ?? 0), 0),
        requests: pages.reduce((sum, count) => sum + count, 0),
        chain: after + Math.max(0, ...pages),
      };
    } else {
      const { parentFilter } = type.list;
      const parent = costOf(type.list.parent);
      const parents = records(type.list.parent).filter((record) => matchesFilters(record, parentFilter)).length;
      cost = {
        type: id,
        service: type.service,
        records: listed.length,
        requests: parents,
        chain: Math.max(parent.chain, discoveryRound) + Math.ceil(parents / options.concurrencyPerService),
      };
    }
    costs.set(id, cost);
    return cost;
  };
  for (const id of wanted) costOf(id);

  const {
    count: confirmations,
    chain: confirmationChain,
    byService,
    keystoneLookups,
  } = confirmationCost([...costs.values()], records, options);

  const listings = [...costs.values()];
  const auth = 1;
  const minRequests =
    auth + discovery.length + confirmations + listings.reduce((sum, listing) => sum + listing.requests, 0);

  let criticalBound: ScanCost["criticalBound"] = { kind: "chain", type: "identity.project" };
  let rounds = 0;
  for (const listing of listings) {
    if (listing.chain > rounds) {
      rounds = listing.chain;
      criticalBound = { kind: "chain", type: listing.type };
    }
  }
  if (confirmationChain > rounds) {
    rounds = confirmationChain;
    criticalBound = { kind: "chain", type: "confirmations" };
  }
  // However the requests are ordered, a service answers at most `concurrency` of them at a time.
  const perService = new Map<ServiceType, number>(byService);
  for (const service of discovery) perService.set(service, (perService.get(service) ?? 0) + 1);
  for (const listing of listings)
    perService.set(listing.service, (perService.get(listing.service) ?? 0) + listing.requests);
  for (const [service, requests] of perService) {
    const serviceRounds = Math.ceil(requests / options.concurrencyPerService);
    if (serviceRounds > rounds) {
      rounds = serviceRounds;
      criticalBound = { kind: "concurrency", service };
    }
  }

  const minRequestsByService: Partial<Record<ServiceType, number>> = Object.fromEntries(perService);
  minRequestsByService.identity = (minRequestsByService.identity ?? 0) + auth;

  return {
    listings,
    auth,
    discovery,
    confirmations,
    keystoneLookups,
    minRequests,
    minRequestsByService,
    criticalRounds: auth + rounds,
    criticalBound,
  };
}

/** The types as `collect()` lists them: each per-parent type brings its parent. */
function withParents(types: readonly ResourceTypeId[]): ResourceTypeId[] {
  const all = new Set<ResourceTypeId>();
  const add = (id: ResourceTypeId): void => {
    if (all.has(id)) return;
    all.add(id);
    const list = resourceType(id).list;
    if (list.kind === "per-parent") add(list.parent);
  };
  types.forEach(add);
  return [...all];
}

function usesMicroversion(id: ResourceTypeId): boolean {
  const type = resourceType(id);
  return (
    (type.list.kind === "paged" || type.list.kind === "per-parent") &&
    type.list.microversion !== undefined &&
    MICROVERSION_SERVICE_NAME[type.service] !== undefined
  );
}

function pagesFor(service: ServiceType, listing: PagedListing, size: number): number {
  const page = listing.pageSize === "max" ? MAX_PAGE_SIZE[service] : listing.pageSize;
  if (page === null || page === undefined) return 1;
  // Paged by offset without next links (Manila): a full page is followed by one more request, to learn it was the last.
  if (listing.offsetPaging === true) return Math.floor(size / page) + 1;
  // An empty listing still takes one request to learn that it is empty.
  return Math.max(1, Math.ceil(size / page));
}

/**
 * How many records each variant of a listing returns. A variant's extra parameters select the records whose fields
 * hold those values (Glance's `os_hidden=true`); the plain listing returns the rest, hidden by the filter's default.
 */
function variantSizes(listing: PagedListing, listed: readonly Record<string, unknown>[]): number[] {
  const variants = listing.variants ?? [{}];
  const sizes: number[] = variants.map(() => 0);
  const plain = variants.findIndex((variant) => Object.keys(variant).length === 0);
  for (const record of listed) {
    const index = variants.findIndex(
      (variant) =>
        Object.keys(variant).length > 0 &&
        Object.entries(variant).every(([field, value]) => String(record[field]) === String(value)),
    );
    const into = index === -1 ? plain : index;
    if (into !== -1) sizes[into] = (sizes[into] ?? 0) + 1;
  }
  return sizes;
}

/**
 * The lookups no scanner can avoid: each distinct id that a listed record references (its owner project, a server
 * under a port) and that the target's listing lacks. A lookup can start once the target's listing and one listing
 * that references the id are complete.
 */
function confirmationCost(
  listings: readonly ListingCost[],
  records: CloudRecords,
  options: ScanCostOptions,
): { count: number; chain: number; byService: Map<ServiceType, number>; keystoneLookups: Set<string> } {
  const listed = new Map(listings.map((listing) => [listing.type, listing]));
  const present = new Map<ResourceTypeId, Set<string>>();
  const presentIds = (target: ResourceTypeId): Set<string> => {
    let ids = present.get(target);
    if (ids === undefined) {
      ids = new Set();
      const type = resourceType(target);
      for (const record of records(target)) {
        const id = recordId(type, record);
        if (id !== null) ids.add(id);
      }
      // A domain owns what it owns as a project would, and Keystone leaves domains out of the project list.
      if (target === "identity.project" && listed.has("identity.domain")) {
        for (const domain of records("identity.domain")) if (typeof domain.id === "string") ids.add(domain.id);
      }
      present.set(target, ids);
    }
    return ids;
  };

  // For each missing id, the earliest round at which some listing that references it is complete.
  const earliest = new Map<ResourceTypeId, Map<string, number>>();
  for (const listing of listings) {
    for (const reference of referencesOf(resourceType(listing.type))) {
      // Nothing can look missing from a listing that is not made, and a type with no show call is never looked up.
      if (!listed.has(reference.target) || resourceType(reference.target).show === null) continue;
      const known = presentIds(reference.target);
      let missing = earliest.get(reference.target);
      if (missing === undefined) earliest.set(reference.target, (missing = new Map<string, number>()));
      for (const record of records(listing.type)) {
        for (const value of referenceValues(record, reference)) {
          if (known.has(value)) continue;
          missing.set(value, Math.min(missing.get(value) ?? Infinity, listing.chain));
        }
      }
    }
  }

  let count = 0;
  let chain = 0;
  const byService = new Map<ServiceType, number>();
  const keystoneLookups = new Set<string>();
  for (const [target, missing] of earliest) {
    if (missing.size === 0) continue;
    const { service } = resourceType(target);
    if (service === "identity") for (const id of missing.keys()) keystoneLookups.add(`${target} ${id}`);
    const targetChain = listed.get(target)?.chain ?? 0;
    count += missing.size;
    byService.set(service, (byService.get(service) ?? 0) + missing.size);
    for (const round of missing.values()) chain = Math.max(chain, Math.max(round, targetChain) + 1);
    // Lookups to one service beyond its concurrency wait for a free slot.
    chain = Math.max(chain, targetChain + Math.ceil(missing.size / options.concurrencyPerService));
  }
  return { count, chain, byService, keystoneLookups };
}

/**
 * The cost of scanning the regions of one cloud one after the other (as the scanner does, so that it holds one
 * region's records at a time): requests add up, and so do the critical paths, except what one Keystone answers for
 * every region: one token, one listing of each of its types, and one lookup of each of its records that is gone (a
 * deleted project owning something in several regions). The critical paths drop the later tokens but still count the
 * listings and lookups a later region does not make: an upper bound where they are a region's longest chain.
 */
export function inSequence(costs: readonly ScanCost[]): ScanCost {
  const longest = costs.reduce((a, b) => (b.criticalRounds > a.criticalRounds ? b : a));
  const byService: Partial<Record<ServiceType, number>> = {};
  for (const cost of costs) {
    for (const [service, count] of Object.entries(cost.minRequestsByService) as [ServiceType, number][])
      byService[service] = (byService[service] ?? 0) + count;
  }
  const sum = (of: (cost: ScanCost) => number): number => costs.reduce((total, cost) => total + of(cost), 0);
  const sharedTokens = sum((cost) => cost.auth) - (costs[0]?.auth ?? 0);
  const keystoneLookups = new Set(costs.flatMap((cost) => [...cost.keystoneLookups]));
  const repeatedLookups = sum((cost) => cost.keystoneLookups.size) - keystoneLookups.size;
  const repeatedListings = costs
    .slice(1)
    .flatMap((cost) => cost.listings)
    .filter(({ type }) => isKeystoneListing(resourceType(type)))
    .reduce((total, listing) => total + listing.requests, 0);
  const repeated = sharedTokens + repeatedLookups + repeatedListings;
  byService.identity = (byService.identity ?? 0) - repeated;
  return {
    listings: costs.flatMap((cost) => cost.listings),
    auth: costs[0]?.auth ?? 0,
    discovery: [...new Set(costs.flatMap((cost) => cost.discovery))],
    confirmations: sum((cost) => cost.confirmations) - repeatedLookups,
    keystoneLookups,
    minRequests: sum((cost) => cost.minRequests) - repeated,
    minRequestsByService: byService,
    criticalRounds: sum((cost) => cost.criticalRounds) - sharedTokens,
    criticalBound: longest.criticalBound,
  };
}
