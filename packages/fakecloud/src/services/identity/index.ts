// Identity v3 (Keystone, Zed): version discovery, tokens, projects, domains, users, roles, trusts, application
// credentials.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import type { ServiceModule } from "../../service-module.ts";
import { authTokenRoutes, baseUrlOf } from "./auth-tokens.ts";
import { FEDERATED_AUTH_PATH, federationRoutes } from "./federation.ts";
import { keystoneRoutes } from "./projects.ts";
import { domainSeeder, projectSeeder } from "./seeders.ts";
import { applicationCredentialRoutes } from "./application-credentials.ts";
import { trustRoutes, trustSeeder } from "./trusts.ts";
import { jsonResponse } from "../../http/json-response.ts";

function versionV3(c: Context<FakeEnv>): Record<string, unknown> {
  return {
    id: "v3.14",
    status: "stable",
    updated: "2020-04-07T00:00:00Z",
    links: [{ rel: "self", href: `${baseUrlOf(c)}/identity/v3/` }],
    "media-types": [{ base: "application/json", type: "application/vnd.openstack.identity-v3+json" }],
  };
}

export const identityService = (): ServiceModule => ({
  serviceType: "identity",
  pathPrefix: "/identity",
  catalog: [{ type: "identity", name: "keystone", path: "/identity/v3" }],
  isPublic: (method, path) =>
    /^\/?(v3\/?)?$/.test(path) ||
    (method === "POST" && (/^\/v3\/auth\/tokens\/?$/.test(path) || FEDERATED_AUTH_PATH.test(path))),
  seeders: { "identity.project": projectSeeder, "identity.domain": domainSeeder, "identity.trust": trustSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    // keystone answers its root with 300 Multiple Choices and the list of versions.
    app.get("/", (c) => jsonResponse(c, { versions: { values: [versionV3(c)] } }, 300));
    app.get("/v3", (c) => jsonResponse(c, { version: versionV3(c) }));
    app.route("/v3/auth/tokens", authTokenRoutes(ctx));
    app.route("/v3/OS-FEDERATION", federationRoutes(ctx));
    app.route("/v3/OS-TRUST/trusts", trustRoutes(ctx));
    app.route("/v3/users", applicationCredentialRoutes(ctx));
    for (const [path, routes] of keystoneRoutes(ctx)) app.route(`/v3/${path}`, routes);
    return app;
  },
});
