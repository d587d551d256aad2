// Octavia's collection semantics (octavia/api/common/pagination.py): sort by created_at then id ascending,
// `pagination_max_limit` 1000 as default and cap, an unknown marker → 400 InvalidMarker, filters on any
// attribute, `fields=`, and links built from the path with only limit and marker (a next link on every full page).

import type { Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { fieldProjection, requestedFields } from "../../http/fields.ts";
import { nextMarker, page } from "../../http/pagination.ts";
import { errorResponse, queryOf } from "../../http/respond.ts";
import type { Collection, ResourceRecord, SortOrder } from "../../state/collection.ts";
import { jsonResponse } from "../../http/json-response.ts";

export const PAGINATION_MAX_LIMIT = 1000;
const RESERVED = new Set(["fields", "limit", "marker", "page_reverse", "sort", "sort_key", "sort_dir"]);

const CREATED_ID_ASC: SortOrder = {
  name: "octavia:created_at,id:asc",
  fields: ["created_at"],
  compare: (a, b) => {
    const ac = typeof a["created_at"] === "string" ? a["created_at"] : "";
    const bc = typeof b["created_at"] === "string" ? b["created_at"] : "";
    if (ac !== bc) return ac < bc ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  },
};

function matches(value: unknown, wanted: readonly string[]): boolean {
  if (typeof value === "boolean") return wanted.some((w) => w.toLowerCase() === String(value));
  if (typeof value === "string" || typeof value === "number") return wanted.includes(String(value));
  return false;
}

/** The record as Octavia shows it, trimmed to `fields=` when asked. */
export function present(c: Context<FakeEnv>, record: ResourceRecord): Record<string, unknown> {
  return presenter(c)(record);
}

/** A presenter for one request: `fields=` is read once, not per record. */
function presenter(c: Context<FakeEnv>): (record: ResourceRecord) => Record<string, unknown> {
  return fieldProjection(requestedFields(queryOf(c)));
}

export function octaviaList(
  c: Context<FakeEnv>,
  options: { collection: Collection; key: string; scope: (record: ResourceRecord) => boolean },
): Response {
  const query = queryOf(c);
  const rawLimit = query.get("limit");
  let limit = PAGINATION_MAX_LIMIT;
  if (rawLimit !== null) {
    if (!/^-?\d+$/.test(rawLimit))
      return errorResponse(c, 400, `Supplied pagination limit '${rawLimit}' is not valid.`);
    // A limit below 1 means "no limit", which pagination_max_limit then caps.
    limit = Number(rawLimit) < 1 ? PAGINATION_MAX_LIMIT : Math.min(Number(rawLimit), PAGINATION_MAX_LIMIT);
  }
  const filters: [string, string[]][] = [];
  for (const key of new Set(query.keys())) if (!RESERVED.has(key)) filters.push([key, query.getAll(key)]);
  const filter = (record: ResourceRecord): boolean =>
    options.scope(record) && filters.every(([key, wanted]) => matches(record[key], wanted));
  const marker = query.get("marker") ?? undefined;
  const reverse = (query.get("page_reverse") ?? "false").toLowerCase() === "true";
  const result = page(options.collection.sorted(CREATED_ID_ASC), { marker, limit, filter, reverse });
  if (result.kind === "unknown-marker") {
    return errorResponse(c, 400, `Supplied pagination marker '${result.marker}' is not valid.`);
  }
  const path = new URL(c.req.url);
  const base = `${path.origin}${path.pathname}`;
  const links: { href: string; rel: string }[] = [];
  const first = result.items[0];
  const last = result.items.at(-1);
  if (first !== undefined && marker !== undefined) {
    links.push({ href: `${base}?limit=${limit}&marker=${first.id}&page_reverse=True`, rel: "previous" });
  }
  if (last !== undefined && result.items.length >= limit) {
    links.push({ href: `${base}?limit=${limit}&marker=${nextMarker(c, marker, last.id)}`, rel: "next" });
  }
  const show = presenter(c);
  return jsonResponse(c, { [options.key]: result.items.map(show), [`${options.key}_links`]: links });
}
