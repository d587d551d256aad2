// Neutron's collection semantics, shared by every resource: filters on any attribute (repeated values are
// alternatives), `fields=`, an admin sees every project's records with no flag, and pagination only when a
// `limit` is given or `pagination_max_limit` is set, with `<resources>_links` next/previous links (and none at all
// for the resources whose controller is built without pagination: RBAC policies and agents).

import type { Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { fieldProjection, requestedFields } from "../../http/fields.ts";
import { nextMarker, page } from "../../http/pagination.ts";
import { caller, errorResponse, queryOf } from "../../http/respond.ts";
import { sortByField, type Collection, type ResourceRecord } from "../../state/collection.ts";
import { neutronSettings } from "./neutron-settings.ts";
import type { CloudState } from "../../state/cloud-state.ts";
import { jsonResponse } from "../../http/json-response.ts";

const ID_ASC = sortByField("id", "asc");
const RESERVED = new Set(["fields", "limit", "marker", "page_reverse", "sort_key", "sort_dir"]);

export interface NeutronResource {
  collection: Collection;
  /** `ports`: the URL segment, and the body key of a list (with `-` as `_`). */
  plural: string;
  /** `port`: the body key of one record. */
  singular: string;
  /** neutron_lib's `<Resource>NotFound`: its class name and message. */
  notFound: (id: string) => { type: string; message: string };
  /** Records a non-admin sees besides their own project's (shared and external networks). */
  alsoVisible?: (record: ResourceRecord) => boolean;
  /** Only an admin sees any (agents: `rule:admin_only`). */
  adminOnly?: boolean;
  /**
   * `false` for resources whose API controller neutron creates with `allow_pagination=False` (rbac-policies,
   * agents): `limit`, `marker` and `page_reverse` are ignored and the whole collection is answered, without links.
   */
  paginated?: boolean;
  /**
   * Computed attributes (a network's `subnets`): `fields` names every attribute `apply` sets or changes, and `apply`
   * is called once per request with the records to show, unless `fields=` asks for none of them.
   */
  decorate?: { fields: readonly string[]; apply: (records: ResourceRecord[]) => Record<string, unknown>[] };
}

export function visible(c: Context<FakeEnv>, resource: NeutronResource, record: ResourceRecord): boolean {
  return visibility(c, resource)(record);
}

/** Which records the caller sees, the caller read once (a listing tests every record it walks). */
function visibility(c: Context<FakeEnv>, resource: NeutronResource): (record: ResourceRecord) => boolean {
  const who = caller(c);
  if (who.isAdmin) return () => true;
  if (resource.adminOnly === true) return () => false;
  return (record) => record["project_id"] === who.projectId || resource.alsoVisible?.(record) === true;
}

/** Neutron's filter matching: query strings against typed attributes, lists match any element. */
function matches(value: unknown, wanted: readonly string[]): boolean {
  if (Array.isArray(value)) return value.some((item) => matches(item, wanted));
  if (typeof value === "boolean") return wanted.some((w) => w.toLowerCase() === String(value));
  if (value === null || value === undefined) return wanted.includes("");
  if (typeof value === "string" || typeof value === "number") return wanted.includes(String(value));
  return false;
}

export function render(
  c: Context<FakeEnv>,
  resource: NeutronResource,
  records: ResourceRecord[],
): Record<string, unknown>[] {
  const fields = requestedFields(queryOf(c));
  const { decorate } = resource;
  // A listing that asks only for stored attributes (the scanner's security groups, without their rules) is shown
  // from the records as they are: the same bytes, without computing what it would leave out.
  const decorated =
    decorate !== undefined && (fields === undefined || decorate.fields.some((field) => fields.includes(field)));
  return (decorated ? decorate.apply(records) : records).map(fieldProjection(fields));
}

/**
 * neutron/api/api_common.py get_next_link/get_previous_link: the request's parameters without `marker`, then the
 * marker of the page's edge record (none when the page is empty), then `page_reverse=True` for a previous link.
 */
function link(c: Context<FakeEnv>, marker: string | undefined, reverse: boolean): string {
  const url = new URL(c.req.url);
  url.searchParams.delete("marker");
  url.searchParams.delete("page_reverse");
  if (marker !== undefined) url.searchParams.set("marker", marker);
  if (reverse) url.searchParams.set("page_reverse", "True");
  return url.toString();
}

export function neutronList(c: Context<FakeEnv>, state: CloudState, resource: NeutronResource): Response {
  const query = queryOf(c);
  const filters: [string, string[]][] = [];
  for (const key of new Set(query.keys())) {
    if (RESERVED.has(key)) continue;
    // tenant_id and project_id are the same attribute under two names.
    filters.push([key === "tenant_id" ? "project_id" : key, query.getAll(key)]);
  }
  const isVisible = visibility(c, resource);
  const filter = (record: ResourceRecord): boolean =>
    isVisible(record) && filters.every(([key, wanted]) => matches(record[key], wanted));

  // neutron/api/api_common.py get_limit_and_marker
  const rawLimit = query.get("limit") ?? "0";
  if (!/^\d+$/.test(rawLimit)) {
    return errorResponse(c, 400, `Limit must be an integer 0 or greater and not '${rawLimit}'`, { type: "BadRequest" });
  }
  const maxLimit = neutronSettings(state).paginationMaxLimit;
  let limit = Number(rawLimit);
  if (maxLimit > 0) limit = Math.min(maxLimit, limit) || maxLimit;
  const key = resource.plural.replaceAll("-", "_");
  const view = resource.collection.sorted(ID_ASC);
  if (limit === 0 || resource.paginated === false) {
    // No pagination: the marker is ignored and the whole (filtered) collection is answered.
    const items = view.items.filter(filter);
    return jsonResponse(c, { [key]: render(c, resource, items) });
  }
  const marker = query.get("marker") ?? undefined;
  const reverse = (query.get("page_reverse") ?? "false").toLowerCase() === "true";
  const result = page(view, { marker, limit, filter, reverse });
  // neutron_lib/db/utils.py get_marker_obj fetches the marker with the plugin's `_get_<resource>`, whose
  // NotFound propagates: an unknown marker is a 404 in the resource's own words.
  if (result.kind === "unknown-marker") {
    const { type, message } = resource.notFound(result.marker);
    return errorResponse(c, 404, message, { type });
  }
  const items = result.items;
  const links: { rel: string; href: string }[] = [];
  // neutron/api/api_common.py get_pagination_links
  if (!(items.length < limit && !reverse)) {
    const last = items.at(-1)?.id;
    links.push({ rel: "next", href: link(c, last === undefined ? undefined : nextMarker(c, marker, last), false) });
  }
  if (!(items.length < limit && reverse)) links.push({ rel: "previous", href: link(c, items[0]?.id, true) });
  return jsonResponse(c, { [key]: render(c, resource, items), [`${key}_links`]: links });
}
