// The result of one scan of one or more clouds and regions: what every report renders and the store records.
import type { InconclusiveCheck } from "../checks/run.ts";
import type { Coverage } from "../inventory/inventory.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { Finding } from "./finding.ts";

export type { InconclusiveCheck };

export const SCAN_RESULT_SCHEMA_VERSION = 1;

export interface ScannedRegion {
  cloud: string;
  region: string;
  scannedAt: string;
  /** Set when the region could not be scanned at all (auth failed, unreachable). */
  error?: string;
}

export interface CoverageEntry {
  cloud: string;
  region: string;
  type: ResourceTypeId;
  coverage: Coverage;
}

export interface RequestCount {
  cloud: string;
  region: string;
  service: string;
  count: number;
  errors: number;
  bytes: number;
  totalMs: number;
}

export interface ScanResult {
  schemaVersion: typeof SCAN_RESULT_SCHEMA_VERSION;
  tool: { name: "stacksweep"; version: string };
  startedAt: string;
  durationMs: number;
  clouds: ScannedRegion[];
  coverage: CoverageEntry[];
  inconclusive: InconclusiveCheck[];
  /**
   * Ids of the checks this scan ran (conclusive or not). History resolves an open finding only when its check ran:
   * without this list (older results) nothing is resolved, since `--checks` may have left a check out.
   */
  checks?: string[];
  findings: Finding[];
  requests: RequestCount[];
  /**
   * Set for a project scan: only this project's resources were listed, so the history resolves only its findings.
   * `deletedAt`: when Keystone announced the project's deletion (the orphan manager), from which its orphans' age
   * and grace period count.
   */
  project?: { id: string; deletedAt: string | null };
}
