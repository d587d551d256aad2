// Reading the next-page link of every listing shape the services use, and guarding against a link that leads
// back to a page already read.

import { PaginationLoopError, TruncatedListingError } from "./errors.ts";
import type { ServiceType } from "../config/service-type.ts";

/**
 * The page size "max" means: the services' default caps (Nova `[api] max_limit`, Cinder `osapi_max_limit`,
 * Octavia `[api_settings] pagination_max_limit`, Glance `api_limit_max`, all 1000). Neutron has no cap by
 * default (`pagination_max_limit = -1`); 2000 keeps one page of ports at a few megabytes and well inside an API
 * worker's timeout. Keystone and Placement do not paginate: no `limit` is sent to them.
 */
export const MAX_PAGE_SIZE: Partial<Record<ServiceType, number>> = {
  compute: 1000,
  "block-storage": 1000,
  "load-balancer": 1000,
  image: 1000,
  network: 2000,
  // Designate's `[service:api] max_limit_v2`; Heat caps nothing, 1000 keeps its pages like the others'.
  dns: 1000,
  orchestration: 1000,
  // Barbican's [DEFAULT] max_limit_paging (default 100); Manila's osapi_max_limit (default 1000).
  "key-manager": 100,
  "shared-file-system": 1000,
};

export type QueryParams = Record<string, string[]>;

/**
 * The query of the next page, or null on the last page. Shapes: `<key>_links` with `rel: next` (Nova, Cinder,
 * Neutron, Octavia), a top-level `next` path (Glance), `links.next` (Keystone, Designate), a `links` list with
 * `rel: next` (Heat). Throws TruncatedListingError when
 * Keystone says `"truncated": true`.
 */
export function nextPageQuery(
  service: ServiceType,
  path: string,
  body: Record<string, unknown>,
  resourcesKey: string,
  received: number,
): QueryParams | null {
  if (body.truncated === true) throw new TruncatedListingError(service, path, received);
  const href = nextHref(body, resourcesKey);
  if (href === null) return null;
  const url = new URL(href, "http://next.invalid/");
  const query: QueryParams = {};
  url.searchParams.forEach((value, key) => {
    (query[key] ??= []).push(value);
  });
  return query;
}

function nextHref(body: Record<string, unknown>, resourcesKey: string): string | null {
  const links = body[`${resourcesKey}_links`];
  if (Array.isArray(links)) return nextOfLinkList(links);
  if (typeof body.next === "string" && body.next !== "") return body.next;
  const keystoneLinks = body.links;
  if (Array.isArray(keystoneLinks)) return nextOfLinkList(keystoneLinks);
  if (keystoneLinks !== null && typeof keystoneLinks === "object" && !Array.isArray(keystoneLinks)) {
    const next = (keystoneLinks as { next?: unknown }).next;
    if (typeof next === "string" && next !== "") return next;
  }
  return null;
}

function nextOfLinkList(links: readonly unknown[]): string | null {
  for (const link of links) {
    if (link !== null && typeof link === "object") {
      const { rel, href } = link as { rel?: unknown; href?: unknown };
      if (rel === "next" && typeof href === "string" && href !== "") return href;
    }
  }
  return null;
}

/**
 * The query of the next request: the first request's parameters overlaid with the next link's, so filters the
 * service dropped from its link are kept and nothing is appended twice.
 */
export function mergeQuery(first: QueryParams, next: QueryParams): QueryParams {
  return { ...first, ...next };
}

/** Remembers the markers seen in one listing and fails on the first repeat. */
export class MarkerGuard {
  readonly #seen = new Set<string>();
  readonly #service: ServiceType;
  readonly #path: string;

  constructor(service: ServiceType, path: string) {
    this.#service = service;
    this.#path = path;
  }

  check(query: QueryParams): void {
    const marker = query.marker?.join(",");
    // Sorted by code unit, not localeCompare: its first call loads ICU's collation data, 15-40 ms before a scan's
    // first listing could be sent, and the key only has to be the same for the same query.
    const key =
      marker ??
      Object.entries(query)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => `${k}=${v.join(",")}`)
        .join("&");
    if (this.#seen.has(key)) throw new PaginationLoopError(this.#service, this.#path, marker ?? key);
    this.#seen.add(key);
  }
}
