// One line of the audit log of `apply`: written before and after every API call, so a killed apply can resume.

import * as z from "zod";
import type { ActionsTable } from "./schema.ts";

export interface AuditEntryInput {
  planId: string;
  step: number;
  action: string; // remediation action id, e.g. "volume.reset-status"
  cloud: string;
  region: string;
  resourceType: string;
  resourceId: string;
  phase: "before" | "after";
  /** After the call: "done", "skipped", "failed", ... (the remediation stage's words); null before it. */
  outcome?: string | null;
  error?: string | null;
  requestIds?: string[];
  /** The resource (or database row) as it was before the change, so a human can undo it. */
  previousState?: unknown;
  detail?: unknown;
  /** Defaults to the store's clock. */
  at?: Date;
}

export interface AuditEntry {
  seq: number;
  at: string;
  planId: string;
  step: number;
  action: string;
  cloud: string;
  region: string;
  resourceType: string;
  resourceId: string;
  phase: "before" | "after";
  outcome: string | null;
  error: string | null;
  requestIds: string[];
  previousState: unknown;
  detail: unknown;
}

const requestIdsSchema = z.array(z.string());

export function auditEntryFromRow(row: Omit<ActionsTable, "seq"> & { seq: number }): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    planId: row.plan_id,
    step: row.step,
    action: row.action,
    cloud: row.cloud,
    region: row.region,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    phase: row.phase === "before" ? "before" : "after",
    outcome: row.outcome,
    error: row.error,
    requestIds: requestIdsSchema.parse(JSON.parse(row.request_ids)),
    previousState: row.previous_state === null ? null : (JSON.parse(row.previous_state) as unknown),
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
  };
}
