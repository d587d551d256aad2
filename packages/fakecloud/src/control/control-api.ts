// The control API under /_control: seed scenarios, change any record the way database surgery or an outage
// would, delete a project without its resources, inject faults, and read the request log. Plain JSON,
// separate from the OpenStack APIs, so that `curl` can drive a running `stacksweep fakecloud`.

import { Hono, type Context } from "hono";
import * as z from "zod";
import { RESOURCE_TYPE_IDS, SERVICE_TYPES, type ResourceTypeId } from "@stacksweep/names";
import type { FaultInjector } from "../faults/fault-injector.ts";
import { faultSpecSchema } from "../faults/fault-spec.ts";
import type { FakeEnv } from "../http/fake-env.ts";
import type { RequestLog } from "../request-log.ts";
import { parseScenarioText } from "../seeding/load-scenario-file.ts";
import { ScenarioError } from "../seeding/scenario-error.ts";
import type { Scenario } from "../seeding/scenario.ts";
import { existingReferences, resolveValue, type SeedOutcome } from "../seeding/seed.ts";
import type { Seeder } from "../service-module.ts";
import type { CloudState } from "../state/cloud-state.ts";
import { jsonResponse } from "../http/json-response.ts";

export interface ControlApiOptions {
  state: CloudState;
  faults: FaultInjector;
  requestLog: RequestLog;
  seed: (scenario: Scenario) => SeedOutcome;
  seeders: () => ReadonlyMap<ResourceTypeId, Seeder>;
  /** A cloud of about `count` resources for `POST /_control/generate`: the embedding program's generator, if any. */
  generate?: ((count: number) => Scenario) | undefined;
}

function problem(c: Context<FakeEnv>, status: 400 | 404 | 409, message: string): Response {
  return jsonResponse(c, { error: message }, status);
}

function isResourceType(value: string): value is ResourceTypeId {
  return (RESOURCE_TYPE_IDS as readonly string[]).includes(value);
}

async function readJson(c: Context<FakeEnv>): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: (await c.req.json()) as unknown };
  } catch {
    return { ok: false };
  }
}

const fieldsSchema = z.record(z.string(), z.unknown());

export function buildControlApi(options: ControlApiOptions): Hono<FakeEnv> {
  const { state, faults, requestLog } = options;
  const app = new Hono<FakeEnv>({ strict: false });

  app.get("/", (c) =>
    jsonResponse(c, {
      resources: state.counts(),
      faults: faults.list(),
      removedFromCatalog: [...state.removedFromCatalog],
      listLimit: state.identity.listLimit,
      requests: requestLog.counts(),
    }),
  );

  // A scenario as JSON, or as YAML with a YAML content type.
  app.post("/scenario", async (c) => {
    const text = await c.req.text();
    try {
      const scenario = parseScenarioText(text, "request body");
      return jsonResponse(c, options.seed(scenario), 201);
    } catch (error) {
      if (error instanceof ScenarioError) return problem(c, 400, error.message);
      throw error;
    }
  });

  app.post("/generate", async (c) => {
    const body = await readJson(c);
    const parsed = z.object({ resources: z.number().int().positive() }).safeParse(body.ok ? body.value : undefined);
    if (!parsed.success) return problem(c, 400, 'expected {"resources": <positive integer>}');
    const generate = options.generate;
    if (generate === undefined) return problem(c, 404, "no resource generator was given to this fakecloud");
    try {
      return jsonResponse(c, options.seed(generate(parsed.data.resources)), 201);
    } catch (error) {
      if (error instanceof ScenarioError) return problem(c, 400, error.message);
      throw error;
    }
  });

  app.get("/resources/:type", (c) => {
    const type = c.req.param("type");
    if (!isResourceType(type))
      return problem(c, 404, `unknown resource type "${type}"; expected one of ${RESOURCE_TYPE_IDS.join(", ")}`);
    return jsonResponse(c, { [type]: [...state.collection(type).values()] });
  });

  app.get("/resources/:type/:id", (c) => {
    const type = c.req.param("type");
    if (!isResourceType(type)) return problem(c, 404, `unknown resource type "${type}"`);
    const record = state.collection(type).get(c.req.param("id"));
    if (record === undefined) return problem(c, 404, `no ${type} with id ${c.req.param("id")}`);
    return jsonResponse(c, record);
  });

  // Sets any fields exactly as given (relative times like "-2h" and @references resolved), with no checks:
  // this is how a scenario or a test reproduces an operator's UPDATE statement or a crashed service.
  app.patch("/resources/:type/:id", async (c) => {
    const type = c.req.param("type");
    if (!isResourceType(type)) return problem(c, 404, `unknown resource type "${type}"`);
    const body = await readJson(c);
    const parsed = fieldsSchema.safeParse(body.ok ? body.value : undefined);
    if (!parsed.success)
      return problem(c, 400, "expected a JSON object of fields to set (null clears a field's value)");
    const timeFormat = options.seeders().get(type)?.timeFormat ?? "iso-z";
    let fields: Record<string, unknown>;
    try {
      fields = resolveValue(parsed.data, existingReferences(state), new Date(), timeFormat, "body") as Record<
        string,
        unknown
      >;
    } catch (error) {
      if (error instanceof ScenarioError) return problem(c, 400, error.message);
      throw error;
    }
    const record = state.collection(type).update(c.req.param("id"), fields);
    if (record === undefined) return problem(c, 404, `no ${type} with id ${c.req.param("id")}`);
    return jsonResponse(c, record);
  });

  // Removes one record and nothing else (no cascade): a row deleted behind the services' backs.
  app.delete("/resources/:type/:id", (c) => {
    const type = c.req.param("type");
    if (!isResourceType(type)) return problem(c, 404, `unknown resource type "${type}"`);
    if (state.collection(type).delete(c.req.param("id")) === undefined) {
      return problem(c, 404, `no ${type} with id ${c.req.param("id")}`);
    }
    return c.body(null, 204);
  });

  // Deletes a project from Keystone only, as `openstack project delete` does: its resources stay, orphaned.
  app.delete("/projects/:id", (c) => {
    const id = c.req.param("id");
    if (state.collection("identity.project").delete(id) === undefined)
      return problem(c, 404, `no project with id ${id}`);
    const { assignments } = state.identity;
    for (let index = assignments.length - 1; index >= 0; index--) {
      if (assignments[index]!.projectId === id) assignments.splice(index, 1);
    }
    return c.body(null, 204);
  });

  app.get("/faults", (c) => jsonResponse(c, { faults: faults.list() }));
  app.post("/faults", async (c) => {
    const body = await readJson(c);
    const parsed = faultSpecSchema.safeParse(body.ok ? body.value : undefined);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return problem(c, 400, `fault ${issue.path.join(".") || "(body)"}: ${issue.message}`);
    }
    return jsonResponse(c, { id: faults.add(parsed.data) }, 201);
  });
  app.delete("/faults", (c) => {
    faults.clear();
    return c.body(null, 204);
  });
  app.delete("/faults/:id", (c) => {
    if (!faults.remove(c.req.param("id"))) return problem(c, 404, `no fault with id ${c.req.param("id")}`);
    return c.body(null, 204);
  });

  app.post("/tokens/expire", (c) => jsonResponse(c, { expired: faults.expireTokens() }));

  const serviceBody = z.object({ service: z.enum(SERVICE_TYPES) });
  app.post("/catalog/remove", async (c) => {
    const body = await readJson(c);
    const parsed = serviceBody.safeParse(body.ok ? body.value : undefined);
    if (!parsed.success) return problem(c, 400, `expected {"service": one of ${SERVICE_TYPES.join(", ")}}`);
    faults.removeFromCatalog(parsed.data.service);
    return c.body(null, 204);
  });
  app.post("/catalog/restore", async (c) => {
    const body = await readJson(c);
    const parsed = serviceBody.partial().safeParse(body.ok ? body.value : {});
    if (!parsed.success) return problem(c, 400, `expected {"service": one of ${SERVICE_TYPES.join(", ")}} or {}`);
    faults.restoreCatalog(parsed.data.service);
    return c.body(null, 204);
  });

  app.put("/identity/list-limit", async (c) => {
    const body = await readJson(c);
    const parsed = z
      .object({ listLimit: z.number().int().positive().nullable() })
      .safeParse(body.ok ? body.value : undefined);
    if (!parsed.success) return problem(c, 400, 'expected {"listLimit": <positive integer> | null}');
    state.identity.listLimit = parsed.data.listLimit;
    return jsonResponse(c, { listLimit: state.identity.listLimit });
  });

  app.get("/requests", (c) => {
    const service = c.req.query("service");
    const entries = requestLog.list().filter((entry) => service === undefined || entry.service === service);
    return jsonResponse(c, { requests: entries, counts: requestLog.counts() });
  });
  app.get("/requests/counters", (c) => jsonResponse(c, requestLog.counts()));
  app.delete("/requests", (c) => {
    requestLog.reset();
    return c.body(null, 204);
  });

  app.all("*", (c) => problem(c, 404, `unknown control route ${c.req.method} ${c.req.path}`));
  return app;
}
