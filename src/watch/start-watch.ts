// The orphan manager running: Keystone's notifications consumed, each project deletion handed to the orphan
// manager, what came of each delivery counted. `stacksweep watch` and `stacksweep serve` (with watch.enabled) both
// start it this way.

import { Counter, Gauge, type Registry } from "prom-client";
import { CHECKS } from "../checks/registry.ts";
import { ConfigError } from "../config/errors.ts";
import type { Settings } from "../config/settings.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import type { Logger } from "../log/logger.ts";
import type { NotificationTarget } from "../report/notify/notification-target.ts";
import { sendNotifications } from "../report/notify/send-notifications.ts";
import type { HistoryStore } from "../store/history-store.ts";
import type { RecordScanSummary } from "../store/record-scan-summary.ts";
import type { ScanTarget } from "../scan/scan-clouds.ts";
import { NotificationConsumer, type ConsumerStatus, type DeliveryOutcome } from "./notification-consumer.ts";
import { OrphanManager } from "./orphan-manager.ts";
import { parseTransportUrl, type TransportUrl } from "./transport-url.ts";

export const TRANSPORT_URL_ENV = "STACKSWEEP_TRANSPORT_URL";

export interface StartWatchOptions {
  settings: Settings;
  /** The settings file, for errors. */
  settingsFile: string;
  targets: readonly ScanTarget[];
  store: HistoryStore;
  /** Besides recording: the service counts the scan in its metrics. */
  observeScan?: (result: ScanResult) => void;
  onNotificationFailure?: (target: string) => void;
  /** Where the watch's counters are registered (the service's /metrics). */
  registry?: Registry;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  backoff?: { initialMs: number; maxMs: number };
}

export interface RunningWatch {
  status(): ConsumerStatus;
  stop(): Promise<void>;
}

/** The bus to consume from: STACKSWEEP_TRANSPORT_URL, else `watch.transportUrl`; a ConfigError naming which. */
export function watchTransport(settings: Settings, settingsFile: string, env: NodeJS.ProcessEnv): TransportUrl {
  const url = env[TRANSPORT_URL_ENV] || settings.watch.transportUrl;
  if (url === undefined) {
    throw new ConfigError({
      file: settingsFile,
      key: "watch.transportUrl",
      expected: `Keystone's transport_url, rabbit://user:pass@host:5672/ (or ${TRANSPORT_URL_ENV})`,
    });
  }
  try {
    return parseTransportUrl(url);
  } catch (error) {
    const fromEnv = Boolean(env[TRANSPORT_URL_ENV]);
    throw new ConfigError({
      file: fromEnv ? "environment" : settingsFile,
      key: fromEnv ? TRANSPORT_URL_ENV : "watch.transportUrl",
      expected: `rabbit://user:pass@host:5672/vhost: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/** Checks the settings, then consumes in the background (connection failures are retried, never thrown). */
export function startWatch(options: StartWatchOptions): RunningWatch {
  const { settings, logger, store } = options;
  const watch = settings.watch;
  const transport = watchTransport(settings, options.settingsFile, options.env ?? process.env);
  const deliveries = new Counter({
    name: "stacksweep_watch_notifications_total",
    help: "Keystone notifications consumed, by outcome (processed, ignored, poison, failed)",
    labelNames: ["outcome"],
    registers: options.registry === undefined ? [] : [options.registry],
  });
  const manager = new OrphanManager({
    targets: options.targets,
    settings: watch,
    remediation: settings.remediation,
    scan: {
      settings: { thresholds: settings.thresholds, knownCheckIds: [...CHECKS.keys()], file: options.settingsFile },
      exclude: settings.exclude,
    },
    record: (result) => recordAndNotify(result, store, settings.notifications, options),
    store,
    logger,
  });
  const consumer = new NotificationConsumer({
    transport,
    exchange: watch.exchange,
    queue: watch.queue,
    tls: watch.tls,
    onDeletion: async (deletion) => {
      await manager.handle(deletion);
    },
    onDelivery: (outcome: DeliveryOutcome) => deliveries.inc({ outcome }),
    logger,
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
  });
  if (options.registry !== undefined) {
    new Gauge({
      name: "stacksweep_watch_consuming",
      help: "1 while the orphan manager is connected to the message bus and consuming Keystone's notifications",
      registers: [options.registry],
      collect() {
        this.set(consumer.state.consuming ? 1 : 0);
      },
    });
  }
  consumer.start();
  return { status: () => consumer.state, stop: () => consumer.stop() };
}

async function recordAndNotify(
  result: ScanResult,
  store: HistoryStore,
  notifications: readonly NotificationTarget[],
  options: StartWatchOptions,
): Promise<RecordScanSummary> {
  const summary = await store.recordScan(result);
  options.observeScan?.(result);
  if (notifications.length > 0) {
    const outcomes = await sendNotifications(
      { result, newFindings: summary.newFindings, resolvedFindings: summary.resolvedFindings },
      notifications,
      { logger: options.logger },
    );
    for (const outcome of outcomes) if (!outcome.ok) options.onNotificationFailure?.(outcome.target);
  }
  return summary;
}
