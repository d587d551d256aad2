// One scheduled scan: a cloud (and its regions) the service scans on its schedule, as one unit of work.

import type { ScanResult } from "../findings/scan-result.ts";

export interface ScanJob {
  /** Unique per job, e.g. "prod/RegionOne" or "prod/*" (every region). */
  key: string;
  /** Jobs of the same cloud never run at the same time. */
  cloud: string;
  /** The region this job scans, or "*" for every region of the cloud (recorded as the region of a failure). */
  region: string;
  scan(): Promise<ScanResult>;
}
