// The hook `stacksweep scan --store [PATH|URL]` calls after a scan: opens the history, records the result in one
// transaction, closes it, and returns what changed (new, still open, resolved) for the summary and notifications.

import type { ScanResult } from "../findings/scan-result.ts";
import { HistoryStore, type RegionStatus } from "./history-store.ts";
import type { RecordScanSummary } from "./record-scan-summary.ts";

export interface RecordScanOptions {
  /** The `--store` value: a SQLite path or a postgres:// URL; undefined or "" means the default SQLite file. */
  store?: string;
}

export async function recordScan(
  result: ScanResult,
  options: RecordScanOptions = {},
): Promise<RecordScanSummary & { store: string; regions: RegionStatus[] }> {
  const store = await HistoryStore.open(options.store === undefined ? {} : { location: options.store });
  try {
    const summary = await store.recordScan(result);
    return { ...summary, store: store.location, regions: await store.regionStatus() };
  } finally {
    await store.close();
  }
}

/** One line for stderr after a recorded scan: "history: 2 new, 5 still open, 1 resolved (3 kept open: ...)". */
export function describeRecordedScan(summary: RecordScanSummary & { store: string }): string {
  const kept = summary.keptOpen.length > 0 ? `, ${summary.keptOpen.length} kept open (not provably gone)` : "";
  return `history ${summary.store}: ${summary.newFindings.length} new, ${summary.stillOpen.length} still open, ${summary.resolvedFindings.length} resolved${kept}`;
}
