// What a notification says: what changed since the previous scan (computed by the store), in the context of the scan.

import { SEVERITIES, type Severity } from "../../checks/severity.ts";
import type { Finding } from "../../findings/finding.ts";
import type { ScanResult } from "../../findings/scan-result.ts";
import { visibleText } from "../visible-text.ts";

export interface ScanDigest {
  result: ScanResult;
  /** Findings of this scan that the previous scans did not have. */
  newFindings: Finding[];
  /** Findings of earlier scans that this scan no longer has. */
  resolvedFindings: Finding[];
}

export type DigestCounts = Record<Severity, number> & { total: number };

export function countBySeverity(findings: Finding[]): DigestCounts {
  const counts: DigestCounts = { info: 0, warning: 0, critical: 0, total: findings.length };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** Nothing new, nothing resolved, nothing missing: the kind of digest that is skipped unless asked for. */
export function isUnchanged(digest: ScanDigest): boolean {
  const { result } = digest;
  return (
    digest.newFindings.length === 0 &&
    digest.resolvedFindings.length === 0 &&
    result.inconclusive.length === 0 &&
    result.clouds.every((region) => region.error === undefined)
  );
}

function severityPhrase(counts: DigestCounts): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/** One line for a chat message title or a mail subject, e.g. "3 new findings (1 critical, 2 warning), 1 resolved". */
export function digestHeadline(digest: ScanDigest): string {
  const fresh = countBySeverity(digest.newFindings);
  const regions = digest.result.clouds.map((region) => `${region.cloud}/${region.region}`).join(", ");
  return visibleText(
    `stacksweep: ${fresh.total} new finding${fresh.total === 1 ? "" : "s"}${severityPhrase(fresh)}, ` +
      `${digest.resolvedFindings.length} resolved, ${digest.result.findings.length} open — ${regions || "no region"}`,
  );
}

/** A warning line when the scan could not see everything (empty when it could): silence is not health. */
export function incompleteNotice(digest: ScanDigest): string {
  const { result } = digest;
  const failed = result.clouds.filter((region) => region.error !== undefined).length;
  if (failed === 0 && result.inconclusive.length === 0) return "";
  return `Incomplete scan: ${failed} region${failed === 1 ? "" : "s"} not scanned, ${result.inconclusive.length} inconclusive check${result.inconclusive.length === 1 ? "" : "s"}.`;
}

/** A finding as one plain line: "[critical] check · cloud/region · name (type id): summary". */
export function findingLine(finding: Finding): string {
  const { resource } = finding;
  const name = resource.name === null || resource.name === "" ? "(no name)" : resource.name;
  return visibleText(
    `[${finding.severity}] ${finding.check} · ${resource.cloud}/${resource.region} · ${name} (${resource.type} ${resource.id}): ${finding.summary}`,
  );
}
