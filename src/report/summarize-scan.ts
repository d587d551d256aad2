// The figures every human-facing report shows, computed once so that the formats agree: counts per check and
// severity, findings grouped by check in a stable order, listings that were not complete, request totals.

import { SEVERITIES, severityRank, type Severity } from "../checks/severity.ts";
import type { Finding } from "../findings/finding.ts";
import type { CoverageEntry, RequestCount, ScanResult, ScannedRegion } from "../findings/scan-result.ts";

export type SeverityCounts = Record<Severity, number>;

export interface CheckGroup {
  check: string;
  counts: SeverityCounts;
  /** Worst severity first, then by cloud, region, resource type, name and id: stable between runs. */
  findings: Finding[];
}

export interface ScanSummary {
  total: number;
  counts: SeverityCounts;
  /** Worst check first (by its most severe finding, then by count), then by check id. */
  checks: CheckGroup[];
  /** Coverage entries whose listing was not complete: the reason some checks are inconclusive. */
  incompleteCoverage: CoverageEntry[];
  failedRegions: ScannedRegion[];
  requests: { count: number; errors: number; bytes: number };
  /** Request counts summed per service over every cloud and region, largest first. */
  requestsByService: Pick<RequestCount, "service" | "count" | "errors" | "bytes">[];
}

/** Severities from the worst down, the order in which reports list them. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

function emptyCounts(): SeverityCounts {
  return { info: 0, warning: 0, critical: 0 };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.resource.cloud.localeCompare(b.resource.cloud) ||
    a.resource.region.localeCompare(b.resource.region) ||
    a.resource.type.localeCompare(b.resource.type) ||
    (a.resource.name ?? "").localeCompare(b.resource.name ?? "") ||
    a.resource.id.localeCompare(b.resource.id)
  );
}

function worstRank(counts: SeverityCounts): number {
  return Math.max(...SEVERITIES.filter((severity) => counts[severity] > 0).map(severityRank), -1);
}

export function summarizeScan(result: ScanResult): ScanSummary {
  const counts = emptyCounts();
  const groups = new Map<string, CheckGroup>();
  for (const finding of result.findings) {
    counts[finding.severity] += 1;
    let group = groups.get(finding.check);
    if (group === undefined) {
      group = { check: finding.check, counts: emptyCounts(), findings: [] };
      groups.set(finding.check, group);
    }
    group.counts[finding.severity] += 1;
    group.findings.push(finding);
  }
  const checks = [...groups.values()];
  for (const group of checks) group.findings.sort(compareFindings);
  checks.sort(
    (a, b) =>
      worstRank(b.counts) - worstRank(a.counts) ||
      b.findings.length - a.findings.length ||
      a.check.localeCompare(b.check),
  );

  const byService = new Map<string, { service: string; count: number; errors: number; bytes: number }>();
  const requests = { count: 0, errors: 0, bytes: 0 };
  for (const entry of result.requests) {
    const sum = byService.get(entry.service) ?? { service: entry.service, count: 0, errors: 0, bytes: 0 };
    sum.count += entry.count;
    sum.errors += entry.errors;
    sum.bytes += entry.bytes;
    byService.set(entry.service, sum);
    requests.count += entry.count;
    requests.errors += entry.errors;
    requests.bytes += entry.bytes;
  }

  return {
    total: result.findings.length,
    counts,
    checks,
    incompleteCoverage: result.coverage.filter((entry) => entry.coverage.status !== "complete"),
    failedRegions: result.clouds.filter((region) => region.error !== undefined),
    requests,
    requestsByService: [...byService.values()].sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
  };
}
