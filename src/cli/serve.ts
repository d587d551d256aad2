// `stacksweep serve`: the long-running mode. Scans every configured cloud and region on a schedule into the
// history, notifies, and serves the dashboard, the JSON API, /metrics and health endpoints. Read-only.

import { Command } from "@commander-js/extra-typings";
import { serve, type ServerType } from "@hono/node-server";
import { TOOL_VERSION as version } from "../config/tool-version.ts";
import { CHECKS } from "../checks/registry.ts";
import { resolveCloud } from "../config/clouds.ts";
import { ConfigError } from "../config/errors.ts";
import { loadSettingsFile } from "../config/settings.ts";
import { createLogger } from "../log/logger.ts";
import { dashboardAuthFromEnv, metricsTokenFromEnv } from "../service/dashboard-auth.ts";
import { runScanJob } from "../service/run-scan-job.ts";
import type { ScanJob } from "../service/scan-job.ts";
import { ScanScheduler } from "../service/scan-scheduler.ts";
import { createServiceApp } from "../service/service-app.tsx";
import { ServiceMetrics } from "../service/service-metrics.ts";
import { HistoryStore } from "../store/history-store.ts";
import { startWatch, watchTransport, type RunningWatch } from "../watch/start-watch.ts";
import { scanClouds, type ScanTarget } from "../scan/scan-clouds.ts";
import { selectChecks } from "./select-checks.ts";

/** How long SIGTERM waits for a running scan before abandoning it (systemd's default stop timeout is 90 s). */
const STOP_GRACE_MS = 60_000;

export function serveCommand() {
  return new Command("serve")
    .description("scan on a schedule, keep the history, notify, and serve the dashboard, API and /metrics")
    .option("--config <file>", "stacksweep.yaml settings (service, clouds, checks, notifications)")
    .option(
      "--os-cloud <name>",
      "cloud of clouds.yaml to scan; repeat for several (default: the settings' clouds)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      "--listen <host:port>",
      "address of the dashboard, API and /metrics (default: service.listen, 127.0.0.1:9477)",
    )
    .option(
      "--store <path|url>",
      "history store: SQLite file or postgres:// URL (default: service.store, else the state directory)",
    )
    .option("--scan-now", "scan every cloud once at start, then follow the schedule")
    .action(async (options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      await runServe(options, globals.debug === true);
    });
}

type ServeOptions = ReturnType<ReturnType<typeof serveCommand>["opts"]>;

async function runServe(options: ServeOptions, debug: boolean): Promise<void> {
  const logger = createLogger({ debug, level: debug ? "debug" : "info" });
  const { settings, source } = loadSettingsFile(options.config);
  const settingsFile = source ?? "stacksweep.yaml";
  const service = settings.service;
  const listen = parseListen(
    options.listen ?? service.listen,
    options.listen === undefined ? settingsFile : "command line",
  );
  const auth = dashboardAuthFromEnv();
  const metricsToken = metricsTokenFromEnv();
  if (auth === null && !isLoopback(listen.host)) {
    logger.warn(
      { listen: `${listen.host}:${listen.port}` },
      "the dashboard is served without authentication on a non-loopback address",
    );
  }
  const checks = selectChecks(CHECKS, settings.checks.enabled, settings.checks.disabled, {
    file: settingsFile,
    onlyKey: "checks.enabled",
    skipKey: "checks.disabled",
  });
  if (settings.watch.enabled) watchTransport(settings, settingsFile, process.env);
  const targets = await scanTargets(options.osCloud, settings.clouds);
  const jobs: ScanJob[] = targets.map((target) => {
    const region = target.allRegions ? "*" : (target.region ?? target.cloud.regions[0] ?? "*");
    return {
      key: `${target.cloud.name}/${region}`,
      cloud: target.cloud.name,
      region,
      scan: () =>
        scanClouds([target], {
          checks,
          settings: { thresholds: settings.thresholds, knownCheckIds: [...CHECKS.keys()], file: settingsFile },
          exclude: settings.exclude,
          objectStoreProjects: settings.objectStore.projects,
          logger: logger.child({ cloud: target.cloud.name }),
        }),
    };
  });

  const location = options.store ?? service.store;
  const store = await HistoryStore.open(location === undefined ? {} : { location });
  const metrics = new ServiceMetrics(store);
  // The scheduler is created before the jobs run, so runScanJob can ask it whether shutdown gave up waiting.
  const scheduler: ScanScheduler = new ScanScheduler({
    jobs,
    schedule: service.schedule,
    ...(service.timezone === undefined ? {} : { timezone: service.timezone }),
    logger,
    runJob: (job) =>
      runScanJob(job, {
        store,
        metrics,
        notifications: settings.notifications,
        logger,
        isAbandoning: () => scheduler.isAbandoning,
        version,
      }),
  });
  // The orphan manager, when enabled: every region of every watched cloud, recorded and counted like the schedule's.
  let watch: RunningWatch | null = null;
  if (settings.watch.enabled) {
    watch = startWatch({
      settings,
      settingsFile,
      targets: [...new Map(targets.map((target) => [target.cloud.name, target.cloud])).values()].map((cloud) => ({
        cloud,
        allRegions: true,
      })),
      store,
      observeScan: (result) => metrics.observeScan(result),
      onNotificationFailure: (target) => metrics.observeNotificationFailure(target),
      registry: metrics.registry,
      logger,
    });
  }
  const notReady = (): string | null => {
    const status = watch?.status();
    if (status === undefined || status.consuming) return null;
    return `orphan manager not consuming from ${status.host}: ${status.lastError ?? "connecting"}`;
  };
  const app = createServiceApp({
    store,
    metrics,
    jobs: () => scheduler.status(),
    auth,
    metricsToken,
    notReady,
    ...(service.horizon === undefined ? {} : { horizon: service.horizon }),
  });
  const server = await listenOn(app.fetch, listen);
  logger.info(
    {
      listen: `${listen.host}:${listen.port}`,
      store: store.location,
      jobs: jobs.map((j) => j.key),
      schedule: service.schedule,
    },
    "stacksweep serve started",
  );
  scheduler.start();
  if (options.scanNow === true) void scheduler.runAll();

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, "stopping: waiting for running scans");
      void (async () => {
        await watch?.stop();
        const abandoned = await scheduler.stop(STOP_GRACE_MS);
        if (abandoned.length > 0)
          logger.warn({ jobs: abandoned }, "abandoned running scans (nothing of them was recorded)");
        await new Promise<void>((done) => server.close(() => done()));
        await store.close();
        logger.info("stopped");
        resolve();
      })();
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
  });
}

async function scanTargets(
  names: string[] | undefined,
  configured: { cloud: string; regions?: string[] | "all" | undefined }[],
): Promise<ScanTarget[]> {
  if (names === undefined && configured.length > 0) {
    const targets = await Promise.all(
      configured.map(async (entry) => {
        const cloud = await resolveCloud({ cloud: entry.cloud });
        if (entry.regions === "all") return [{ cloud, allRegions: true }];
        if (entry.regions === undefined) return [{ cloud, allRegions: false }];
        return entry.regions.map((region) => ({ cloud, allRegions: false, region }));
      }),
    );
    return targets.flat();
  }
  const clouds = await Promise.all(
    (names ?? [undefined]).map((cloud) => resolveCloud(cloud === undefined ? {} : { cloud })),
  );
  return clouds.map((cloud) => ({ cloud, allRegions: false }));
}

function parseListen(value: string, source: string): { host: string; port: number } {
  const match = /^(\[[0-9a-f:]+\]|[^:\s]+):(\d{1,5})$/i.exec(value);
  const port = Number(match?.[2]);
  if (match === null || port > 65535) {
    throw new ConfigError({
      file: source,
      key: source === "command line" ? "--listen" : "service.listen",
      expected: `HOST:PORT, got "${value}"`,
    });
  }
  return { host: match[1]!.replace(/^\[|\]$/g, ""), port };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

function listenOn(
  fetch: (request: Request) => Response | Promise<Response>,
  listen: { host: string; port: number },
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname: listen.host, port: listen.port }, () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new ConfigError({
          file: "command line",
          key: "--listen",
          expected: `a free address: ${listen.host}:${listen.port} (${error.code ?? error.message})`,
        }),
      ),
    );
  });
}
