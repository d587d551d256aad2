// The service's /metrics: gauges read from the history at scrape time (so every scanner sharing a PostgreSQL
// history is seen), and counters of what this process did (scans, API requests, notification failures).

import { Counter, Gauge, Registry } from "prom-client";
import { SEVERITIES } from "../checks/severity.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import type { HistoryStore } from "../store/history-store.ts";

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly findings: Gauge;
  private readonly newFindings: Gauge;
  private readonly lastScan: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly duration: Gauge;
  private readonly coverageIncomplete: Gauge;
  private readonly oldestOrphan: Gauge;
  private readonly scans: Counter;
  private readonly requests: Counter;
  private readonly requestErrors: Counter;
  private readonly notificationFailures: Counter;
  private readonly store: HistoryStore;

  constructor(
    store: HistoryStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.store = store;
    const registers = [this.registry];
    const region = ["cloud", "region"] as const;
    this.findings = new Gauge({
      name: "stacksweep_findings",
      help: "Open findings in the history",
      labelNames: ["cloud", "region", "check", "severity", "resource_type"],
      registers,
    });
    this.newFindings = new Gauge({
      name: "stacksweep_findings_new",
      help: "Findings the latest scan of the region saw for the first time",
      labelNames: [...region, "severity"],
      registers,
    });
    this.lastScan = new Gauge({
      name: "stacksweep_last_scan_timestamp_seconds",
      help: "Start of the latest recorded scan of the region",
      labelNames: region,
      registers,
    });
    this.lastSuccess = new Gauge({
      name: "stacksweep_last_successful_scan_timestamp_seconds",
      help: "Start of the latest scan that reached the region",
      labelNames: region,
      registers,
    });
    this.duration = new Gauge({
      name: "stacksweep_scan_duration_seconds",
      help: "Duration of the latest recorded scan of the region",
      labelNames: region,
      registers,
    });
    this.coverageIncomplete = new Gauge({
      name: "stacksweep_coverage_incomplete",
      help: "Resource types the latest scan of the region could not list completely",
      labelNames: region,
      registers,
    });
    this.oldestOrphan = new Gauge({
      name: "stacksweep_orphans_oldest_age_seconds",
      help: "Age of the oldest open finding on a resource of a deleted project, from the deletion where Keystone announced it",
      labelNames: region,
      registers,
    });
    this.scans = new Counter({
      name: "stacksweep_scans_total",
      help: "Scans run by this service, by outcome (ok, incomplete, failed)",
      labelNames: [...region, "outcome"],
      registers,
    });
    this.requests = new Counter({
      name: "stacksweep_api_requests_total",
      help: "OpenStack API requests made by this service's scans",
      labelNames: [...region, "service"],
      registers,
    });
    this.requestErrors = new Counter({
      name: "stacksweep_api_request_errors_total",
      help: "OpenStack API requests that failed",
      labelNames: [...region, "service"],
      registers,
    });
    this.notificationFailures = new Counter({
      name: "stacksweep_notification_failures_total",
      help: "Notifications that could not be delivered after retries",
      labelNames: ["target"],
      registers,
    });
  }

  observeScan(result: ScanResult): void {
    for (const scanned of result.clouds) {
      const incomplete =
        result.inconclusive.some((i) => i.cloud === scanned.cloud && i.region === scanned.region) ||
        result.coverage.some(
          (c) => c.cloud === scanned.cloud && c.region === scanned.region && c.coverage.status !== "complete",
        );
      const outcome = scanned.error !== undefined ? "failed" : incomplete ? "incomplete" : "ok";
      this.scans.inc({ cloud: scanned.cloud, region: scanned.region, outcome });
    }
    for (const r of result.requests) {
      const labels = { cloud: r.cloud, region: r.region, service: r.service };
      this.requests.inc(labels, r.count);
      this.requestErrors.inc(labels, r.errors);
    }
  }

  observeNotificationFailure(target: string): void {
    this.notificationFailures.inc({ target });
  }

  /** The text exposition, with the history-backed gauges refreshed first. */
  async render(): Promise<string> {
    const [counts, regions, orphans] = await Promise.all([
      this.store.openCounts(),
      this.store.regionStatus(),
      this.store.oldestOrphans(),
    ]);
    this.oldestOrphan.reset();
    const now = this.now().getTime();
    for (const o of orphans)
      this.oldestOrphan.set({ cloud: o.cloud, region: o.region }, Math.max(0, (now - Date.parse(o.openedAt)) / 1000));
    this.findings.reset();
    for (const c of counts) {
      this.findings.inc(
        { cloud: c.cloud, region: c.region, check: c.check, severity: c.severity, resource_type: c.resourceType },
        c.count,
      );
    }
    for (const gauge of [this.newFindings, this.lastScan, this.lastSuccess, this.duration, this.coverageIncomplete])
      gauge.reset();
    for (const status of regions) {
      const labels = { cloud: status.cloud, region: status.region };
      this.lastScan.set(labels, Date.parse(status.lastScan.startedAt) / 1000);
      if (status.lastSuccessAt !== null) this.lastSuccess.set(labels, Date.parse(status.lastSuccessAt) / 1000);
      this.duration.set(labels, status.lastScan.durationMs / 1000);
      this.coverageIncomplete.set(labels, status.lastScan.coverageIncomplete);
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
        this.newFindings.set(
          { ...labels, severity },
          fresh.filter((f) => f.severity === severity && f.openedAt === latest?.startedAt).length,
        );
      }
    }
    return this.registry.metrics();
  }
}
