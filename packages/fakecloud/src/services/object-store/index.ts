// Object storage (Swift with keystoneauth, 2.30 as in Debian 12): account and container listings, container HEAD and
// DELETE, and the bulk middleware's delete. An account is `AUTH_<project>`: its own project's admin or member, or a
// ResellerAdmin, reaches it. Records are containers (`object-store.container`, id `<project>/<name>`), their objects
// held inside them.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { caller, queryOf } from "../../http/respond.ts";
import { jsonResponse } from "../../http/json-response.ts";
import type { ServiceModule } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { containerSeeder, OBJECTS, type StoredObject } from "./seeders.ts";

const RESELLER_PREFIX = "AUTH_";
/** Swift's `account_listing_limit` and `container_listing_limit` defaults; a larger `limit` is refused with 412. */
const LISTING_LIMIT = 10000;
/** keystoneauth's defaults: `operator_roles` own their project's account, `reseller_admin_role` every account. */
const OPERATOR_ROLES = ["admin", "member"];
const RESELLER_ADMIN_ROLE = "ResellerAdmin";

/** Swift answers errors as small HTML pages (swift/common/swob.py), not JSON. */
function swiftError(c: Context<FakeEnv>, status: 401 | 403 | 404 | 409 | 412, explanation: string): Response {
  const title = {
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
  }[status];
  return c.body(`<html><h1>${title}</h1><p>${explanation}</p></html>`, status, {
    "Content-Type": "text/html; charset=UTF-8",
  });
}

/** The project of an `AUTH_<project>` account, or null for another reseller's account. */
function projectOf(account: string): string | null {
  return account.startsWith(RESELLER_PREFIX) ? account.slice(RESELLER_PREFIX.length) : null;
}

function objectsOf(container: ResourceRecord): StoredObject[] {
  return (container[OBJECTS] ?? []) as StoredObject[];
}

/** A `limit` and `marker` as Swift reads them; a limit above the listing limit is a 412. */
function listingWindow(c: Context<FakeEnv>): { limit: number; marker: string } | Response {
  const query = queryOf(c);
  const asked = query.get("limit");
  const limit = asked === null ? LISTING_LIMIT : Number(asked);
  if (!Number.isInteger(limit) || limit < 0) return swiftError(c, 412, `Value of limit must be a positive integer`);
  if (limit > LISTING_LIMIT) return swiftError(c, 412, `Maximum limit is ${LISTING_LIMIT}`);
  return { limit, marker: query.get("marker") ?? "" };
}

export const objectStoreService = (): ServiceModule => ({
  serviceType: "object-store",
  pathPrefix: "/object-store",
  catalog: [{ type: "object-store", name: "swift", path: "/object-store/v1/AUTH_{project_id}" }],
  isPublic: (method, path) => method === "GET" && /^\/?(info)?$/.test(path),
  seeders: { "object-store.container": containerSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    const containers = ctx.state.collection("object-store.container");

    /** keystoneauth: the account's own project with an operator role, or a reseller admin; else 403. */
    const allowed = (c: Context<FakeEnv>, account: string): string | Response => {
      const project = projectOf(account);
      const { projectId, roleNames } = caller(c);
      if (project === null) return swiftError(c, 403, "Access was denied to this resource.");
      if (roleNames.has(RESELLER_ADMIN_ROLE)) return project;
      if (project === projectId && OPERATOR_ROLES.some((role) => roleNames.has(role))) return project;
      return swiftError(c, 403, "Access was denied to this resource.");
    };
    // One account's containers from an index kept until a container changes: a scan reads the accounts of
    // hundreds of deleted projects, each of which walked every container of the cloud.
    const containersOf = (project: string): ResourceRecord[] =>
      [
        ...(containers
          .groupedBy("project_id", (record) =>
            typeof record["project_id"] === "string" ? record["project_id"] : undefined,
          )
          .get(project) ?? []),
      ].sort((a, b) => String(a["name"]).localeCompare(String(b["name"])));

    app.get("/", (c) => jsonResponse(c, { swift: { version: "2.30.1", account_listing_limit: LISTING_LIMIT } }));
    app.get("/info", (c) => jsonResponse(c, { swift: { version: "2.30.1", account_listing_limit: LISTING_LIMIT } }));

    // The account listing. With account_autocreate (every Keystone deployment), an account never written answers
    // like an empty one: 200 "[]" (204 in plain text), so the listing cannot tell "never used" from "emptied".
    app.get("/v1/:account", (c) => {
      const project = allowed(c, c.req.param("account"));
      if (project instanceof Response) return project;
      const window = listingWindow(c);
      if (window instanceof Response) return window;
      const all = containersOf(project);
      const page = all.filter((record) => String(record["name"]) > window.marker).slice(0, window.limit);
      const headers = {
        "X-Account-Container-Count": String(all.length),
        "X-Account-Object-Count": String(all.reduce((sum, r) => sum + Number(r["count"]), 0)),
        "X-Account-Bytes-Used": String(all.reduce((sum, r) => sum + Number(r["bytes"]), 0)),
      };
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
      if (queryOf(c).get("format") !== "json") {
        if (page.length === 0) return c.body(null, 204);
        return c.text(page.map((record) => `${String(record["name"])}\n`).join(""));
      }
      return jsonResponse(
        c,
        page.map((r) => ({ name: r["name"], count: r["count"], bytes: r["bytes"], last_modified: r["last_modified"] })),
      );
    });

    // The bulk middleware's delete: one URL-encoded `/container[/object]` a line; errors are counted, not raised.
    app.post("/v1/:account", async (c) => {
      const project = allowed(c, c.req.param("account"));
      if (project instanceof Response) return project;
      if (!queryOf(c).has("bulk-delete")) return swiftError(c, 412, "Unsupported POST without bulk-delete");
      const lines = (await c.req.text()).split("\n").filter((line) => line.trim() !== "");
      let deleted = 0;
      let notFound = 0;
      const errors: [string, string][] = [];
      // The objects of each container a line names, as the lines before left them; written back once at the end.
      const remaining = new Map<string, Map<string, StoredObject>>();
      const objectsNow = (container: ResourceRecord): Map<string, StoredObject> => {
        let objects = remaining.get(container.id);
        if (objects === undefined) {
          objects = new Map(objectsOf(container).map((object) => [object.name, object]));
          remaining.set(container.id, objects);
        }
        return objects;
      };
      for (const line of lines) {
        const [containerName = "", ...rest] = decodeURIComponent(line.trim()).replace(/^\//, "").split("/");
        const objectName = rest.join("/");
        const container = containers.get(`${project}/${containerName}`);
        if (container === undefined) {
          notFound += 1;
          continue;
        }
        const objects = objectsNow(container);
        if (objectName === "") {
          if (objects.size > 0) errors.push([line, "409 Conflict"]);
          else {
            containers.delete(container.id);
            remaining.delete(container.id);
            deleted += 1;
          }
          continue;
        }
        if (objects.delete(objectName)) deleted += 1;
        else notFound += 1;
      }
      for (const [id, objects] of remaining) {
        const kept = [...objects.values()];
        containers.update(id, {
          [OBJECTS]: kept,
          count: kept.length,
          bytes: kept.reduce((sum, object) => sum + object.bytes, 0),
        });
      }
      return jsonResponse(c, {
        "Number Deleted": deleted,
        "Number Not Found": notFound,
        "Response Body": "",
        "Response Status": errors.length === 0 ? "200 OK" : "400 Bad Request",
        Errors: errors,
      });
    });

    app.get("/v1/:account/:container", (c) => {
      const project = allowed(c, c.req.param("account"));
      if (project instanceof Response) return project;
      const container = containers.get(`${project}/${c.req.param("container")}`);
      // Hono answers HEAD with this GET route: Swift's HEAD of a container is a 204 with its counts as headers.
      if (c.req.method === "HEAD" && container === undefined) return c.body(null, 404);
      if (container === undefined) return swiftError(c, 404, "The resource could not be found.");
      c.header("X-Container-Object-Count", String(container["count"]));
      c.header("X-Container-Bytes-Used", String(container["bytes"]));
      if (c.req.method === "HEAD") return c.body(null, 204);
      const window = listingWindow(c);
      if (window instanceof Response) return window;
      const page = objectsOf(container)
        .filter((object) => object.name > window.marker)
        .slice(0, window.limit);
      return jsonResponse(
        c,
        page.map((object) => ({
          name: object.name,
          bytes: object.bytes,
          hash: "d41d8cd98f00b204e9800998ecf8427e",
          content_type: "application/octet-stream",
          last_modified: object.last_modified,
        })),
      );
    });

    // A container that holds objects cannot be deleted (Swift has no cascade).
    app.delete("/v1/:account/:container", (c) => {
      const project = allowed(c, c.req.param("account"));
      if (project instanceof Response) return project;
      const container = containers.get(`${project}/${c.req.param("container")}`);
      if (container === undefined) return swiftError(c, 404, "The resource could not be found.");
      if (objectsOf(container).length > 0)
        return swiftError(c, 409, "There was a conflict when trying to complete your request.");
      containers.delete(container.id);
      return c.body(null, 204);
    });
    return app;
  },
});
