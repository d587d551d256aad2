// Network v2.0 (Neutron, Zed, ML2/OVS): version discovery, the extension-free resource index, and every
// resource stacksweep reads or repairs: networks, subnets, ports, routers, floating IPs, security groups and
// rules, RBAC policies and agents.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { errorResponse } from "../../http/respond.ts";
import type { ServiceModule } from "../../service-module.ts";
import { neutronRoutes } from "./mutations.ts";
import { neutronList, render, visible } from "./neutron-listing.ts";
import { neutronResources } from "./resources.ts";
import {
  agentSeeder,
  floatingipSeeder,
  networkSeeder,
  portSeeder,
  rbacPolicySeeder,
  routerSeeder,
  securityGroupRuleSeeder,
  securityGroupSeeder,
  subnetSeeder,
} from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

function origin(c: Context<FakeEnv>): string {
  return new URL(c.req.url).origin;
}

export const networkService = (): ServiceModule => ({
  serviceType: "network",
  pathPrefix: "/network",
  catalog: [{ type: "network", name: "neutron", path: "/network" }],
  isPublic: (method, path) => method === "GET" && /^\/?$/.test(path),
  seeders: {
    "network.network": networkSeeder,
    "network.subnet": subnetSeeder,
    "network.port": portSeeder,
    "network.router": routerSeeder,
    "network.floatingip": floatingipSeeder,
    "network.security-group": securityGroupSeeder,
    "network.security-group-rule": securityGroupRuleSeeder,
    "network.rbac-policy": rbacPolicySeeder,
    "network.agent": agentSeeder,
  },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    const resources = neutronResources(ctx.state);
    app.get("/", (c) =>
      jsonResponse(c, {
        versions: [{ id: "v2.0", status: "CURRENT", links: [{ href: `${origin(c)}/network/v2.0/`, rel: "self" }] }],
      }),
    );
    app.get("/v2.0", (c) =>
      jsonResponse(c, {
        resources: Object.values(resources).map((resource) => ({
          name: resource.singular,
          collection: resource.plural,
          links: [{ href: `${origin(c)}/network/v2.0/${resource.plural}`, rel: "self" }],
        })),
      }),
    );
    const routes = neutronRoutes(ctx, resources);
    for (const resource of Object.values(resources)) {
      const resourceRoutes = routes.get(resource.plural)!;
      resourceRoutes.get("/", (c) => neutronList(c, ctx.state, resource));
      resourceRoutes.get("/:id", (c) => {
        const id = c.req.param("id");
        const record = resource.collection.get(id);
        if (record === undefined || !visible(c, resource, record)) {
          const { type, message } = resource.notFound(id);
          return errorResponse(c, 404, message, { type });
        }
        return jsonResponse(c, { [resource.singular]: render(c, resource, [record])[0] });
      });
      app.route(`/v2.0/${resource.plural}`, resourceRoutes);
    }
    return app;
  },
});
