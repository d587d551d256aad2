// For the checks' own tests: runs one check on a hand-built inventory through the real runner (`runChecks`: fail
// closed on incomplete `needs`, the check's default thresholds merged with overrides, the scan time as the clock).

import type { Inventory } from "../../inventory/inventory.ts";
import type { Check, Detection } from "../check.ts";
import { runChecks } from "../run.ts";

export type HarnessResult = { inconclusive: true; reason: string } | { inconclusive: false; detections: Detection[] };

export function runCheck(
  check: Check,
  inventory: Inventory,
  thresholds: Record<string, number | string | string[]> = {},
): HarnessResult {
  const { runs, inconclusive } = runChecks(inventory, [check], { thresholds: { [check.id]: thresholds } });
  const run = runs[0];
  // A check that ran over partial optional inputs still reports what it found.
  if (run !== undefined) return { inconclusive: false, detections: run.detections };
  return { inconclusive: true, reason: inconclusive.map((entry) => entry.reason).join("; ") };
}

/** The detections of a conclusive run; fails the test when the check was inconclusive. */
export function detect(
  check: Check,
  inventory: Inventory,
  thresholds: Record<string, number | string | string[]> = {},
): Detection[] {
  const result = runCheck(check, inventory, thresholds);
  if (result.inconclusive) throw new Error(`expected ${check.id} to run, but it was inconclusive: ${result.reason}`);
  return result.detections;
}

/** The scan time of `testInventory()` unless a test sets another. */
export const SCAN_TIME = "2026-01-01T00:00:00Z";

/** An ISO time `seconds` before `SCAN_TIME`, for `updated_at` fields. */
export function ago(seconds: number): string {
  return new Date(Date.parse(SCAN_TIME) - seconds * 1000).toISOString();
}

/** The same, the way Cinder and Octavia write it: no zone, microseconds ("2025-12-31T21:00:00.000000"). */
export function agoNaive(seconds: number): string {
  return ago(seconds).replace(/\.(\d{3})Z$/, ".$1000");
}
