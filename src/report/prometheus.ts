// The Prometheus report, in the text exposition format (0.0.4) for node exporter's textfile collector, rendered by
// prom-client from the metrics `serve` exports (scan-metrics.ts). Write it with `writeReport` (atomic rename), since
// the collector may read the file at any moment.

import { Registry } from "prom-client";
import type { ScanResult } from "../findings/scan-result.ts";
import { countScan, scanMetrics, setScanGauges, type ScanHistoryFacts } from "./scan-metrics.ts";

/** The scan's metrics; with `history` (a scan recorded in the store) also its new findings and last successes. */
export async function renderPrometheus(result: ScanResult, history?: ScanHistoryFacts): Promise<string> {
  const registry = new Registry();
  const metrics = scanMetrics(registry);
  setScanGauges(metrics, result, history);
  countScan(metrics, result);
  return registry.metrics();
}
