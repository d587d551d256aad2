// The service's /metrics: the scan metrics every deployment exports (report/scan-metrics.ts), their gauges read from
// the history at scrape time (so every scanner sharing a PostgreSQL history is seen), counters of what this process
// did (scans, API requests, notification failures), and the process's own metrics (CPU, memory, event loop).

import { collectDefaultMetrics, Counter, Registry } from "prom-client";
import { SEVERITIES } from "../checks/severity.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { countScan, scanMetrics, type ScanMetrics } from "../report/scan-metrics.ts";
import { visibleText } from "../report/visible-text.ts";
import type { HistoryStore } from "../store/history-store.ts";

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly scan: ScanMetrics;
  private readonly notificationFailures: Counter;
  private readonly store: HistoryStore;

  constructor(store: HistoryStore) {
    this.store = store;
    this.scan = scanMetrics(this.registry);
    this.notificationFailures = new Counter({
      name: "stacksweep_notification_failures_total",
      help: "Notifications that could not be delivered after retries",
      labelNames: ["target"],
      registers: [this.registry],
    });
    collectDefaultMetrics({ register: this.registry });
  }

  observeScan(result: ScanResult): void {
    countScan(this.scan, result);
  }

  observeNotificationFailure(target: string): void {
    this.notificationFailures.inc({ target });
  }

  /** The text exposition, with the history-backed gauges refreshed first. */
  async render(): Promise<string> {
    const { findings, newFindings, lastScan, lastSuccess, duration, regionSuccess, coverageIncomplete } = this.scan;
    const { checksInconclusive } = this.scan;
    const [counts, regions] = await Promise.all([this.store.openCounts(), this.store.regionStatus()]);
    const gauges = [findings, newFindings, lastScan, lastSuccess, duration, regionSuccess, coverageIncomplete];
    for (const gauge of [...gauges, checksInconclusive]) gauge.reset();
    for (const c of counts) {
      findings.inc(
        {
          cloud: visibleText(c.cloud),
          region: visibleText(c.region),
          check: visibleText(c.check),
          severity: c.severity,
          resource_type: c.resourceType,
        },
        c.count,
      );
    }
    for (const status of regions) {
      const labels = { cloud: visibleText(status.cloud), region: visibleText(status.region) };
      lastScan.set(labels, Date.parse(status.lastScan.startedAt) / 1000);
      if (status.lastSuccessAt !== null) lastSuccess.set(labels, Date.parse(status.lastSuccessAt) / 1000);
      duration.set(labels, status.lastScan.durationMs / 1000);
      regionSuccess.set(labels, status.lastScan.error === null ? 1 : 0);
      coverageIncomplete.set(labels, status.lastScan.coverageIncomplete);
      checksInconclusive.set(labels, status.lastScan.inconclusive.length);
      const [latest] = await this.store.trend({ cloud: status.cloud, region: status.region, limit: 1 });
      const fresh =
        latest === undefined
          ? []
          : await this.store.listFindings({
              cloud: status.cloud,
              region: status.region,
              state: "new",
              since: new Date(latest.startedAt),
            });
      for (const severity of SEVERITIES) {
        newFindings.set(
          { ...labels, severity },
          fresh.filter((f) => f.severity === severity && f.openedAt === latest?.startedAt).length,
        );
      }
    }
    return this.registry.metrics();
  }
}
