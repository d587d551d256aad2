// The figures every human-facing report shows, computed once so that the formats agree: what is critical now, what
// the scan could not see, counts per check and severity, what the debris holds (per check, per cloud and per deleted
// project, with the command that removes a project's leftovers), findings grouped by check, request totals.

import { SEVERITIES, severityRank, type Severity } from "../checks/severity.ts";
import type { Finding } from "../findings/finding.ts";
import { coversRegion } from "../inventory/inventory.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import { shellWord } from "../remediation/plan/shell-word.ts";
import type { CoverageEntry, RequestCount, ScanResult, ScannedRegion } from "../findings/scan-result.ts";

export type SeverityCounts = Record<Severity, number>;

/** What a set of resources holds, each resource counted once however many findings it has. */
export interface DebrisCost {
  resources: number;
  /** Storage in GiB, vCPUs and RAM in MiB, summed over the resources that declare them. */
  gib: number;
  vcpus: number;
  ramMib: number;
  /** Per resource type: how many and the GiB they hold; most GiB first, then most resources. */
  byType: { type: ResourceTypeId; count: number; gib: number }[];
}

/** The resources left behind by one deleted project in one cloud and region, and the command that removes them. */
export interface OrphanGroup {
  cloud: string;
  region: string;
  projectId: string;
  cost: DebrisCost;
  findings: number;
  /** The age of the oldest finding among them (how long the debris has been there), null when none is known. */
  oldestAgeSeconds: number | null;
  /** `stacksweep purge …` for this project, cloud and region (a dry run: it prints the plan). */
  purge: string;
}

export interface CheckGroup {
  check: string;
  counts: SeverityCounts;
  cost: DebrisCost;
  /** Worst severity first, then by cloud, region, resource type, name and id: stable between runs. */
  findings: Finding[];
}

export interface ScanSummary {
  total: number;
  counts: SeverityCounts;
  /** The critical findings: what to act on now (in the order of `checks`). */
  critical: Finding[];
  /** What every finding's resources hold together: what the debris costs. */
  cost: DebrisCost;
  /** Per cloud and region, in the scan's order. */
  places: { cloud: string; region: string; findings: number; cost: DebrisCost }[];
  /** Resources whose owner project is confirmed deleted, per project; the largest first. */
  orphans: OrphanGroup[];
  /** True when something was not seen: a failed region, an incomplete listing or an inconclusive check. */
  incomplete: boolean;
  /** Worst check first (by its most severe finding, then by count), then by check id. */
  checks: CheckGroup[];
  /** Coverage entries whose listing was not complete: the reason some checks are inconclusive. */
  incompleteCoverage: CoverageEntry[];
  /**
   * Listings the checks took whole that still had a limit: complete only within a scope (Swift lists the accounts a
   * scan can name, not all), or a service the region's catalog does not have. Not gaps, but no all-clear beyond them.
   */
  limitedCoverage: CoverageEntry[];
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

/** Why a listing is a gap or has a limit in the report: the reason it is incomplete or absent, or its scope. */
export function coverageGap(coverage: CoverageEntry["coverage"]): string {
  return coverage.status === "complete" ? (coverage.scope ?? "") : coverage.reason;
}

export function summarizeScan(result: ScanResult): ScanSummary {
  const counts = emptyCounts();
  const groups = new Map<string, CheckGroup>();
  for (const finding of result.findings) {
    counts[finding.severity] += 1;
    let group = groups.get(finding.check);
    if (group === undefined) {
      group = { check: finding.check, counts: emptyCounts(), cost: costOf([]), findings: [] };
      groups.set(finding.check, group);
    }
    group.counts[finding.severity] += 1;
    group.findings.push(finding);
  }
  const checks = [...groups.values()];
  for (const group of checks) {
    group.findings.sort(compareFindings);
    group.cost = costOf(group.findings);
  }
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

  // The same rule as the checks': a listing they could not take as the region's whole truth made them inconclusive.
  const incompleteCoverage = result.coverage.filter((entry) => !coversRegion(entry.coverage));
  const limitedCoverage = result.coverage.filter(
    ({ coverage }) => coverage.status === "absent" || (coverage.status === "complete" && coverage.scope !== undefined),
  );
  const failedRegions = result.clouds.filter((region) => region.error !== undefined);
  return {
    total: result.findings.length,
    counts,
    critical: checks.flatMap((group) => group.findings.filter((finding) => finding.severity === "critical")),
    cost: costOf(result.findings),
    places: result.clouds.map(({ cloud, region }) => {
      const here = result.findings.filter((f) => f.resource.cloud === cloud && f.resource.region === region);
      return { cloud, region, findings: here.length, cost: costOf(here) };
    }),
    orphans: orphanGroups(result.findings),
    incomplete: failedRegions.length + incompleteCoverage.length + result.inconclusive.length > 0,
    checks,
    incompleteCoverage,
    limitedCoverage,
    failedRegions,
    requests,
    requestsByService: [...byService.values()].sort((a, b) => b.count - a.count || a.service.localeCompare(b.service)),
  };
}

/** Sums what the findings' resources hold, each resource (cloud, region, type, id) once. */
export function costOf(findings: readonly Finding[]): DebrisCost {
  const seen = new Set<string>();
  const cost: DebrisCost = { resources: 0, gib: 0, vcpus: 0, ramMib: 0, byType: [] };
  const byType = new Map<ResourceTypeId, { type: ResourceTypeId; count: number; gib: number }>();
  for (const { resource } of findings) {
    const key = `${resource.cloud}\0${resource.region}\0${resource.type}\0${resource.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cost.resources += 1;
    const holds = resource.holds ?? {};
    cost.gib += holds.gib ?? 0;
    cost.vcpus += holds.vcpus ?? 0;
    cost.ramMib += holds.ramMib ?? 0;
    let entry = byType.get(resource.type);
    if (entry === undefined) byType.set(resource.type, (entry = { type: resource.type, count: 0, gib: 0 }));
    entry.count += 1;
    entry.gib += holds.gib ?? 0;
  }
  cost.byType = [...byType.values()].sort((a, b) => b.gib - a.gib || b.count - a.count || a.type.localeCompare(b.type));
  return cost;
}

/** The findings whose owner project is confirmed deleted, per cloud, region and project; the largest first. */
export function orphanGroups(findings: readonly Finding[]): OrphanGroup[] {
  const groups = new Map<string, { cloud: string; region: string; projectId: string; findings: Finding[] }>();
  for (const finding of findings) {
    const { cloud, region, projectId, projectExists } = finding.resource;
    if (projectExists !== false || projectId === null) continue;
    const key = `${cloud}\0${region}\0${projectId}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { cloud, region, projectId, findings: [] }));
    group.findings.push(finding);
  }
  return [...groups.values()]
    .map(({ cloud, region, projectId, findings: held }) => ({
      cloud,
      region,
      projectId,
      cost: costOf(held),
      findings: held.length,
      oldestAgeSeconds: held.reduce<number | null>(
        (oldest, finding) => (finding.ageSeconds === null ? oldest : Math.max(oldest ?? 0, finding.ageSeconds)),
        null,
      ),
      purge: purgeCommand(cloud, region, projectId),
    }))
    .sort(
      (a, b) =>
        b.cost.gib - a.cost.gib ||
        b.cost.resources - a.cost.resources ||
        a.cloud.localeCompare(b.cloud) ||
        a.region.localeCompare(b.region) ||
        a.projectId.localeCompare(b.projectId),
    );
}

function purgeCommand(cloud: string, region: string, projectId: string): string {
  return `stacksweep purge --project ${shellWord(projectId)} --os-cloud ${shellWord(cloud)} --os-region-name ${shellWord(region)}`;
}
