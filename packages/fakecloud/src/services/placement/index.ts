// Placement (microversions 1.0 to 1.39): resource providers, their allocations, and allocations per consumer;
// a server nova creates gets its compute node's provider (registered on first use) and an allocation on it.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { caller, errorResponse } from "../../http/respond.ts";
import type { ServiceModule } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { allocationSeeder, resourceProviderSeeder } from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

type Allocations = Record<string, { resources: Record<string, number> }>;

function allocationsOf(record: ResourceRecord): Allocations {
  return (record["allocations"] ?? {}) as Allocations;
}

/** Placement's default policies are admin-only for everything stacksweep reads or deletes. */
function forbidden(c: Context<FakeEnv>, rule: string): Response | undefined {
  return caller(c).isAdmin ? undefined : errorResponse(c, 403, `Policy does not allow ${rule} to be performed.`);
}

/** A provider's links by the microversion that added them (placement/handlers/resource_provider.py). */
const PROVIDER_LINKS: readonly [string, string, string][] = [
  ["self", "", "1.0"],
  ["inventories", "/inventories", "1.0"],
  ["usages", "/usages", "1.0"],
  ["aggregates", "/aggregates", "1.1"],
  ["traits", "/traits", "1.6"],
  ["allocations", "/allocations", "1.11"],
];

function providerBody(c: Context<FakeEnv>, record: ResourceRecord): Record<string, unknown> {
  // Placement's links are paths under the application's root (its SCRIPT_NAME), without scheme or host.
  const self = `/placement/resource_providers/${record.id}`;
  const body: Record<string, unknown> = {
    uuid: record.id,
    name: record["name"],
    generation: record["generation"],
    links: PROVIDER_LINKS.filter(([, , since]) => atLeast(c.var.microversion, since)).map(([rel, suffix]) => ({
      rel,
      href: `${self}${suffix}`,
    })),
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
    // A new server consumes its flavor on its host's provider, which nova-compute registered under the host's
    // name; fakecloud registers it on first use, so an empty cloud gets its compute node with its first server.
    ctx.state.on("compute.server.created", ({ serverId, host, projectId, userId, resources }) => {
      const seed = { state: ctx.state, now: new Date(), adminProjectId: projectId, adminUserId: userId };
      let provider = [...providers.values()].find((record) => record["name"] === host);
      if (provider === undefined) {
        provider = resourceProviderSeeder.build({ id: newUuid(), name: host }, seed);
        providers.insert(provider);
      }
      providers.update(provider.id, { generation: Number(provider["generation"]) + 1 });
      consumers.insert(
        allocationSeeder.build(
          {
            id: serverId,
            project_id: projectId,
            user_id: userId,
            // nova (through Zed) never sets a consumer type: placement shows its default.
            consumer_type: "unknown",
            allocations: { [provider.id]: { resources } },
          },
          seed,
        ),
      );
    });

    app.get("/", (c) =>
      jsonResponse(c, {
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

    const providerRoutes = new Hono<FakeEnv>({ strict: false });
    providerRoutes.get("/", (c) => {
      const refused = forbidden(c, "placement:resource_providers:list");
      if (refused !== undefined) return refused;
      const name = c.req.query("name");
      const list = [...providers.values()].filter((record) => name === undefined || record["name"] === name);
      return jsonResponse(c, { resource_providers: list.map((record) => providerBody(c, record)) });
    });

    providerRoutes.get("/:uuid", (c) => {
      const refused = forbidden(c, "placement:resource_providers:show");
      if (refused !== undefined) return refused;
      const record = providers.get(c.req.param("uuid"));
      if (record === undefined)
        return errorResponse(c, 404, `No resource provider with uuid ${c.req.param("uuid")} found`);
      return jsonResponse(c, providerBody(c, record));
    });

    providerRoutes.get("/:uuid/allocations", (c) => {
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
      const allocations: Record<string, Record<string, unknown>> = {};
      for (const consumer of consumersOf(uuid)) {
        const onProvider = allocationsOf(consumer)[uuid];
        if (onProvider === undefined) continue;
        allocations[consumer.id] = atLeast(c.var.microversion, "1.28")
          ? { resources: onProvider.resources, consumer_generation: consumer["consumer_generation"] }
          : { resources: onProvider.resources };
      }
      return jsonResponse(c, { allocations, resource_provider_generation: provider["generation"] });
    });

    app.route("/resource_providers", providerRoutes);

    const allocationRoutes = new Hono<FakeEnv>({ strict: false });
    allocationRoutes.get("/:consumer", (c) => {
      const refused = forbidden(c, "placement:allocations:list");
      if (refused !== undefined) return refused;
      const record = consumers.get(c.req.param("consumer"));
      // An unknown consumer is not an error in placement: it simply has no allocations.
      if (record === undefined) return jsonResponse(c, { allocations: {} });
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
      return jsonResponse(c, body);
    });

    allocationRoutes.delete("/:consumer", (c) => {
      const refused = forbidden(c, "placement:allocations:delete");
      if (refused !== undefined) return refused;
      const consumer = c.req.param("consumer");
      if (consumers.delete(consumer) === undefined)
        return errorResponse(c, 404, `No allocations for consumer '${consumer}'`);
      return c.body(null, 204);
    });
    app.route("/allocations", allocationRoutes);
    return app;
  },
});
