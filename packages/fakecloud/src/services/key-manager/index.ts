// Key Manager v1 (Barbican, Zed): version discovery, secrets and containers. Barbican scopes every call to the token's
// project, an admin's too: a listing shows only that project's (barbican/api/controllers/secrets.py
// get_secret_list(external_project_id)), has no all-projects parameter, and reading or deleting another project's
// secret is refused (secret_project_match in each rule). Its records name no owner and no id: the id is the last
// segment of `secret_ref` / `container_ref`. Pages by `offset` and `limit` (default 10, max 100) with `next` links.

import { Hono, type Context } from "hono";
import type { ResourceTypeId } from "@stacksweep/names";
import type { FakeEnv } from "../../http/fake-env.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { caller, errorResponse, queryOf } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import { copyWithout, isInternalFlag } from "../../http/record-copy.ts";
import type { SeedContext, Seeder, ServiceContext, ServiceModule } from "../../service-module.ts";
import { sortByField, type ResourceRecord } from "../../state/collection.ts";

/** barbican/common/config.py default_limit_paging and max_limit_paging. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const CREATED_ASC = sortByField("created", "asc");

function times(partial: ResourceRecord, ctx: SeedContext): { created: string; updated: string } {
  const created = typeof partial["created"] === "string" ? partial["created"] : formatTime(ctx.now, "iso-naive");
  return { created, updated: typeof partial["updated"] === "string" ? partial["updated"] : created };
}

const secretSeeder: Seeder = {
  timeFormat: "iso-naive",
  build: (partial, ctx) => ({
    name: null,
    status: "ACTIVE",
    secret_type: "opaque",
    algorithm: null,
    bit_length: null,
    mode: null,
    expiration: null,
    content_types: { default: "text/plain" },
    creator_id: ctx.adminUserId,
    project_id: ctx.adminProjectId,
    ...partial,
    ...times(partial, ctx),
  }),
};

const containerSeeder: Seeder = {
  timeFormat: "iso-naive",
  build: (partial, ctx) => ({
    name: null,
    status: "ACTIVE",
    type: "generic",
    secret_refs: [],
    consumers: [],
    creator_id: ctx.adminUserId,
    project_id: ctx.adminProjectId,
    ...partial,
    ...times(partial, ctx),
  }),
};

interface Kind {
  type: ResourceTypeId;
  plural: "secrets" | "containers";
  refField: "secret_ref" | "container_ref";
  noun: "Secret" | "Container";
}

const KINDS: readonly Kind[] = [
  { type: "key-manager.secret", plural: "secrets", refField: "secret_ref", noun: "Secret" },
  { type: "key-manager.container", plural: "containers", refField: "container_ref", noun: "Container" },
];

/** The record as Barbican shows it: its reference instead of its id, no owner, secrets of a container as refs. */
function render(c: Context<FakeEnv>, kind: Kind, record: ResourceRecord): Record<string, unknown> {
  const origin = `${new URL(c.req.url).origin}/key-manager/v1`;
  const shown = copyWithout(record, (key) => isInternalFlag(key) || key === "id" || key === "project_id");
  shown[kind.refField] = `${origin}/${kind.plural}/${record.id}`;
  if (kind.plural === "containers" && Array.isArray(record["secret_refs"])) {
    shown["secret_refs"] = (record["secret_refs"] as { name?: unknown; secret_id?: unknown }[]).map((ref) => ({
      name: ref.name ?? null,
      secret_ref: `${origin}/secrets/${String(ref.secret_id)}`,
    }));
  }
  return shown;
}

function mountKind(app: Hono<FakeEnv>, ctx: ServiceContext, kind: Kind): void {
  const collection = ctx.state.collection(kind.type);
  app.get(`/v1/${kind.plural}`, (c) => {
    const query = queryOf(c);
    const offset = Math.max(0, Number.parseInt(query.get("offset") ?? "0", 10) || 0);
    const asked = Number.parseInt(query.get("limit") ?? "", 10);
    const limit = Math.min(Number.isNaN(asked) || asked <= 0 ? DEFAULT_LIMIT : asked, MAX_LIMIT);
    const own = collection.sorted(CREATED_ASC).items.filter((record) => record["project_id"] === caller(c).projectId);
    const items = own.slice(offset, offset + limit);
    const body: Record<string, unknown> = { [kind.plural]: items.map((record) => render(c, kind, record)) };
    // barbican/common/hrefs.py add_nav_hrefs: previous/next links by offset, the total always.
    const href = (at: number): string => {
      const url = new URL(`${new URL(c.req.url).origin}/key-manager/v1/${kind.plural}`);
      url.searchParams.set("limit", String(limit));
      url.searchParams.set("offset", String(at));
      return url.toString();
    };
    if (offset > 0) body["previous"] = href(Math.max(0, offset - limit));
    if (offset + limit < own.length) body["next"] = href(offset + limit);
    body["total"] = own.length;
    return jsonResponse(c, body);
  });

  const find = (c: Context<FakeEnv>): ResourceRecord | Response => {
    const record = collection.get(c.req.param("id") ?? "");
    if (record === undefined) return errorResponse(c, 404, `${kind.noun} not found.`);
    if (record["project_id"] !== caller(c).projectId) {
      return errorResponse(
        c,
        403,
        `${kind.noun} retrieval attempt not allowed - please review your user/project privileges`,
      );
    }
    return record;
  };
  app.get(`/v1/${kind.plural}/:id`, (c) => {
    const record = find(c);
    return record instanceof Response ? record : jsonResponse(c, render(c, kind, record));
  });
  app.delete(`/v1/${kind.plural}/:id`, (c) => {
    const record = find(c);
    if (record instanceof Response) return record;
    collection.delete(record.id);
    return c.body(null, 204);
  });
}

export const keyManagerService = (): ServiceModule => ({
  serviceType: "key-manager",
  pathPrefix: "/key-manager",
  catalog: [{ type: "key-manager", name: "barbican", path: "/key-manager" }],
  isPublic: (method, path) => method === "GET" && /^\/?$/.test(path),
  seeders: { "key-manager.secret": secretSeeder, "key-manager.container": containerSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    // barbican/api/controllers/versions.py: 300 Multiple Choices at the root.
    app.get("/", (c) =>
      jsonResponse(
        c,
        {
          versions: {
            values: [
              {
                id: "v1",
                status: "stable",
                links: [{ rel: "self", href: `${new URL(c.req.url).origin}/key-manager/v1/` }],
              },
            ],
          },
        },
        300,
      ),
    );
    for (const kind of KINDS) mountKind(app, ctx, kind);
    return app;
  },
});
