// A finding as the history knows it: the latest sighting of it plus when it was first and last seen and resolved.

import * as z from "zod";
import { SEVERITIES, type Severity } from "../checks/severity.ts";
import type { Finding } from "../findings/finding.ts";
import { RESOURCE_TYPE_IDS, type ResourceTypeId } from "../inventory/resource-type-id.ts";
import type { FindingsTable } from "./schema.ts";

export type FindingState = "open" | "resolved";

export interface StoredFinding extends Finding {
  state: FindingState;
  firstSeen: string;
  /** First sighting of the current open episode (later than `firstSeen` when the finding was resolved and came back). */
  openedAt: string;
  lastSeen: string;
  timesSeen: number;
  resolvedAt: string | null;
  lastScanId: string;
}

const remediationSchema = z.array(
  z.object({
    action: z.string(),
    destructive: z.boolean(),
    call: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
);
const evidenceSchema = z.record(z.string(), z.unknown());
const holdsSchema = z.object({
  gib: z.number().exactOptional(),
  vcpus: z.number().exactOptional(),
  ramMib: z.number().exactOptional(),
});

export function storedFindingFromRow(row: FindingsTable): StoredFinding {
  const remediation = remediationSchema.parse(JSON.parse(row.remediation)).map((step) => {
    const { params, ...rest } = step;
    return params === undefined ? rest : { ...rest, params };
  });
  return {
    id: row.id,
    check: row.check_id,
    severity: asSeverity(row.severity),
    summary: row.summary,
    resource: {
      type: asResourceType(row.resource_type),
      id: row.resource_id,
      name: row.resource_name,
      projectId: row.project_id,
      projectExists: row.project_exists === null ? null : row.project_exists === 1,
      cloud: row.cloud,
      region: row.region,
      ...(row.project_name === null ? {} : { projectName: row.project_name }),
      ...(row.domain_name === null ? {} : { domainName: row.domain_name }),
      ...(row.holds === null ? {} : { holds: holdsSchema.parse(JSON.parse(row.holds)) }),
    },
    evidence: evidenceSchema.parse(JSON.parse(row.evidence)),
    ageSeconds: row.age_seconds === null ? null : row.age_seconds,
    remediation,
    state: row.resolved_at === null ? "open" : "resolved",
    firstSeen: row.first_seen,
    openedAt: row.opened_at,
    lastSeen: row.last_seen,
    timesSeen: row.times_seen,
    resolvedAt: row.resolved_at,
    lastScanId: row.last_scan_id,
  };
}

export function asSeverity(value: string): Severity {
  const found = SEVERITIES.find((s) => s === value);
  if (found === undefined) throw new Error(`history store: unknown severity "${value}" in a stored row`);
  return found;
}

function asResourceType(value: string): ResourceTypeId {
  const found = RESOURCE_TYPE_IDS.find((t) => t === value);
  if (found === undefined) throw new Error(`history store: unknown resource type "${value}" in a stored row`);
  return found;
}
