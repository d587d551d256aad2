// One scan of one cloud region as recorded, and its point on the trend (findings seen, new and resolved).

import * as z from "zod";
import type { Severity } from "../checks/severity.ts";
import type { ScansTable } from "./schema.ts";

export interface StoredScan {
  id: string;
  runId: string;
  cloud: string;
  region: string;
  startedAt: string;
  durationMs: number;
  toolVersion: string;
  coverageComplete: number;
  coverageIncomplete: number;
  coverageProblems: { type: string; status: string; reason: string }[];
  inconclusive: { check: string; reason: string }[];
  findingsCount: number;
  requests: number;
  requestErrors: number;
  error: string | null;
  /** Set for a project scan: it listed only this project's resources. */
  projectId: string | null;
}

export interface TrendPoint {
  scanId: string;
  cloud: string;
  region: string;
  startedAt: string;
  /** True when the region could be scanned (it may still have been incomplete). */
  ok: boolean;
  findings: number;
  bySeverity: Record<Severity, number>;
  /** Findings this scan saw first (or again after they had been resolved). */
  new: number;
  /** Findings this scan resolved (counted on the latest resolution of each finding). */
  resolved: number;
}

const problemsSchema = z.array(z.object({ type: z.string(), status: z.string(), reason: z.string() }));
const inconclusiveSchema = z.array(z.object({ check: z.string(), reason: z.string() }));

export function storedScanFromRow(row: ScansTable): StoredScan {
  return {
    id: row.id,
    runId: row.run_id,
    cloud: row.cloud,
    region: row.region,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    toolVersion: row.tool_version,
    coverageComplete: row.coverage_complete,
    coverageIncomplete: row.coverage_incomplete,
    coverageProblems: problemsSchema.parse(JSON.parse(row.coverage_problems)),
    inconclusive: inconclusiveSchema.parse(JSON.parse(row.inconclusive)),
    findingsCount: row.findings_count,
    requests: row.requests,
    requestErrors: row.request_errors,
    error: row.error,
    projectId: row.project_id,
  };
}
