// Load Balancer v2 (Octavia, Zed: API v2.0–v2.26): version discovery, load balancers and their children,
// and the amphorae an operator fails over or removes.

import { Hono } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import type { ServiceModule } from "../../service-module.ts";
import { lbaasRoutes } from "./lbaas.ts";
import {
  amphoraSeeder,
  healthMonitorSeeder,
  l7PolicySeeder,
  listenerSeeder,
  loadBalancerSeeder,
  poolSeeder,
} from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

const CURRENT_MINOR = 26;

export const loadBalancerService = (): ServiceModule => ({
  serviceType: "load-balancer",
  pathPrefix: "/load-balancer",
  catalog: [{ type: "load-balancer", name: "octavia", path: "/load-balancer" }],
  isPublic: (method, path) => method === "GET" && /^\/?$/.test(path),
  seeders: {
    "load-balancer.loadbalancer": loadBalancerSeeder,
    "load-balancer.listener": listenerSeeder,
    "load-balancer.pool": poolSeeder,
    "load-balancer.healthmonitor": healthMonitorSeeder,
    "load-balancer.l7policy": l7PolicySeeder,
    "load-balancer.amphora": amphoraSeeder,
  },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    // octavia/api/root_controller.py: every API version, the newest CURRENT and the rest SUPPORTED.
    app.get("/", (c) => {
      const href = `${new URL(c.req.url).origin}/load-balancer/v2`;
      const versions = Array.from({ length: CURRENT_MINOR + 1 }, (_, minor) => ({
        id: `v2.${minor}`,
        status: minor === CURRENT_MINOR ? "CURRENT" : "SUPPORTED",
        updated: "2022-09-01T00:00:00Z",
        links: [{ href, rel: "self" }],
      }));
      return jsonResponse(c, { versions });
    });
    const resources = lbaasRoutes(ctx);
    // Octavia answers under its API's two names, v2 and the older v2.0.
    for (const version of ["/v2", "/v2.0"]) {
      for (const [path, routes] of resources) app.route(`${version}/${path}`, routes);
    }
    return app;
  },
});
