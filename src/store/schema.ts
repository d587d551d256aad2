// The tables of the history store as Kysely sees them. Times are ISO 8601 UTC strings (sortable as text on both
// SQLite and PostgreSQL); structured values are JSON text, so the schema is the same on both dialects.

import type { Generated } from "kysely";

export interface ScansTable {
  /** One row per cloud and region of a scan run; rows of one run share `run_id`. */
  id: string;
  run_id: string;
  cloud: string;
  region: string;
  started_at: string;
  duration_ms: number;
  tool_version: string;
  /** Resource types listed completely / incompletely in this region. */
  coverage_complete: number;
  coverage_incomplete: number;
  /** JSON: `[{ type, status, reason }]` of the incomplete listings, and `[{ check, reason }]` of inconclusive checks. */
  coverage_problems: string;
  inconclusive: string;
  findings_count: number;
  requests: number;
  request_errors: number;
  /** Set when the region could not be scanned at all. */
  error: string | null;
  recorded_at: string;
  /** The project of a project scan (the orphan manager's); null for a scan of the whole region. */
  project_id: string | null;
}

export interface FindingsTable {
  id: string; // Finding.id: stable across scans
  check_id: string;
  severity: string;
  cloud: string;
  region: string;
  resource_type: string;
  resource_id: string;
  resource_name: string | null;
  project_id: string | null;
  /** 1, 0 or null (unknown), as `Finding.resource.projectExists`. */
  project_exists: number | null;
  project_name: string | null;
  domain_name: string | null;
  /** JSON `Holdings` ({ gib, vcpus, ramMib }), or null. */
  holds: string | null;
  summary: string;
  evidence: string; // JSON
  remediation: string; // JSON
  age_seconds: number | null;
  first_seen: string;
  /** First sighting of the current open episode: equals `first_seen` unless the finding was resolved and came back. */
  opened_at: string;
  last_seen: string;
  times_seen: number;
  resolved_at: string | null;
  resolved_scan_id: string | null;
  last_scan_id: string;
}

export interface ScanFindingsTable {
  scan_id: string;
  finding_id: string;
  check_id: string;
  severity: string;
  /** 1 when this scan saw the finding for the first time (or again after it had been resolved). */
  is_new: number;
}

export interface ActionsTable {
  seq: Generated<number>;
  at: string;
  plan_id: string;
  step: number;
  action: string;
  cloud: string;
  region: string;
  resource_type: string;
  resource_id: string;
  phase: string; // "before" | "after"
  outcome: string | null;
  error: string | null;
  request_ids: string; // JSON array
  previous_state: string | null; // JSON
  detail: string | null; // JSON
}

export interface LocksTable {
  name: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

/** One row per plan written by `plan` or `purge`: apply runs a plan only if its digest is the one recorded here. */
export interface PlansTable {
  id: string;
  /** `sha256:<hex>` of the plan's canonical JSON (src/remediation/plan/plan-digest.ts). */
  digest: string;
  cloud: string;
  region: string;
  created_at: string;
  recorded_at: string;
}

export interface StoreDatabase {
  scans: ScansTable;
  findings: FindingsTable;
  scan_findings: ScanFindingsTable;
  actions: ActionsTable;
  locks: LocksTable;
  plans: PlansTable;
}
