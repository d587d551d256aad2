// GET /flavors[/detail] and /flavors/{id}: the flavors devstack creates. Clients such as `openstack server list`
// list flavors to show their names, so a missing flavors API would break them on an otherwise healthy cloud.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { errorResponse } from "../../http/respond.ts";
import { jsonResponse } from "../../http/json-response.ts";

export interface Flavor {
  id: string;
  name: string;
  ram: number;
  disk: number;
  vcpus: number;
}

const FLAVORS: readonly Flavor[] = [
  { id: "1", name: "m1.tiny", ram: 512, disk: 1, vcpus: 1 },
  { id: "2", name: "m1.small", ram: 2048, disk: 20, vcpus: 1 },
  { id: "3", name: "m1.medium", ram: 4096, disk: 40, vcpus: 2 },
  { id: "4", name: "m1.large", ram: 8192, disk: 80, vcpus: 4 },
  { id: "5", name: "m1.xlarge", ram: 16384, disk: 160, vcpus: 8 },
];

/** The flavor a `flavorRef` names (its id), as nova looks it up at server create. */
export function findFlavor(id: string): Readonly<Flavor> | undefined {
  return FLAVORS.find((flavor) => flavor.id === id);
}

function links(c: Context<FakeEnv>, id: string): { rel: string; href: string }[] {
  const origin = new URL(c.req.url).origin;
  return [
    { rel: "self", href: `${origin}/compute/v2.1/flavors/${id}` },
    { rel: "bookmark", href: `${origin}/compute/flavors/${id}` },
  ];
}

function detail(c: Context<FakeEnv>, flavor: Flavor): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...flavor,
    links: links(c, flavor.id),
    "OS-FLV-EXT-DATA:ephemeral": 0,
    "OS-FLV-DISABLED:disabled": false,
    swap: 0,
    rxtx_factor: 1.0,
    "os-flavor-access:is_public": true,
  };
  if (atLeast(c.var.microversion, "2.55")) body["description"] = null;
  if (atLeast(c.var.microversion, "2.61")) body["extra_specs"] = {};
  return body;
}

/** Nova's flavors: `/v2.1/flavors`. */
export function flavorRoutes(): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  app.get("/detail", (c) => jsonResponse(c, { flavors: FLAVORS.map((flavor) => detail(c, flavor)) }));
  app.get("/", (c) =>
    jsonResponse(c, {
      flavors: FLAVORS.map((flavor) => ({ id: flavor.id, name: flavor.name, links: links(c, flavor.id) })),
    }),
  );
  app.get("/:id", (c) => {
    const flavor = FLAVORS.find((candidate) => candidate.id === c.req.param("id"));
    if (flavor === undefined) return errorResponse(c, 404, `Flavor ${c.req.param("id")} could not be found.`);
    return jsonResponse(c, { flavor: detail(c, flavor) });
  });
  return app;
}
