// The filters of the findings queries (CLI `history`, `/api/findings`, the dashboard), applied in SQL.

import { sql, type ExpressionBuilder, type SelectQueryBuilder } from "kysely";
import type { Severity } from "../checks/severity.ts";
import type { StoreDatabase } from "./schema.ts";

export interface FindingFilter {
  check?: readonly string[];
  severity?: readonly Severity[];
  cloud?: string;
  region?: string;
  project?: string;
  resourceType?: string;
  /**
   * `open`: not resolved; `new`: open and first seen (this episode) at or after `since` — without `since`, seen in one
   * scan only so far; `resolved`: resolved (at or after `since`). Unset: all of them.
   */
  state?: "new" | "open" | "resolved";
  /** Only findings active since then: seen, opened or resolved at or after it (see `state`). */
  since?: Date;
  /** Only findings whose resource has been in the state at least this long (as of their last sighting). */
  minAgeSeconds?: number;
  /** Case-insensitive substring of the resource name or id, the summary or the project id. */
  text?: string;
  limit?: number;
  offset?: number;
}

export function applyFindingFilter<O>(
  query: SelectQueryBuilder<StoreDatabase, "findings", O>,
  filter: FindingFilter,
): SelectQueryBuilder<StoreDatabase, "findings", O> {
  let q = query;
  if (filter.check !== undefined && filter.check.length > 0) q = q.where("check_id", "in", filter.check);
  if (filter.severity !== undefined && filter.severity.length > 0) q = q.where("severity", "in", filter.severity);
  if (filter.cloud !== undefined) q = q.where("cloud", "=", filter.cloud);
  if (filter.region !== undefined) q = q.where("region", "=", filter.region);
  if (filter.project !== undefined) q = q.where("project_id", "=", filter.project);
  if (filter.resourceType !== undefined) q = q.where("resource_type", "=", filter.resourceType);
  if (filter.minAgeSeconds !== undefined) q = q.where("age_seconds", ">=", filter.minAgeSeconds);
  const since = filter.since?.toISOString();
  switch (filter.state) {
    case "open":
      q = q.where("resolved_at", "is", null);
      if (since !== undefined) q = q.where("last_seen", ">=", since);
      break;
    case "new":
      q = q.where("resolved_at", "is", null);
      q = since !== undefined ? q.where("opened_at", ">=", since) : q.whereRef("opened_at", "=", "last_seen");
      break;
    case "resolved":
      q = q.where("resolved_at", "is not", null);
      if (since !== undefined) q = q.where("resolved_at", ">=", since);
      break;
    case undefined:
      if (since !== undefined)
        q = q.where((eb) => eb.or([eb("last_seen", ">=", since), eb("resolved_at", ">=", since)]));
      break;
  }
  if (filter.text !== undefined && filter.text.trim() !== "") {
    const pattern = `%${filter.text
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = (column: "resource_name" | "resource_id" | "summary" | "project_id") =>
      sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    q = q.where((eb) => eb.or([like("resource_name"), like("resource_id"), like("summary"), like("project_id")]));
  }
  return q;
}

/** Most severe first, then the most recently seen, then by id so pages are stable. */
export function severityRankExpression(eb: ExpressionBuilder<StoreDatabase, "findings">) {
  return eb.case().when("severity", "=", "critical").then(2).when("severity", "=", "warning").then(1).else(0).end();
}
