// Shared File Systems v2 (Manila, Zed: microversions 2.0–2.73): version discovery, shares with their delete and admin
// actions, share snapshots, share networks and share replicas. Listing semantics as measured on the devcloud:
// `all_tenants` only for an admin, `offset` paging (osapi_max_limit 1000), and next links whose `marker` Manila
// ignores (following one answers the same page again); replicas are every project's for an admin, unasked.

import { Hono, type Context } from "hono";
import type { ResourceTypeId } from "@stacksweep/names";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { copyWithout, isInternalFlag } from "../../http/record-copy.ts";
import type { ServiceContext, ServiceModule } from "../../service-module.ts";
import { sortByField, type ResourceRecord } from "../../state/collection.ts";
import { refreshHasReplicas, shareCreateRoutes } from "./share-create.ts";
import { shareNetworkSeeder, shareReplicaSeeder, shareSeeder, shareSnapshotSeeder, SHARE_STATUSES } from "./seeders.ts";

const MAX_VERSION = "2.73";
/** manila/api/common.py osapi_max_limit. */
const OSAPI_MAX_LIMIT = 1000;
const CREATED_DESC = sortByField("created_at", "desc");

function versions(c: Context<FakeEnv>): Record<string, unknown>[] {
  const origin = new URL(c.req.url).origin;
  return [
    {
      id: "v1.0",
      status: "DEPRECATED",
      version: "",
      min_version: "",
      links: [{ rel: "self", href: `${origin}/share/v1/` }],
    },
    {
      id: "v2.0",
      status: "CURRENT",
      version: MAX_VERSION,
      min_version: "2.0",
      links: [{ rel: "self", href: `${origin}/share/v2/` }],
    },
  ];
}

interface Kind {
  type: ResourceTypeId;
  path: string;
  key: string;
  singular: string;
  /** The key of the next link, when the view builder has one (share networks have none). */
  linksKey?: string;
  /** The owner project; replicas name none and are their share's. */
  ownerOf: (record: ResourceRecord, ctx: ServiceContext) => unknown;
  /** Whether an admin sees every project's without `all_tenants` (replicas). */
  adminSeesAll: boolean;
  /** Whether each record names its self and bookmark links (shares and snapshots: manila/api/views _get_links). */
  selfLinks: boolean;
}

const KINDS: readonly Kind[] = [
  {
    type: "shared-file-system.share",
    path: "shares",
    key: "shares",
    singular: "share",
    linksKey: "shares_links",
    ownerOf: (r) => r["project_id"],
    adminSeesAll: false,
    selfLinks: true,
  },
  {
    type: "shared-file-system.snapshot",
    path: "snapshots",
    key: "snapshots",
    singular: "snapshot",
    linksKey: "share_snapshots_links",
    ownerOf: (r) => r["project_id"],
    adminSeesAll: false,
    selfLinks: true,
  },
  {
    type: "shared-file-system.share-network",
    path: "share-networks",
    key: "share_networks",
    singular: "share_network",
    ownerOf: (r) => r["project_id"],
    adminSeesAll: false,
    selfLinks: false,
  },
  {
    type: "shared-file-system.share-replica",
    path: "share-replicas",
    key: "share_replicas",
    singular: "share_replica",
    linksKey: "share_replica_links",
    ownerOf: (r, ctx) =>
      ctx.state.collection("shared-file-system.share").get(String(r["share_id"]))?.["project_id"] ?? null,
    adminSeesAll: true,
    selfLinks: false,
  },
];

const truthy = (value: string | null): boolean =>
  value !== null && ["1", "t", "true", "on", "y", "yes"].includes(value.toLowerCase());

/** A record as Manila's view builder shows it; `origin` is the request's, for the links of shares and snapshots. */
function render(kind: Kind, record: ResourceRecord, origin: string): Record<string, unknown> {
  const shown = copyWithout(record, isInternalFlag);
  if (!kind.selfLinks) return shown;
  return {
    ...shown,
    links: [
      { rel: "self", href: `${origin}/share/v2/${kind.path}/${record.id}` },
      { rel: "bookmark", href: `${origin}/share/${kind.path}/${record.id}` },
    ],
  };
}

function mountKind(app: Hono<FakeEnv>, ctx: ServiceContext, kind: Kind): void {
  const collection = ctx.state.collection(kind.type);
  const visible = (c: Context<FakeEnv>, record: ResourceRecord): boolean =>
    caller(c).isAdmin || kind.ownerOf(record, ctx) === caller(c).projectId;

  const list = (c: Context<FakeEnv>): Response => {
    const query = queryOf(c);
    const who = caller(c);
    const every = who.isAdmin && (kind.adminSeesAll || truthy(query.get("all_tenants")));
    const project = every ? query.get("project_id") : who.projectId;
    // manila/api/common.py _validate_pagination_query
    const limitText = query.get("limit") ?? "0";
    const offsetText = query.get("offset") ?? "0";
    if (!/^\d+$/.test(limitText) || !/^\d+$/.test(offsetText)) {
      return errorResponse(c, 400, "limit and offset must be non-negative integers");
    }
    const asked = Number(limitText);
    const limit = asked === 0 ? OSAPI_MAX_LIMIT : Math.min(asked, OSAPI_MAX_LIMIT);
    const offset = Number(offsetText);
    const status = query.get("status");
    const items = collection
      .sorted(CREATED_DESC)
      .items.filter(
        (record) =>
          (project === null || kind.ownerOf(record, ctx) === project) &&
          (status === null || record["status"] === status),
      )
      .slice(offset, offset + limit);
    const origin = new URL(c.req.url).origin;
    const body: Record<string, unknown> = { [kind.key]: items.map((record) => render(kind, record, origin)) };
    // manila/api/views _get_collection_links: a next link when the page is as long as the asked limit, naming the
    // last id as a marker that the listing itself never reads.
    const last = items.at(-1);
    if (kind.linksKey !== undefined && asked > 0 && last !== undefined && items.length === asked) {
      const next = new URL(c.req.url);
      next.pathname = next.pathname.replace(/\/detail$/, "");
      next.searchParams.delete("offset");
      next.searchParams.set("marker", last.id);
      body[kind.linksKey] = [{ rel: "next", href: next.toString() }];
    }
    return jsonResponse(c, body);
  };
  app.get(`/v2/${kind.path}`, list);
  app.get(`/v2/${kind.path}/detail`, list);

  app.get(`/v2/${kind.path}/:id`, (c) => {
    const record = collection.get(c.req.param("id"));
    if (record === undefined || !visible(c, record)) return errorResponse(c, 404, "The resource could not be found.");
    return jsonResponse(c, { [kind.singular]: render(kind, record, new URL(c.req.url).origin) });
  });

  app.delete(`/v2/${kind.path}/:id`, (c) => {
    const record = collection.get(c.req.param("id"));
    if (record === undefined || !visible(c, record)) return errorResponse(c, 404, "The resource could not be found.");
    const refusal = deleteRefusal(ctx, kind, record);
    if (refusal !== null) return errorResponse(c, refusal.status, refusal.message);
    collection.update(record.id, { status: "deleting" });
    setImmediate(() => {
      collection.delete(record.id);
      if (kind.type === "shared-file-system.share-replica") refreshHasReplicas(ctx, String(record["share_id"]));
    });
    return c.body(null, 202);
  });
}

/** manila/share/api.py delete and delete_share_replica, share_network delete: what Manila refuses. */
function deleteRefusal(
  ctx: ServiceContext,
  kind: Kind,
  record: ResourceRecord,
): { status: 400 | 403 | 409; message: string } | null {
  const of = (type: ResourceTypeId, field: string): ResourceRecord[] =>
    [...ctx.state.collection(type).values()].filter((child) => child[field] === record.id);
  switch (kind.type) {
    case "shared-file-system.share": {
      if (!["available", "error", "inactive"].includes(String(record["status"]))) {
        return {
          status: 403,
          message: "Invalid share: Share status must be one of ('available', 'error', 'inactive').",
        };
      }
      if (of("shared-file-system.share-replica", "share_id").some((r) => r["replica_state"] !== "active")) {
        return {
          status: 409,
          message: `Share ${record.id} has replicas. Remove the replicas before deleting the share.`,
        };
      }
      const snapshots = of("shared-file-system.snapshot", "share_id").length;
      if (snapshots > 0)
        return { status: 403, message: `Invalid share: Share still has ${snapshots} dependent snapshots..` };
      return null;
    }
    case "shared-file-system.share-replica":
      if (record["replica_state"] === "active") {
        return { status: 400, message: "Cannot delete last active replica." };
      }
      return null;
    case "shared-file-system.share-network": {
      const shares = of("shared-file-system.share", "share_network_id").length;
      if (shares > 0) {
        return {
          status: 409,
          message: `Share network ${record.id} has ${shares} shares and therefore cannot be deleted.`,
        };
      }
      return null;
    }
    default:
      return null;
  }
}

/** The admin actions on a share (manila/api/v2/shares.py): force_delete and reset_status. */
function mountShareActions(app: Hono<FakeEnv>, ctx: ServiceContext): void {
  const shares = ctx.state.collection("shared-file-system.share");
  app.post("/v2/shares/:id/action", async (c) => {
    const record = shares.get(c.req.param("id"));
    const who = caller(c);
    if (record === undefined || (!who.isAdmin && record["project_id"] !== who.projectId)) {
      return errorResponse(c, 404, "The resource could not be found.");
    }
    const body = await jsonBody(c);
    if (body === null || typeof body !== "object" || Object.keys(body).length !== 1) {
      return errorResponse(c, 400, "Malformed request body");
    }
    const [action, args] = Object.entries(body as Record<string, unknown>)[0]!;
    if ((action === "force_delete" || action === "reset_status") && !who.isAdmin) {
      return errorResponse(c, 403, `Policy doesn't allow share:${action} to be performed.`);
    }
    if (action === "force_delete") {
      shares.update(record.id, { status: "deleting" });
      setImmediate(() => shares.delete(record.id));
      return c.body(null, 202);
    }
    if (action === "reset_status") {
      const status = (args as { status?: unknown } | null)?.status;
      if (typeof status !== "string" || !SHARE_STATUSES.includes(status)) {
        return errorResponse(c, 400, "Invalid state specified.");
      }
      shares.update(record.id, { status });
      return c.body(null, 202);
    }
    return errorResponse(c, 404, "The resource could not be found.");
  });
}

export const sharedFileSystemService = (): ServiceModule => ({
  serviceType: "shared-file-system",
  pathPrefix: "/share",
  catalog: [
    { type: "shared-file-system", name: "manila", path: "/share/v2" },
    { type: "sharev2", name: "manilav2", path: "/share/v2" },
  ],
  microversion: {
    headerName: "shared-file-system",
    legacyHeader: "X-OpenStack-Manila-API-Version",
    legacyOnly: true,
    min: "2.0",
    max: MAX_VERSION,
  },
  isPublic: (method, path) => method === "GET" && /^\/?(v2\/?)?$/.test(path),
  seeders: {
    "shared-file-system.share": shareSeeder,
    "shared-file-system.snapshot": shareSnapshotSeeder,
    "shared-file-system.share-network": shareNetworkSeeder,
    "shared-file-system.share-replica": shareReplicaSeeder,
  },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    // manila/api/versions.py: 300 Multiple Choices at the root.
    app.get("/", (c) => jsonResponse(c, { versions: versions(c) }, 300));
    app.get("/v2", (c) => jsonResponse(c, { versions: versions(c).slice(1) }));
    mountShareActions(app, ctx);
    app.route(
      "/v2",
      shareCreateRoutes(ctx, (type, record, origin) =>
        render(
          KINDS.find((k) => k.type === type)!,
          record,
          origin,
        ),
      ),
    );
    for (const kind of KINDS) mountKind(app, ctx, kind);
    return app;
  },
});
