// Compute v2.1 (Nova, microversions 2.1 to 2.96): version discovery, servers, volume attachments, services, hypervisors,
// key pairs.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import type { ServiceModule } from "../../service-module.ts";
import { flavorRoutes } from "./flavors.ts";
import { osHypervisorRoutes } from "./os-hypervisors.ts";
import { osKeypairRoutes, keypairSeeder } from "./os-keypairs.ts";
import { osServiceRoutes } from "./os-services.ts";
import { computeServiceSeeder, serverSeeder } from "./server-seeder.ts";
import { serverRoutes } from "./servers.ts";
import { jsonResponse } from "../../http/json-response.ts";

const MIN_VERSION = "2.1";
const MAX_VERSION = "2.96";

function versionV21(c: Context<FakeEnv>): Record<string, unknown> {
  const origin = new URL(c.req.url).origin;
  return {
    id: "v2.1",
    status: "CURRENT",
    version: MAX_VERSION,
    min_version: MIN_VERSION,
    updated: "2013-07-23T11:33:21Z",
    links: [
      { rel: "self", href: `${origin}/compute/v2.1/` },
      { rel: "describedby", type: "text/html", href: "http://docs.openstack.org/" },
    ],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.compute+json;version=2.1" }],
  };
}

export const computeService = (): ServiceModule => ({
  serviceType: "compute",
  pathPrefix: "/compute",
  catalog: [{ type: "compute", name: "nova", path: "/compute/v2.1" }],
  microversion: {
    headerName: "compute",
    legacyHeader: "X-OpenStack-Nova-API-Version",
    min: MIN_VERSION,
    max: MAX_VERSION,
  },
  isPublic: (method, path) => method === "GET" && /^\/?(v2\.1\/?)?$/.test(path),
  seeders: {
    "compute.server": serverSeeder,
    "compute.service": computeServiceSeeder,
    "compute.keypair": keypairSeeder,
  },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    app.get("/", (c) => {
      const origin = new URL(c.req.url).origin;
      const v2 = {
        id: "v2.0",
        status: "SUPPORTED",
        version: "",
        min_version: "",
        updated: "2011-01-21T11:33:21Z",
        links: [{ rel: "self", href: `${origin}/compute/v2/` }],
      };
      const { "media-types": _mediaTypes, ...v21 } = versionV21(c);
      return jsonResponse(c, { versions: [v2, { ...v21, links: [{ rel: "self", href: `${origin}/compute/v2.1/` }] }] });
    });
    app.get("/v2.1", (c) => jsonResponse(c, { version: versionV21(c) }));
    app.route("/v2.1/servers", serverRoutes(ctx));
    app.route("/v2.1/os-services", osServiceRoutes(ctx));
    app.route("/v2.1/os-keypairs", osKeypairRoutes(ctx));
    app.route("/v2.1/os-hypervisors", osHypervisorRoutes(ctx));
    app.route("/v2.1/flavors", flavorRoutes());
    return app;
  },
});
