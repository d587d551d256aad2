// Every Prometheus metric stacksweep exports, declared once: the textfile report (`scan -f prometheus`, for node
// exporter's textfile collector) and `serve`'s /metrics register the same names, labels and types, so the shipped
// alert rules and Grafana dashboard work with either deployment. Per-scan values are gauges; counters count what
// one process did (a one-shot scan is a process that lived for one scan).

import { Counter, Gauge, type Registry } from "prom-client";
import { SEVERITIES } from "../checks/severity.ts";
import type { Finding } from "../findings/finding.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { coversRegion } from "../inventory/inventory.ts";
import { visibleText } from "./visible-text.ts";

const REGION = ["cloud", "region"] as const;

/** The metrics of scans, registered in `registry`. */
export function scanMetrics(registry: Registry) {
  const registers = [registry];
  return {
    findings: new Gauge({
      name: "stacksweep_findings",
      help: "Open findings by check, severity, cloud, region and resource type",
      labelNames: [...REGION, "check", "severity", "resource_type"],
      registers,
    }),
    newFindings: new Gauge({
      name: "stacksweep_findings_new",
      help: "Findings the latest scan of the region saw for the first time (needs the history)",
      labelNames: [...REGION, "severity"],
      registers,
    }),
    lastScan: new Gauge({
      name: "stacksweep_last_scan_timestamp_seconds",
      help: "Start of the latest scan of the region",
      labelNames: REGION,
      registers,
    }),
    lastSuccess: new Gauge({
      name: "stacksweep_last_successful_scan_timestamp_seconds",
      help: "Start of the latest scan that reached the region",
      labelNames: REGION,
      registers,
    }),
    duration: new Gauge({
      name: "stacksweep_scan_duration_seconds",
      help: "Duration of the latest scan of the region",
      labelNames: REGION,
      registers,
    }),
    regionSuccess: new Gauge({
      name: "stacksweep_region_scan_success",
      help: "1 when the latest scan reached the region, 0 when it could not (auth failed, unreachable)",
      labelNames: REGION,
      registers,
    }),
    coverageIncomplete: new Gauge({
      name: "stacksweep_coverage_incomplete",
      help: "Resource types the latest scan of the region could not list completely",
      labelNames: REGION,
      registers,
    }),
    checksInconclusive: new Gauge({
      name: "stacksweep_checks_inconclusive",
      help: "Checks the latest scan of the region could not run because their input was incomplete",
      labelNames: REGION,
      registers,
    }),
    scans: new Counter({
      name: "stacksweep_scans_total",
      help: "Scans run by this process, by outcome (ok, incomplete, failed)",
      labelNames: [...REGION, "outcome"],
      registers,
    }),
    requests: new Counter({
      name: "stacksweep_api_requests_total",
      help: "OpenStack API requests made by this process's scans",
      labelNames: [...REGION, "service"],
      registers,
    }),
    requestErrors: new Counter({
      name: "stacksweep_api_request_errors_total",
      help: "OpenStack API requests of this process's scans that failed",
      labelNames: [...REGION, "service"],
      registers,
    }),
  };
}

export type ScanMetrics = ReturnType<typeof scanMetrics>;

/** Label values as people will read them on a dashboard: control characters shown as escapes. */
function labels<T extends Record<string, string>>(values: T): T {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, visibleText(value)])) as T;
}

/** Counts what one scan did: its regions' outcomes and its API requests. */
export function countScan(metrics: ScanMetrics, result: ScanResult): void {
  for (const scanned of result.clouds) {
    const here = (entry: { cloud: string; region: string }): boolean =>
      entry.cloud === scanned.cloud && entry.region === scanned.region;
    const incomplete =
      result.inconclusive.some(here) || result.coverage.some((c) => here(c) && !coversRegion(c.coverage));
    const outcome = scanned.error !== undefined ? "failed" : incomplete ? "incomplete" : "ok";
    metrics.scans.inc(labels({ cloud: scanned.cloud, region: scanned.region, outcome }));
  }
  for (const r of result.requests) {
    const key = labels({ cloud: r.cloud, region: r.region, service: r.service });
    metrics.requests.inc(key, r.count);
    metrics.requestErrors.inc(key, r.errors);
  }
}

/** What the history adds to one scan: which findings it saw first, and each region's latest successful scan. */
export interface ScanHistoryFacts {
  newFindings: readonly Finding[];
  lastSuccessAt: readonly { cloud: string; region: string; lastSuccessAt: string | null }[];
}

/**
 * Sets the per-scan gauges from one scan. Without `history`, `stacksweep_findings_new` is left out (nothing tells
 * new from old) and a region the scan could not reach has no last-successful time.
 */
export function setScanGauges(metrics: ScanMetrics, result: ScanResult, history?: ScanHistoryFacts): void {
  for (const finding of result.findings) {
    const { cloud, region, type } = finding.resource;
    metrics.findings.inc(
      labels({ cloud, region, check: finding.check, severity: finding.severity, resource_type: type }),
    );
  }
  for (const scanned of result.clouds) {
    const region = labels({ cloud: scanned.cloud, region: scanned.region });
    const here = (entry: { cloud: string; region: string }): boolean =>
      entry.cloud === scanned.cloud && entry.region === scanned.region;
    const started = Date.parse(scanned.scannedAt) / 1000;
    metrics.lastScan.set(region, started);
    metrics.duration.set(region, result.durationMs / 1000);
    metrics.regionSuccess.set(region, scanned.error === undefined ? 1 : 0);
    metrics.coverageIncomplete.set(
      region,
      result.coverage.filter((entry) => here(entry) && !coversRegion(entry.coverage)).length,
    );
    metrics.checksInconclusive.set(region, result.inconclusive.filter(here).length);
    const lastSuccess =
      scanned.error === undefined ? scanned.scannedAt : (history?.lastSuccessAt.find(here)?.lastSuccessAt ?? null);
    if (lastSuccess !== null) metrics.lastSuccess.set(region, Date.parse(lastSuccess) / 1000);
    if (history !== undefined) {
      for (const severity of SEVERITIES) {
        metrics.newFindings.set(
          { ...region, severity },
          history.newFindings.filter((f) => here(f.resource) && f.severity === severity).length,
        );
      }
    }
  }
}
