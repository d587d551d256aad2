// DNS v2 (Designate, Zed): zones and recordsets. Every call is scoped to the token's project unless the header
// `x-auth-all-projects: true` asks for all of them, which only an admin may (designate/api/middleware.py); pages are
// 20 by default, at most 1000, with `links.next` and `metadata.total_count`; a zone's delete is answered 202 with
// the zone PENDING/DELETE, and the zone and its recordsets then leave (the real worker takes a second).

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { linkWithMarker, nextMarker, page, parseLimit } from "../../http/pagination.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import { newUuid } from "../../state/ids.ts";
import type { Collection, ResourceRecord } from "../../state/collection.ts";
import { sortByField } from "../../state/collection.ts";
import type { ServiceModule } from "../../service-module.ts";
import { DEFAULT_POOL_ID, recordsetSeeder, zoneSeeder } from "./seeders.ts";

const DEFAULT_LIMIT = 20; // [service:api] default_limit_v2
const MAX_LIMIT = 1000; // [service:api] max_limit_v2
/** The default pool's one nameserver (pools.yaml ns_records): every zone's NS set and its SOA name it. */
export const POOL_NAMESERVER = "ns1.fakecloud.test.";
/** designate.conf [service:central] default_soa_retry, _expire, _minimum. */
const SOA_TIMERS = "600 86400 3600";

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

    // designate/central/service.py create_zone and create_recordset: both are answered 202 PENDING/CREATE (the pool
    // manager has yet to reach the backends) with a Location; the worker then makes them ACTIVE/NONE. A new zone gets
    // its SOA and NS recordsets from central at once, and each change bumps the zone's serial and version.
    const now = () => formatTime(new Date(), "iso-micro");
    const settle = (zoneId: string, recordsetIds: readonly string[]) =>
      setImmediate(() => {
        const zone = zones.get(zoneId);
        if (zone === undefined || zone["action"] === "DELETE") return;
        for (const id of recordsetIds)
          if (recordsets.has(id)) recordsets.update(id, { status: "ACTIVE", action: "NONE" });
        zones.update(zoneId, {
          status: "ACTIVE",
          action: "NONE",
          serial: Number(zone["serial"]) + 1,
          version: Number(zone["version"]) + 1,
          updated_at: now(),
        });
      });
    const invalid = (c: Context<FakeEnv>, message: string, type = "invalid_object") =>
      errorResponse(c, 400, message, { type });
    const newRecordset = (zone: ResourceRecord, name: string, type: string, records: string[]): ResourceRecord => ({
      id: newUuid(),
      zone_id: zone.id,
      project_id: zone["project_id"],
      name,
      zone_name: zone["name"],
      type,
      records,
      description: null,
      ttl: null,
      status: "PENDING",
      action: "CREATE",
      version: 1,
      created_at: now(),
      updated_at: null,
    });

    app.post("/v2/zones", async (c) => {
      const body = await jsonBody(c);
      const input =
        typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const name = input["name"];
      const email = input["email"];
      // The API's JSON schema: a PRIMARY zone needs an email (its path names the `type` the requirement hangs on).
      for (const [field, path] of [
        ["name", ["name"]],
        ["email", ["type", "email"]],
      ] as const) {
        if (typeof input[field] !== "string") {
          const message = `'${field}' is a required property`;
          return jsonResponse(
            c,
            {
              code: 400,
              type: "invalid_object",
              errors: { errors: [{ path, message, validator: "required", validator_value: field }] },
              request_id: c.var.requestId,
            },
            400,
          );
        }
      }
      if (typeof name !== "string" || typeof email !== "string") return invalid(c, "Provided object is not valid.");
      if (!name.endsWith("."))
        return invalid(
          c,
          `Provided object is not valid. Got a ValueError error with message Domain ${name} does not end with a dot`,
        );
      if (name.slice(0, -1).split(".").length <= 1)
        return invalid(c, "More than one label is required", "invalid_zone_name");
      if ([...zones.values()].some((z) => z["name"] === name))
        return errorResponse(c, 409, "Duplicate Zone", { type: "duplicate_zone" });
      const ttl = typeof input["ttl"] === "number" ? input["ttl"] : 3600;
      const serial = Math.floor(Date.now() / 1000);
      const zone: ResourceRecord = {
        id: newUuid(),
        pool_id: DEFAULT_POOL_ID,
        project_id: caller(c).projectId,
        name,
        email,
        description: typeof input["description"] === "string" ? input["description"] : null,
        ttl,
        serial,
        status: "PENDING",
        action: "CREATE",
        version: 1,
        attributes: {},
        type: "PRIMARY",
        masters: [],
        created_at: now(),
        updated_at: null,
        transferred_at: null,
      };
      zones.insert(zone);
      // designate.conf default_soa_refresh_min/max: 3500..3600 seconds, picked per zone.
      const refresh = 3500 + Math.floor(Math.random() * 101);
      const soa = newRecordset(zone, name, "SOA", [
        `${POOL_NAMESERVER} ${email.replace("@", ".")}. ${serial} ${refresh} ${SOA_TIMERS}`,
      ]);
      const ns = newRecordset(zone, name, "NS", [POOL_NAMESERVER]);
      recordsets.insert(soa);
      recordsets.insert(ns);
      settle(zone.id, [soa.id, ns.id]);
      const self = zoneHref(c)(zone);
      c.header("Location", self);
      return jsonResponse(c, { ...zone, links: { self } }, 202);
    });

    app.post("/v2/zones/:zone/recordsets", async (c) => {
      const zone = zoneOf(c);
      if (zone instanceof Response) return zone;
      const body = await jsonBody(c);
      const input =
        typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
      const { name, type, records } = input;
      if (typeof name !== "string" || typeof type !== "string" || !Array.isArray(records))
        return invalid(c, "Provided object is not valid.");
      if (type === "SOA") return invalid(c, "Creating a SOA recordset is not allowed", "bad_request");
      const zoneName = String(zone["name"]);
      if (name !== zoneName && !name.endsWith(`.${zoneName}`))
        return invalid(c, "RecordSet is not contained within it's parent zone", "invalid_recordset_location");
      if ([...recordsets.values()].some((r) => r["zone_id"] === zone.id && r["name"] === name && r["type"] === type))
        return errorResponse(c, 409, "Duplicate RecordSet", { type: "duplicate_recordset" });
      const recordset = newRecordset(zone, name, type, records.map(String));
      if (typeof input["ttl"] === "number") recordset["ttl"] = input["ttl"];
      if (typeof input["description"] === "string") recordset["description"] = input["description"];
      recordsets.insert(recordset);
      if (zone["status"] === "ACTIVE") zones.update(zone.id, { status: "PENDING", action: "UPDATE" });
      settle(zone.id, [recordset.id]);
      const self = recordsetHref(c)(recordset);
      c.header("Location", self);
      return jsonResponse(c, { ...recordset, links: { self } }, 202);
    });

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
    app.get("/v2/zones/:zone/recordsets/:id", (c) => {
      const zone = zoneOf(c);
      if (zone instanceof Response) return zone;
      const recordset = recordsets.get(c.req.param("id"));
      if (recordset === undefined || recordset["zone_id"] !== zone.id)
        return errorResponse(c, 404, "Could not find RecordSet", { type: "recordset_not_found" });
      return jsonResponse(c, { ...recordset, links: { self: recordsetHref(c)(recordset) } });
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
