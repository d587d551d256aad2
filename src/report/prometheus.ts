// The Prometheus report, in the text exposition format (0.0.4) for node exporter's textfile collector: write it
// with `writeReport` (atomic rename), since the collector may read the file at any moment.

import type { ScanResult } from "../findings/scan-result.ts";
import { visibleText } from "./visible-text.ts";

type Labels = Record<string, string>;

interface Metric {
  name: string;
  help: string;
  type: "gauge" | "counter";
  samples: { labels: Labels; value: number }[];
}

/** Exposition-format label value escaping: backslash, double quote and line feed. */
function labelValue(value: string): string {
  return visibleText(value).replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([key, value]) => `${key}="${labelValue(value)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** Adds `value` to the sample with these labels, so that series are unique as the format requires. */
function add(metric: Metric, labels: Labels, value: number): void {
  const key = JSON.stringify(labels);
  const existing = metric.samples.find((sample) => JSON.stringify(sample.labels) === key);
  if (existing === undefined) metric.samples.push({ labels, value });
  else existing.value += value;
}

function metric(name: string, type: Metric["type"], help: string): Metric {
  return { name, type, help, samples: [] };
}

export function renderPrometheus(result: ScanResult): string {
  const findings = metric(
    "stacksweep_findings",
    "gauge",
    "Findings of the last scan by check, severity, cloud, region and resource type.",
  );
  const counted = new Map<string, { labels: Labels; value: number }>();
  for (const finding of result.findings) {
    const labels = {
      check: finding.check,
      severity: finding.severity,
      cloud: finding.resource.cloud,
      region: finding.resource.region,
      resource_type: finding.resource.type,
    };
    const key = JSON.stringify(labels);
    const entry = counted.get(key) ?? { labels, value: 0 };
    entry.value += 1;
    counted.set(key, entry);
  }
  findings.samples = [...counted.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, sample]) => sample);

  const duration = metric("stacksweep_scan_duration_seconds", "gauge", "Wall time of the last scan.");
  duration.samples.push({ labels: {}, value: result.durationMs / 1000 });

  const requests = metric("stacksweep_api_requests_total", "counter", "OpenStack API requests made by the last scan.");
  const errors = metric(
    "stacksweep_api_request_errors_total",
    "counter",
    "OpenStack API requests of the last scan that failed.",
  );
  for (const entry of result.requests) {
    const labels = { cloud: entry.cloud, region: entry.region, service: entry.service };
    add(requests, labels, entry.count);
    add(errors, labels, entry.errors);
  }

  const coverage = metric(
    "stacksweep_coverage_complete",
    "gauge",
    "1 when the last scan listed the resource type completely, 0 when the listing failed, was forbidden, truncated or absent.",
  );
  for (const entry of result.coverage) {
    coverage.samples.push({
      labels: { cloud: entry.cloud, region: entry.region, resource_type: entry.type },
      value: entry.coverage.status === "complete" ? 1 : 0,
    });
  }

  const regions = metric(
    "stacksweep_region_scan_success",
    "gauge",
    "1 when the region was scanned, 0 when it could not be (auth failed, unreachable).",
  );
  for (const region of result.clouds) {
    add(regions, { cloud: region.cloud, region: region.region }, region.error === undefined ? 1 : 0);
  }

  const inconclusive = metric(
    "stacksweep_checks_inconclusive",
    "gauge",
    "Checks the last scan could not run because their input was incomplete.",
  );
  inconclusive.samples.push({ labels: {}, value: result.inconclusive.length });

  const finished = metric(
    "stacksweep_last_scan_timestamp_seconds",
    "gauge",
    "Unix time at which the last scan finished.",
  );
  finished.samples.push({ labels: {}, value: (Date.parse(result.startedAt) + result.durationMs) / 1000 });

  const lines: string[] = [];
  for (const entry of [findings, duration, requests, errors, coverage, regions, inconclusive, finished]) {
    lines.push(`# HELP ${entry.name} ${entry.help}`, `# TYPE ${entry.name} ${entry.type}`);
    for (const sample of entry.samples) lines.push(`${entry.name}${formatLabels(sample.labels)} ${sample.value}`);
  }
  return `${lines.join("\n")}\n`;
}
