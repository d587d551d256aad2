// Block Storage v3 (Cinder, Zed: microversions 3.0–3.70): version discovery, volumes with their actions,
// attachments, snapshots, backups and services, all under `/volume/v3/<project_id>` as devstack serves them.

import { Hono, type Context, type Next } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { caller, errorResponse } from "../../http/respond.ts";
import type { ServiceModule } from "../../service-module.ts";
import { attachmentRoutes } from "./attachments.ts";
import { attachmentSeeder, backupSeeder, snapshotSeeder, volumeSeeder, volumeServiceSeeder } from "./seeders.ts";
import { backupRoutes, snapshotRoutes } from "./snapshots-backups.ts";
import { volumeServiceRoutes } from "./volume-services.ts";
import { volumeRoutes } from "./volumes.ts";
import { jsonResponse } from "../../http/json-response.ts";

const MIN_VERSION = "3.0";
const MAX_VERSION = "3.70";

function versionV3(c: Context<FakeEnv>): Record<string, unknown> {
  return {
    id: "v3.0",
    status: "CURRENT",
    version: MAX_VERSION,
    min_version: MIN_VERSION,
    updated: "2023-08-31T00:00:00Z",
    links: [
      { rel: "describedby", type: "text/html", href: "https://docs.openstack.org/" },
      { rel: "self", href: `${new URL(c.req.url).origin}/volume/v3/` },
    ],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.volume+json;version=3" }],
  };
}

/** cinder/api/openstack/wsgi.py: a project id in the URL that is not the token's is refused. */
async function projectInUrl(c: Context<FakeEnv>, next: Next): Promise<Response | undefined> {
  const projectId = new URL(c.req.url).pathname.split("/")[3];
  if (projectId !== caller(c).projectId) return errorResponse(c, 400, "Malformed request url");
  await next();
  return undefined;
}

export const blockStorageService = (): ServiceModule => ({
  serviceType: "block-storage",
  pathPrefix: "/volume",
  catalog: [
    { type: "block-storage", name: "cinder", path: "/volume/v3/{project_id}" },
    { type: "volumev3", name: "cinderv3", path: "/volume/v3/{project_id}" },
  ],
  microversion: { headerName: "volume", min: MIN_VERSION, max: MAX_VERSION },
  isPublic: (method, path) => method === "GET" && /^\/?(v3\/?)?$/.test(path),
  seeders: {
    "block-storage.volume": volumeSeeder,
    "block-storage.attachment": attachmentSeeder,
    "block-storage.snapshot": snapshotSeeder,
    "block-storage.backup": backupSeeder,
    "block-storage.service": volumeServiceSeeder,
  },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    // cinder's versions controller answers its root with 300 Multiple Choices.
    app.get("/", (c) => jsonResponse(c, { versions: [versionV3(c)] }, 300));
    app.get("/v3", (c) => jsonResponse(c, { versions: [versionV3(c)] }));
    app.use("/v3/:project_id/*", projectInUrl);
    app.route("/v3/:project_id/volumes", volumeRoutes(ctx));
    app.route("/v3/:project_id/attachments", attachmentRoutes(ctx));
    app.route("/v3/:project_id/snapshots", snapshotRoutes(ctx));
    app.route("/v3/:project_id/backups", backupRoutes(ctx));
    app.route("/v3/:project_id/os-services", volumeServiceRoutes(ctx));
    return app;
  },
});
