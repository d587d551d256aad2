// `stacksweep watch`: the orphan manager on its own. Consumes Keystone's project deletions from RabbitMQ and answers
// each with a scan of that project in every region, recorded in the history; by the `watch.policy` of
// stacksweep.yaml it also writes a purge plan for review, or applies it under the remediation rails.

import { Command } from "@commander-js/extra-typings";
import { resolveCloud } from "../config/clouds.ts";
import { loadSettingsFile, type Settings } from "../config/settings.ts";
import { createLogger } from "../log/logger.ts";
import { HistoryStore } from "../store/history-store.ts";
import { startWatch, watchTransport } from "../watch/start-watch.ts";
import type { ScanTarget } from "../scan/scan-clouds.ts";

export function watchCommand() {
  return new Command("watch")
    .description("scan each project Keystone deletes, within seconds (its notifications on RabbitMQ)")
    .option("--config <file>", "stacksweep.yaml settings (watch, clouds, remediation, notifications)")
    .option(
      "--os-cloud <name>",
      "cloud of clouds.yaml whose deletions are answered; repeat for several (default: the settings' clouds)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option(
      "--store <path|url>",
      "history store: SQLite file or postgres:// URL (default: service.store, else the state directory)",
    )
    .action(async (options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      await runWatch(options, globals.debug === true);
    });
}

type WatchOptions = ReturnType<ReturnType<typeof watchCommand>["opts"]>;

async function runWatch(options: WatchOptions, debug: boolean): Promise<void> {
  const logger = createLogger({ debug, level: debug ? "debug" : "info" });
  const { settings, source } = loadSettingsFile(options.config);
  const settingsFile = source ?? "stacksweep.yaml";
  // Bad settings are one line before anything is opened.
  watchTransport(settings, settingsFile, process.env);
  const targets = await watchTargets(options.osCloud, settings.clouds);
  const location = options.store ?? settings.service.store;
  const store = await HistoryStore.open(location === undefined ? {} : { location });
  let watch;
  try {
    watch = startWatch({ settings, settingsFile, targets, store, logger });
  } catch (error) {
    await store.close();
    throw error;
  }
  logger.info(
    { clouds: targets.map((t) => t.cloud.name), store: store.location, policy: settings.watch.policy },
    "stacksweep watch started",
  );
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      logger.info({ signal }, "stopping: finishing the deletion in progress");
      void watch
        .stop()
        .then(() => store.close())
        .then(() => {
          logger.info("stopped");
          resolve();
        });
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
  });
}

/** Every region of each cloud: a deleted project may have left resources in any of them. */
export async function watchTargets(
  names: readonly string[] | undefined,
  configured: Settings["clouds"],
): Promise<ScanTarget[]> {
  const clouds =
    names === undefined && configured.length > 0 ? configured.map((entry) => entry.cloud) : (names ?? [undefined]);
  const resolved = await Promise.all(clouds.map((cloud) => resolveCloud(cloud === undefined ? {} : { cloud })));
  return resolved.map((cloud) => ({ cloud, allRegions: true }));
}
