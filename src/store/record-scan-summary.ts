// What recording a scan changed in the history: the input of notifications and of `scan --store`'s summary line.

import type { Finding } from "../findings/finding.ts";
import type { StoredFinding } from "./stored-finding.ts";

export interface RecordScanSummary {
  /** Shared by the scan rows of one run (one row per cloud and region). */
  runId: string;
  scans: { cloud: string; region: string; scanId: string }[];
  /** Seen for the first time, or again after they had been resolved. */
  newFindings: Finding[];
  /** Open before, conclusively not seen by this scan. */
  resolvedFindings: StoredFinding[];
  /** Open before and seen again. */
  stillOpen: Finding[];
  /**
   * Open before, not seen by this scan, but kept open because the scan could not prove them gone: their check did
   * not run or was inconclusive, the listing of their resource type was incomplete, or their region failed.
   */
  keptOpen: { id: string; reason: string }[];
}
