// DNS v2 (Designate, Zed): zones and recordsets. Every call is scoped to the token's project unless the header
// `x-auth-all-projects: true` asks for all of them, which only an admin may (designate/api/middleware.py); pages are
// 20 by default, at most 1000, with `links.next` and `metadata.total_count`; a zone's delete is answered 202 with
// the zone PENDING/DELETE, and the zone and its recordsets then leave (the real worker takes a second).

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { linkWithMarker, nextMarker, page, parseLimit } from "../../http/pagination.ts";
import { caller, errorResponse, queryOf } from "../../http/respond.ts";
import type { Collection, ResourceRecord } from "../../state/collection.ts";
import { sortByField } from "../../state/collection.ts";
import type { ServiceModule } from "../../service-module.ts";
import { recordsetSeeder, zoneSeeder } from "./seeders.ts";

const DEFAULT_LIMIT = 20; // [service:api] default_limit_v2
const MAX_LIMIT = 1000; // [service:api] max_limit_v2

export const dnsService = (): ServiceModule => ({
  serviceType: "dns",
  pathPrefix: "/dns",
  catalog: [{ type: "dns", name: "designate", path: "/dns" }],
  isPublic: (method, path) => method === "GET" && /^\/?$/.test(path),
  seeders: { "dns.zone": zoneSeeder, "dns.recordset": recordsetSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    const zones = ctx.state.collection("dns.zone");
    const recordsets = ctx.state.collection("dns.recordset");
    const oldestFirst = sortByField("created_at", "asc");
    const origin = (c: Context<FakeEnv>): string => `${new URL(c.req.url).origin}/dns`;
    app.get("/", (c) =>
      jsonResponse(c, {
        versions: [{ id: "v2.0", status: "CURRENT", links: [{ href: `${origin(c)}/v2`, rel: "self" }] }],
      }),
    );

    /** The projects the call may see: null for every project, or an error answer for a non-admin asking for all. */
    const scope = (c: Context<FakeEnv>): { all: boolean } | Response => {
      const header = c.req.header("x-auth-all-projects");
      const all = header !== undefined && ["true", "1", "yes"].includes(header.toLowerCase());
      if (all && !caller(c).isAdmin) return errorResponse(c, 403, "Forbidden", { type: "forbidden" });
      return { all };
    };
    const visible = (c: Context<FakeEnv>, all: boolean) => (record: ResourceRecord) =>
      all || record["project_id"] === caller(c).projectId;

    const list = (
      c: Context<FakeEnv>,
      key: string,
      collection: Collection,
      self: (r: ResourceRecord) => string,
      extra?: (r: ResourceRecord) => boolean,
    ) => {
      const scoped = scope(c);
      if (scoped instanceof Response) return scoped;
      const query = queryOf(c);
      const limit = parseLimit(query.get("limit") ?? undefined, DEFAULT_LIMIT, MAX_LIMIT);
      if (!limit.ok) return errorResponse(c, 400, "limit should be an integer", { type: "invalid_limit" });
      const marker = query.get("marker") ?? undefined;
      const filter = (record: ResourceRecord): boolean => visible(c, scoped.all)(record) && (extra?.(record) ?? true);
      const result = page(collection.sorted(oldestFirst), { marker, limit: limit.limit, filter });
      if (result.kind === "unknown-marker") return errorResponse(c, 400, "Invalid marker", { type: "invalid_marker" });
      let total = 0;
      for (const record of collection.values()) if (filter(record)) total += 1;
      const links: Record<string, string> = { self: c.req.url };
      const last = result.items.at(-1);
      if (last !== undefined && result.items.length === limit.limit)
        links["next"] = linkWithMarker(c, nextMarker(c, marker, last.id), limit.limit);
      return jsonResponse(c, {
        [key]: result.items.map((record) => ({ ...record, links: { self: self(record) } })),
        links,
        metadata: { total_count: total },
      });
    };
    const zoneHref = (c: Context<FakeEnv>) => (zone: ResourceRecord) => `${origin(c)}/v2/zones/${zone.id}`;
    const recordsetHref = (c: Context<FakeEnv>) => (r: ResourceRecord) =>
      `${origin(c)}/v2/zones/${String(r["zone_id"])}/recordsets/${r.id}`;

    app.get("/v2/zones", (c) => list(c, "zones", zones, zoneHref(c)));
    app.get("/v2/recordsets", (c) => list(c, "recordsets", recordsets, recordsetHref(c)));
    app.get("/v2/zones/:zone/recordsets", (c) =>
      list(c, "recordsets", recordsets, recordsetHref(c), (r) => r["zone_id"] === c.req.param("zone")),
    );

    const zoneOf = (c: Context<FakeEnv>): ResourceRecord | Response => {
      const scoped = scope(c);
      if (scoped instanceof Response) return scoped;
      const zone = zones.get(c.req.param("zone") ?? "");
      if (zone === undefined || !visible(c, scoped.all)(zone))
        return errorResponse(c, 404, "Could not find Zone", { type: "zone_not_found" });
      return zone;
    };
    app.get("/v2/zones/:zone", (c) => {
      const zone = zoneOf(c);
      return zone instanceof Response ? zone : jsonResponse(c, { ...zone, links: { self: zoneHref(c)(zone) } });
    });
    app.delete("/v2/zones/:zone", (c) => {
      const zone = zoneOf(c);
      if (zone instanceof Response) return zone;
      const answer = { ...zone, status: "PENDING", action: "DELETE", links: { self: zoneHref(c)(zone) } };
      for (const recordset of [...recordsets.values()])
        if (recordset["zone_id"] === zone.id) recordsets.delete(recordset.id);
      zones.delete(zone.id);
      return jsonResponse(c, answer, 202);
    });
    return app;
  },
});
