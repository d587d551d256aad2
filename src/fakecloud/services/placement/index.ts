// Placement (microversions 1.0 to 1.39): resource providers, their allocations, and allocations per consumer.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { caller, errorResponse } from "../../http/respond.ts";
import type { ServiceModule } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { allocationSeeder, resourceProviderSeeder } from "./seeders.ts";

type Allocations = Record<string, { resources: Record<string, number> }>;

function allocationsOf(record: ResourceRecord): Allocations {
  return (record["allocations"] ?? {}) as Allocations;
}

/** Placement's default policies are admin-only for everything stacksweep reads or deletes. */
function forbidden(c: Context<FakeEnv>, rule: string): Response | undefined {
  return caller(c).isAdmin ? undefined : errorResponse(c, 403, `Policy does not allow ${rule} to be performed.`);
}

function providerBody(c: Context<FakeEnv>, record: ResourceRecord): Record<string, unknown> {
  const origin = new URL(c.req.url).origin;
  const body: Record<string, unknown> = {
    uuid: record.id,
    name: record["name"],
    generation: record["generation"],
    links: [
      { rel: "self", href: `${origin}/placement/resource_providers/${record.id}` },
      { rel: "allocations", href: `${origin}/placement/resource_providers/${record.id}/allocations` },
    ],
  };
  if (atLeast(c.var.microversion, "1.14")) {
    body["parent_provider_uuid"] = record["parent_provider_uuid"] ?? null;
    body["root_provider_uuid"] = record["root_provider_uuid"] ?? record.id;
  }
  return body;
}

export const placementService = (): ServiceModule => ({
  serviceType: "placement",
  pathPrefix: "/placement",
  catalog: [{ type: "placement", name: "placement", path: "/placement" }],
  microversion: {
    headerName: "placement",
    min: "1.0",
    max: "1.39",
    // placement/microversion.py (via microversion_parse) words its 406 this way
    unacceptable: (requested) => `Unacceptable version header: ${requested}`,
  },
  isPublic: (method, path) => method === "GET" && /^\/?$/.test(path),
  seeders: { "placement.resource-provider": resourceProviderSeeder, "placement.allocation": allocationSeeder },
  routes(ctx) {
    const app = new Hono<FakeEnv>({ strict: false });
    const providers = ctx.state.collection("placement.resource-provider");
    const consumers = ctx.state.collection("placement.allocation");

    // Consumers by provider, rebuilt only when allocations changed: one listing per provider stays cheap at 100k.
    let index: { revision: number; byProvider: Map<string, ResourceRecord[]> } | undefined;
    const consumersOf = (providerId: string): ResourceRecord[] => {
      if (index?.revision !== consumers.revision) {
        const byProvider = new Map<string, ResourceRecord[]>();
        for (const consumer of consumers.values()) {
          for (const id of Object.keys(allocationsOf(consumer))) {
            const list = byProvider.get(id) ?? [];
            list.push(consumer);
            byProvider.set(id, list);
          }
        }
        index = { revision: consumers.revision, byProvider };
      }
      return index.byProvider.get(providerId) ?? [];
    };

    // A deleted server's allocations go with it (nova removes them when the instance is destroyed).
    ctx.state.on("compute.server.deleted", ({ serverId }) => consumers.delete(serverId));

    app.get("/", (c) =>
      c.json({
        versions: [
          {
            id: "v1.0",
            max_version: "1.39",
            min_version: "1.0",
            status: "CURRENT",
            links: [{ rel: "self", href: "" }],
          },
        ],
      }),
    );

    app.get("/resource_providers", (c) => {
      const refused = forbidden(c, "placement:resource_providers:list");
      if (refused !== undefined) return refused;
      const name = c.req.query("name");
      const list = [...providers.values()].filter((record) => name === undefined || record["name"] === name);
      return c.json({ resource_providers: list.map((record) => providerBody(c, record)) });
    });

    app.get("/resource_providers/:uuid", (c) => {
      const refused = forbidden(c, "placement:resource_providers:show");
      if (refused !== undefined) return refused;
      const record = providers.get(c.req.param("uuid"));
      if (record === undefined)
        return errorResponse(c, 404, `No resource provider with uuid ${c.req.param("uuid")} found`);
      return c.json(providerBody(c, record));
    });

    app.get("/resource_providers/:uuid/allocations", (c) => {
      const refused = forbidden(c, "placement:resource_providers:allocations:list");
      if (refused !== undefined) return refused;
      const uuid = c.req.param("uuid");
      const provider = providers.get(uuid);
      if (provider === undefined)
        return errorResponse(
          c,
          404,
          `Resource provider '${uuid}' not found: No resource provider with uuid ${uuid} found`,
        );
      const allocations: Record<string, { resources: Record<string, number> }> = {};
      for (const consumer of consumersOf(uuid)) {
        const onProvider = allocationsOf(consumer)[uuid];
        if (onProvider !== undefined) allocations[consumer.id] = { resources: onProvider.resources };
      }
      return c.json({ allocations, resource_provider_generation: provider["generation"] });
    });

    app.get("/allocations/:consumer", (c) => {
      const refused = forbidden(c, "placement:allocations:list");
      if (refused !== undefined) return refused;
      const record = consumers.get(c.req.param("consumer"));
      // An unknown consumer is not an error in placement: it simply has no allocations.
      if (record === undefined) return c.json({ allocations: {} });
      const allocations: Record<string, unknown> = {};
      for (const [providerId, { resources }] of Object.entries(allocationsOf(record))) {
        allocations[providerId] = { generation: providers.get(providerId)?.["generation"] ?? 1, resources };
      }
      const body: Record<string, unknown> = { allocations };
      if (atLeast(c.var.microversion, "1.12")) {
        body["project_id"] = record["project_id"];
        body["user_id"] = record["user_id"];
      }
      if (atLeast(c.var.microversion, "1.28")) body["consumer_generation"] = record["consumer_generation"];
      if (atLeast(c.var.microversion, "1.38")) body["consumer_type"] = record["consumer_type"];
      return c.json(body);
    });

    app.delete("/allocations/:consumer", (c) => {
      const refused = forbidden(c, "placement:allocations:delete");
      if (refused !== undefined) return refused;
      const consumer = c.req.param("consumer");
      if (consumers.delete(consumer) === undefined)
        return errorResponse(c, 404, `No allocations for consumer '${consumer}'`);
      return c.body(null, 204);
    });
    return app;
  },
});
