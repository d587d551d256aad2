// One scheduled scan from start to end: scan, record in the history (one transaction), update the metrics, send
// the digest. A scan that throws is recorded as a failed scan of its cloud, so the dashboard and alerts see it.

import { SCAN_RESULT_SCHEMA_VERSION, type ScanResult } from "../findings/scan-result.ts";
import type { Logger } from "../log/logger.ts";
import type { NotificationTarget } from "../report/notify/notification-target.ts";
import { sendNotifications } from "../report/notify/send-notifications.ts";
import type { HistoryStore } from "../store/history-store.ts";
import type { ScanJob } from "./scan-job.ts";
import type { ServiceMetrics } from "./service-metrics.ts";

export interface RunScanJobDeps {
  store: HistoryStore;
  metrics: ServiceMetrics;
  notifications: readonly NotificationTarget[];
  logger: Logger;
  /** True once shutdown gave up waiting: a scan finishing then is abandoned, since the store is being closed. */
  isAbandoning(): boolean;
  version: string;
}

export async function runScanJob(job: ScanJob, deps: RunScanJobDeps): Promise<void> {
  const started = new Date();
  deps.logger.info({ job: job.key }, "scan started");
  let result: ScanResult;
  try {
    result = await job.scan();
  } catch (error) {
    result = failedScan(job, started, error instanceof Error ? error.message : String(error), deps.version);
  }
  if (deps.isAbandoning()) {
    deps.logger.warn({ job: job.key }, "scan abandoned: the service stopped before it finished");
    return;
  }
  const summary = await deps.store.recordScan(result);
  deps.metrics.observeScan(result);
  for (const region of result.clouds) {
    if (region.error !== undefined)
      deps.logger.error({ job: job.key, region: region.region, error: region.error }, "region could not be scanned");
  }
  deps.logger.info(
    {
      job: job.key,
      new: summary.newFindings.length,
      resolved: summary.resolvedFindings.length,
      open: summary.stillOpen.length,
    },
    "scan recorded",
  );
  if (deps.notifications.length === 0) return;
  const outcomes = await sendNotifications(
    { result, newFindings: summary.newFindings, resolvedFindings: summary.resolvedFindings },
    deps.notifications,
    { logger: deps.logger },
  );
  for (const outcome of outcomes) if (!outcome.ok) deps.metrics.observeNotificationFailure(outcome.target);
}

function failedScan(job: ScanJob, started: Date, error: string, version: string): ScanResult {
  return {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    tool: { name: "stacksweep", version },
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    clouds: [{ cloud: job.cloud, region: job.region, scannedAt: started.toISOString(), error }],
    coverage: [],
    inconclusive: [],
    checks: [],
    findings: [],
    requests: [],
  };
}
