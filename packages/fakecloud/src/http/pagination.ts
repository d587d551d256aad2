// Marker pagination over a sorted view: O(1) marker lookup, then a scan that stops as soon as the page
// (plus one record, to know whether more exist) is full. Each service words its own errors and links.

import type { Context } from "hono";
import type { ResourceRecord, SortedView } from "../state/collection.ts";
import type { FakeEnv } from "./fake-env.ts";

export type PageResult =
  { kind: "page"; items: ResourceRecord[]; hasMore: boolean } | { kind: "unknown-marker"; marker: string };

export interface PageQuery {
  marker: string | undefined;
  limit: number;
  /** Only records passing this are counted; absent means every record. */
  filter?: (record: ResourceRecord) => boolean;
  /** Walk the view backwards from the marker (neutron's `page_reverse`). */
  reverse?: boolean;
}

export function page(view: SortedView, query: PageQuery): PageResult {
  let start = query.reverse === true ? view.items.length - 1 : 0;
  if (query.marker !== undefined) {
    const position = view.positionOf.get(query.marker);
    if (position === undefined) return { kind: "unknown-marker", marker: query.marker };
    start = query.reverse === true ? position - 1 : position + 1;
  }
  const step = query.reverse === true ? -1 : 1;
  const items: ResourceRecord[] = [];
  let hasMore = false;
  for (let index = start; index >= 0 && index < view.items.length; index += step) {
    const record = view.items[index]!;
    if (query.filter !== undefined && !query.filter(record)) continue;
    if (items.length === query.limit) {
      hasMore = true;
      break;
    }
    items.push(record);
  }
  if (query.reverse === true) items.reverse();
  return { kind: "page", items, hasMore };
}

export type LimitResult = { ok: true; limit: number } | { ok: false; message: string };

/**
 * Reads `limit`: absent means `defaultLimit`; above `maxLimit` it is capped (nova's and neutron's behaviour);
 * not a non-negative integer is an error the service words itself.
 */
export function parseLimit(raw: string | undefined, defaultLimit: number, maxLimit: number): LimitResult {
  if (raw === undefined) return { ok: true, limit: Math.min(defaultLimit, maxLimit) };
  if (!/^\d+$/.test(raw)) return { ok: false, message: `limit param must be an integer` };
  return { ok: true, limit: Math.min(Number(raw), maxLimit) };
}

/**
 * The marker a next link should carry: the last record of this page, or, when a `repeat-marker` fault
 * matched, the marker this request already used (a marker loop a client must detect).
 */
export function nextMarker(c: Context<FakeEnv>, requestMarker: string | undefined, lastId: string): string {
  return c.var.repeatMarker && requestMarker !== undefined ? requestMarker : lastId;
}

/** The request's own URL with `marker` (and `limit`, when given) replaced: the href of a next link. */
export function linkWithMarker(c: Context<FakeEnv>, marker: string, limit?: number): string {
  const url = new URL(c.req.url);
  url.searchParams.set("marker", marker);
  if (limit !== undefined) url.searchParams.set("limit", String(limit));
  return url.toString();
}
