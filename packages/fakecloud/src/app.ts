// Builds the Hono app of one fakecloud: per service, the middleware chain every real service has in front of
// it (request id, faults, microversion, keystonemiddleware's token check), then the service's own routes, then
// an "unknown route" 404 so that anything fakecloud lacks fails loudly instead of looking like an empty cloud.

import { Hono, type Context, type MiddlewareHandler, type Next } from "hono";
import type { ResourceTypeId, ServiceType } from "@stacksweep/names";
import { ClosableWaits } from "./closable-waits.ts";
import type { FaultInjector } from "./faults/fault-injector.ts";
import type { FaultSpec } from "./faults/fault-spec.ts";
import { errorBody } from "./http/error-body.ts";
import type { FakeEnv } from "./http/fake-env.ts";
import { formatVersion, negotiate } from "./http/microversion.ts";
import { errorResponse } from "./http/respond.ts";
import type { RequestLog } from "./request-log.ts";
import type { KeystoneNotifier } from "./notifications/keystone-notifier.ts";
import type { Seeder, ServiceContext, ServiceModule } from "./service-module.ts";
import type { CloudState } from "./state/cloud-state.ts";
import { newRequestId } from "./state/ids.ts";
import { jsonResponse } from "./http/json-response.ts";

/** Thrown (socket-less) or acted on (socket) when a `reset` fault asks for the connection to be dropped. */
export class ConnectionResetFault extends Error {
  constructor() {
    super("fakecloud: connection reset by an injected fault");
    this.name = "ConnectionResetFault";
  }
}

export interface FakeCloudAppOptions {
  state: CloudState;
  faults: FaultInjector;
  requestLog: RequestLog;
  modules: readonly ServiceModule[];
  latencyMs: number;
  /** Aborted when the cloud closes, so that latency and hang faults do not hold it open. */
  closing: AbortSignal;
  /** Extra routes under `/_control` (the control API), mounted before the catch-all. */
  control?: Hono<FakeEnv>;
  /** Keystone's notifications, when fakecloud was given a transport URL. */
  notifier?: KeystoneNotifier;
}

export interface FakeCloudApp {
  app: Hono<FakeEnv>;
  seeders: ReadonlyMap<ResourceTypeId, Seeder>;
}

const AUTH_REQUIRED = "The request you have made requires authentication.";

function pathAndQuery(c: { req: { url: string } }): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/** The middleware in front of one service's routes. */
function serviceMiddleware(
  module: ServiceModule,
  options: FakeCloudAppOptions,
  waits: ClosableWaits,
): MiddlewareHandler<FakeEnv> {
  const { state, faults, latencyMs } = options;
  /** `spent.faultMs`: time the request's latency and hang faults held it, which the fixed latency comes on top of. */
  const answer = async (c: Context<FakeEnv>, next: Next, spent: { faultMs: number }): Promise<Response | undefined> => {
    c.set("service", module.serviceType);
    c.set("repeatMarker", false);
    c.header("x-openstack-request-id", c.var.requestId);
    if (module.serviceType === "compute" || module.serviceType === "block-storage") {
      c.header("x-compute-request-id", c.var.requestId);
    }

    const matched: FaultSpec[] = faults.take({
      service: module.serviceType,
      method: c.req.method,
      pathAndQuery: pathAndQuery(c),
    });
    for (const fault of matched) {
      switch (fault.kind) {
        case "latency":
        case "hang": {
          const held = performance.now();
          await waits.wait(fault.ms);
          spent.faultMs += performance.now() - held;
          break;
        }
        case "reset":
          throw new ConnectionResetFault();
        case "status": {
          if (fault.retryAfterSeconds !== undefined) c.header("Retry-After", String(fault.retryAfterSeconds));
          return errorResponse(c, fault.status, `fakecloud: injected ${fault.status}`);
        }
        case "malformed-json":
          // A body cut short, as a proxy that drops the connection mid-answer leaves it.
          return c.body('{"truncated": [{"id": ', 200, { "content-type": "application/json" });
        case "repeat-marker":
          c.set("repeatMarker", true);
          break;
      }
    }

    const relative = c.req.path.slice(module.pathPrefix.length) || "/";
    if (module.microversion !== undefined) {
      const range = module.microversion;
      const outcome = negotiate(c.req.raw.headers, range);
      if (!outcome.ok) {
        return errorResponse(c, outcome.status, outcome.message, { versionRange: { min: range.min, max: range.max } });
      }
      c.set("microversion", outcome.version);
      const version = formatVersion(outcome.version);
      const vary = range.legacyOnly === true ? [] : ["OpenStack-API-Version"];
      if (range.legacyOnly !== true) c.header("OpenStack-API-Version", `${range.headerName} ${version}`);
      if (range.legacyHeader !== undefined) {
        c.header(range.legacyHeader, version);
        vary.push(range.legacyHeader);
      }
      c.header("Vary", vary.join(", "));
    }

    if (!module.isPublic(c.req.method, relative)) {
      const tokenId = c.req.header("x-auth-token");
      const token = tokenId === undefined ? undefined : state.tokens.validate(tokenId);
      // keystonemiddleware's auth_token answers for every service with the same body and this header.
      if (token === undefined || (token.projectId === null && module.serviceType !== "identity")) {
        c.header("WWW-Authenticate", `Keystone uri="${new URL(c.req.url).origin}/identity"`);
        return jsonResponse(c, errorBody("identity", 401, AUTH_REQUIRED), 401);
      }
      const roles = state.identity.expandRoles(token.roleIds);
      const roleNames = new Set(roles.map((role) => role.name));
      c.set("auth", {
        token,
        userId: token.userId,
        projectId: token.projectId,
        roleNames,
        isAdmin: roleNames.has("admin"),
      });
    }
    await next();
  };
  // A server with a fixed response time: every answer leaves `latencyMs` after its request arrived, or when it is
  // ready if working it out took longer (the time a listing page costs a real API includes rendering it).
  return async (c, next) => {
    const arrived = performance.now();
    const spent = { faultMs: 0 };
    const early = await answer(c, next, spent);
    await waits.wait(latencyMs - (performance.now() - arrived - spent.faultMs));
    return early;
  };
}

function unknownRoute(c: Context<FakeEnv>): Response {
  return errorResponse(c, 404, `fakecloud: unknown route ${c.req.method} ${c.req.path} (not implemented)`);
}

export function buildFakeCloudApp(options: FakeCloudAppOptions): FakeCloudApp {
  const app = new Hono<FakeEnv>({ strict: false });
  const catalog: ServiceContext["catalog"] = options.modules.flatMap((module) =>
    module.catalog.map((entry) => ({ serviceType: module.serviceType, entry })),
  );
  const ctx: ServiceContext = {
    state: options.state,
    catalog,
    ...(options.notifier === undefined ? {} : { notifier: options.notifier }),
  };
  const seeders = new Map<ResourceTypeId, Seeder>();
  // Closing ends every wait at once, so that the server can shut down.
  const waits = new ClosableWaits(options.closing);

  app.use("*", async (c, next) => {
    const started = performance.now();
    c.set("requestId", newRequestId());
    let status = 0;
    try {
      await next();
      status = c.res.status;
    } finally {
      const path = pathAndQuery(c);
      const service: ServiceType | "control" | "unknown" = path.startsWith("/_control")
        ? "control"
        : // Hono's typing says "set", but a request outside every service never had it set.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          ((c.get("service") as ServiceType | undefined) ?? "unknown");
      options.requestLog.record({
        at: new Date().toISOString(),
        method: c.req.method,
        path,
        service,
        status,
        ms: Math.round((performance.now() - started) * 100) / 100,
        requestId: c.var.requestId,
      });
    }
  });

  if (options.control !== undefined) app.route("/_control", options.control);

  for (const module of options.modules) {
    for (const [type, seeder] of Object.entries(module.seeders) as [ResourceTypeId, Seeder][])
      seeders.set(type, seeder);
    const routes = module.routes(ctx);
    routes.all("*", unknownRoute);
    app.use(`${module.pathPrefix}/*`, serviceMiddleware(module, options, waits));
    app.route(module.pathPrefix, routes);
  }

  app.onError((error, c) => {
    if (error instanceof ConnectionResetFault) throw error;
    const service = c.var.service as ServiceType | undefined;
    const message = `fakecloud internal error: ${error.message}`;
    if (service === undefined) return jsonResponse(c, { error: message }, 500);
    return errorResponse(c, 500, message);
  });
  app.notFound((c) => jsonResponse(c, { error: `fakecloud: unknown route ${c.req.method} ${c.req.path}` }, 404));
  return { app, seeders };
}
