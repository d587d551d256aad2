// Image v2 (Glance, Zed: v2.0–v2.15): version discovery, images and image members.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import type { ServiceModule } from "../../service-module.ts";
import { imageRoutes } from "./images.ts";
import { imageMemberSeeder, imageSeeder } from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

const CURRENT_MINOR = 15;

function versions(c: Context<FakeEnv>): Record<string, unknown>[] {
  const href = `${new URL(c.req.url).origin}/image/v2/`;
  return Array.from({ length: CURRENT_MINOR + 1 }, (_, index) => {
    const minor = CURRENT_MINOR - index;
    return {
      id: `v2.${minor}`,
      status: minor === CURRENT_MINOR ? "CURRENT" : "SUPPORTED",
      links: [{ rel: "self", href }],
    };
  });
}

export const imageService = (): ServiceModule => ({
  serviceType: "image",
  pathPrefix: "/image",
  catalog: [{ type: "image", name: "glance", path: "/image" }],
  isPublic: (method, path) => method === "GET" && /^\/?(versions\/?)?$/.test(path),
  seeders: { "image.image": imageSeeder, "image.member": imageMemberSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    // glance/api/versions.py: 300 Multiple Choices at the root, 200 at /versions.
    app.get("/", (c) => jsonResponse(c, { versions: versions(c) }, 300));
    app.get("/versions", (c) => jsonResponse(c, { versions: versions(c) }));
    app.route("/v2/images", imageRoutes(ctx));
    return app;
  },
});
