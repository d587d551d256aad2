// Starts a fakecloud: the state, the service modules, the control API and an HTTP server on loopback.
// `fetch` answers without a socket (unit tests); `url` serves real HTTP (integration tests, the CLI).

import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve, type Http2Bindings, type HttpBindings, type ServerType } from "@hono/node-server";
import type { Server } from "node:http";
import { buildFakeCloudApp, ConnectionResetFault } from "./app.ts";
import { buildControlApi } from "./control/control-api.ts";
import { FaultInjector } from "./faults/fault-injector.ts";
import { startKeystoneNotifier } from "./notifications/keystone-notifier.ts";
import { RequestLog } from "./request-log.ts";
import type { Scenario } from "./seeding/scenario.ts";
import { seedScenario, type RegionSeeding, type SeedOutcome } from "./seeding/seed.ts";
import { SERVICE_MODULES } from "./services/registry.ts";
import { bootstrapIdentity } from "./services/identity/bootstrap.ts";
import { CloudState } from "./state/cloud-state.ts";

export interface FakeCloudOptions {
  host?: string; // default "127.0.0.1"
  port?: number; // default 0 (a free port)
  scenario?: Scenario; // default: an empty cloud with only the admin project/user and the service project
  latencyMs?: number; // every request is answered no sooner than this after it arrived (benchmarks)
  tokenTtlSeconds?: number; // default 3600
  /** oslo's `rabbit://user:pass@host:5672/vhost`: Keystone's notifications are published there, as real Keystone's. */
  transportUrl?: string;
  /** Where a failed publish is reported (it never fails the API call); default: a line on stderr. */
  onNotifyError?: (problem: string) => void;
  /** Builds a cloud of about `count` resources for `POST /_control/generate` (stacksweep's scenario generator). */
  generate?: (count: number) => Scenario;
}

export interface FakeCloud {
  url: string; // "http://127.0.0.1:PORT"
  authUrl: string; // `${url}/identity/v3`
  /** The `clouds.<name>` entry of a clouds.yaml: admin password auth, project "admin", region "RegionOne". */
  cloudsYamlEntry(): Record<string, unknown>;
  state: CloudState; // the in-memory state, for tests and seeding
  faults: FaultInjector;
  requestLog: RequestLog; // every request: method, path, service, status, ms; counts per service; reset()
  /**
   * Every region served, the first first: each has its own services, records and port; all share the first's
   * Keystone, whose catalog lists them all (a scenario's `regions` names the others).
   */
  regions: readonly { name: string; url: string; state: CloudState }[];
  /** Seeds a scenario into the running cloud (adds to what is there). */
  seed(scenario: Scenario): SeedOutcome;
  /** Answers a request without a socket (a `reset` fault rejects, like a dropped connection). */
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const host = options.host ?? "127.0.0.1";
  const state = new CloudState(options.tokenTtlSeconds ?? 3600);
  const adminPassword = options.scenario?.admin?.password ?? randomBytes(12).toString("base64url");
  const ids = bootstrapIdentity(state, adminPassword);
  const faults = new FaultInjector(state);
  const requestLog = new RequestLog();
  const closing = new AbortController();
  const modules = [...SERVICE_MODULES.values()].map((factory) => factory());
  const report = options.onNotifyError ?? ((problem: string) => process.stderr.write(`fakecloud: ${problem}\n`));
  const notifier = options.transportUrl === undefined ? undefined : startKeystoneNotifier(options.transportUrl, report);

  let seeders: ReturnType<typeof buildFakeCloudApp>["seeders"] = new Map();
  const others = new Map<string, RegionSeeding & { serve: NodeFetch }>();
  const seed = (scenario: Scenario): SeedOutcome =>
    seedScenario(
      state,
      seeders,
      scenario,
      { now: new Date(), adminProjectId: ids.adminProjectId, adminUserId: ids.adminUserId },
      others,
    );
  const control = buildControlApi({
    state,
    faults,
    requestLog,
    seed,
    seeders: () => seeders,
    generate: options.generate,
  });
  const built = buildFakeCloudApp({
    state,
    faults,
    requestLog,
    modules,
    latencyMs: options.latencyMs ?? 0,
    closing: closing.signal,
    control,
    ...(notifier === undefined ? {} : { notifier }),
  });
  seeders = built.seeders;
  // Another region: its own services and records, the first region's Keystone, requests and faults.
  for (const name of Object.keys(options.scenario?.regions ?? {}).filter((name) => name !== state.region)) {
    const regionState = new CloudState(0, { name, keystone: state });
    const regionApp = buildFakeCloudApp({
      state: regionState,
      faults,
      requestLog,
      modules: [...SERVICE_MODULES.values()].map((factory) => factory()),
      latencyMs: options.latencyMs ?? 0,
      closing: closing.signal,
    });
    others.set(name, { state: regionState, seeders: regionApp.seeders, serve: serveWith(regionApp.app) });
  }
  if (options.scenario !== undefined) seed(options.scenario);

  const servers: ServerType[] = [];
  const served: { name: string; url: string; state: CloudState }[] = [];
  for (const [name, regionState, serve] of [
    [state.region, state, serveWith(built.app)] as const,
    ...[...others].map(([name, region]) => [name, region.state, region.serve] as const),
  ]) {
    // The first region at the port asked for; the others wherever the system has room.
    const server = await listen(host, served.length === 0 ? (options.port ?? 0) : 0, serve);
    servers.push(server);
    const address = server.address() as AddressInfo;
    served.push({ name, url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`, state: regionState });
  }
  if (served.length > 1) for (const region of served) state.regionUrls.set(region.name, region.url);
  const url = served[0]!.url;
  const authUrl = `${url}/identity/v3`;

  return {
    url,
    authUrl,
    state,
    faults,
    requestLog,
    regions: served,
    seed,
    cloudsYamlEntry: () => ({
      auth: {
        auth_url: authUrl,
        username: "admin",
        password: adminPassword,
        project_name: "admin",
        user_domain_name: "Default",
        project_domain_name: "Default",
      },
      region_name: state.region,
      interface: "public",
      identity_api_version: 3,
    }),
    fetch: async (request) => built.app.fetch(request, {}),
    close: async () => {
      closing.abort();
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve, reject) => {
              server.close((error) => (error === undefined ? resolve() : reject(error)));
              (server as Server).closeAllConnections();
            }),
        ),
      );
      await notifier?.close();
    },
  };
}

type NodeFetch = (request: Request, env: HttpBindings | Http2Bindings) => Promise<Response>;

/** Answers with one region's app; a `reset` fault drops the connection as a failing proxy would. */
function serveWith(app: ReturnType<typeof buildFakeCloudApp>["app"]): NodeFetch {
  return async (request, env) => {
    try {
      return await app.fetch(request, env);
    } catch (error) {
      if (error instanceof ConnectionResetFault) {
        env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      throw error;
    }
  };
}

function listen(hostname: string, port: number, fetch: NodeFetch): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once("error", reject);
  });
}
