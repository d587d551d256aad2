// Cinder's listing semantics, shared by volumes, snapshots, backups and attachments: `all_tenants` only for an
// admin (ignored for anyone else), `project_id` filter, sort by created_at desc, `osapi_max_limit` 1000 as both
// default and maximum page, an unknown marker → the resource's own 404, and a next link on every full page.

import type { Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { linkWithMarker, nextMarker, page } from "../../http/pagination.ts";
import { copyWithout, isInternalFlag } from "../../http/record-copy.ts";
import { caller, errorResponse, queryOf } from "../../http/respond.ts";
import { sortByField, type Collection, type ResourceRecord } from "../../state/collection.ts";
import { jsonResponse } from "../../http/json-response.ts";

/** cinder/api/common.py `osapi_max_limit`. */
export const OSAPI_MAX_LIMIT = 1000;

const CREATED_DESC = sortByField("created_at", "desc");

/** Cinder's (oslo's) boolean parsing of query values such as `all_tenants`. */
export function queryTrue(value: string | null): boolean {
  return value !== null && ["1", "t", "true", "on", "y", "yes"].includes(value.toLowerCase());
}

export interface CinderListing {
  collection: Collection;
  /** The key of the list in the body (`volumes`); `<key>_links` carries the next link. */
  key: string;
  /** The record field holding the owner project. */
  ownerOf: (record: ResourceRecord) => unknown;
  /** Query parameters that filter by equality on the field of the same name. */
  filterFields: readonly string[];
  /** The 404 for an unknown marker, as the resource's own `get` raises it ("Volume X could not be found."). */
  notFound: (id: string) => string;
  render: (record: ResourceRecord) => Record<string, unknown>;
  /**
   * `false` for attachments: their view builder (cinder/api/v3/views/attachments.py) has no collection links, so
   * a full page says nothing of a next one.
   */
  links?: boolean;
}

export function cinderList(c: Context<FakeEnv>, listing: CinderListing): Response {
  const query = queryOf(c);
  const who = caller(c);
  const allTenants = who.isAdmin && queryTrue(query.get("all_tenants"));
  const projectFilter = allTenants ? query.get("project_id") : who.projectId;
  const rawLimit = query.get("limit");
  let limit = OSAPI_MAX_LIMIT;
  if (rawLimit !== null) {
    // cinder/api/common.py _get_limit_param
    if (!/^-?\d+$/.test(rawLimit)) return errorResponse(c, 400, "limit param must be an integer");
    if (Number(rawLimit) < 0) return errorResponse(c, 400, "limit param must be positive");
    limit = Math.min(Number(rawLimit), OSAPI_MAX_LIMIT);
  }
  const equals: [string, string][] = [];
  for (const field of listing.filterFields) {
    const value = query.get(field);
    if (value !== null) equals.push([field, value]);
  }
  const filter = (record: ResourceRecord): boolean =>
    (projectFilter === null || listing.ownerOf(record) === projectFilter) &&
    equals.every(([field, value]) => String(record[field]) === value);
  const marker = query.get("marker") ?? undefined;
  // The marker is looked up as the caller would `GET` it: another project's record is as unknown as none.
  if (marker !== undefined) {
    const markerRecord = listing.collection.get(marker);
    if (markerRecord === undefined || (!who.isAdmin && listing.ownerOf(markerRecord) !== who.projectId)) {
      return errorResponse(c, 404, listing.notFound(marker));
    }
  }
  const result = page(listing.collection.sorted(CREATED_DESC), { marker, limit, filter });
  if (result.kind === "unknown-marker") return errorResponse(c, 404, listing.notFound(result.marker));
  const body: Record<string, unknown> = { [listing.key]: result.items.map(listing.render) };
  // cinder/api/common.py _get_collection_links: a full page always gets a next link, even the last one.
  const last = result.items.at(-1);
  if (listing.links !== false && last !== undefined && result.items.length >= limit) {
    body[`${listing.key}_links`] = [{ rel: "next", href: linkWithMarker(c, nextMarker(c, marker, last.id)) }];
  }
  return jsonResponse(c, body);
}

/** The record as the API shows it: fakecloud's internal `fakecloud:*` flags left out. */
export function withoutInternal(record: ResourceRecord): Record<string, unknown> {
  return copyWithout(record, isInternalFlag);
}

/** Whether the caller may see a record of `owner` (admin: any; anyone else: their own project's). */
export function visibleTo(c: Context<FakeEnv>, owner: unknown): boolean {
  const who = caller(c);
  return who.isAdmin || owner === who.projectId;
}

/** cinder/exception.py PolicyNotAuthorized. */
export function policyRefused(c: Context<FakeEnv>, action: string): Response {
  return errorResponse(c, 403, `Policy doesn't allow ${action} to be performed.`);
}
