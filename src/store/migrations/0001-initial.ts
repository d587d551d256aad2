// The first schema: scans, findings, the findings each scan saw, the audit log of actions, and locks.

import type { Kysely, Migration } from "kysely";
import type { StoreDialect } from "../store-dialect.ts";

export function initialSchema(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("scans")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("run_id", "varchar(64)", (c) => c.notNull())
        .addColumn("cloud", "varchar(255)", (c) => c.notNull())
        .addColumn("region", "varchar(255)", (c) => c.notNull())
        .addColumn("started_at", "varchar(32)", (c) => c.notNull())
        .addColumn("duration_ms", "integer", (c) => c.notNull())
        .addColumn("tool_version", "varchar(64)", (c) => c.notNull())
        .addColumn("coverage_complete", "integer", (c) => c.notNull())
        .addColumn("coverage_incomplete", "integer", (c) => c.notNull())
        .addColumn("coverage_problems", "text", (c) => c.notNull())
        .addColumn("inconclusive", "text", (c) => c.notNull())
        .addColumn("findings_count", "integer", (c) => c.notNull())
        .addColumn("requests", "integer", (c) => c.notNull())
        .addColumn("request_errors", "integer", (c) => c.notNull())
        .addColumn("error", "text")
        .addColumn("recorded_at", "varchar(32)", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("scans_cloud_region_started")
        .on("scans")
        .columns(["cloud", "region", "started_at"])
        .execute();
      await db.schema.createIndex("scans_started").on("scans").column("started_at").execute();

      await db.schema
        .createTable("findings")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("check_id", "varchar(128)", (c) => c.notNull())
        .addColumn("severity", "varchar(16)", (c) => c.notNull())
        .addColumn("cloud", "varchar(255)", (c) => c.notNull())
        .addColumn("region", "varchar(255)", (c) => c.notNull())
        .addColumn("resource_type", "varchar(64)", (c) => c.notNull())
        .addColumn("resource_id", "varchar(255)", (c) => c.notNull())
        .addColumn("resource_name", "text")
        .addColumn("project_id", "varchar(255)")
        .addColumn("project_exists", "integer")
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("evidence", "text", (c) => c.notNull())
        .addColumn("remediation", "text", (c) => c.notNull())
        .addColumn("age_seconds", "integer")
        .addColumn("first_seen", "varchar(32)", (c) => c.notNull())
        .addColumn("opened_at", "varchar(32)", (c) => c.notNull())
        .addColumn("last_seen", "varchar(32)", (c) => c.notNull())
        .addColumn("times_seen", "integer", (c) => c.notNull())
        .addColumn("resolved_at", "varchar(32)")
        .addColumn("resolved_scan_id", "varchar(64)")
        .addColumn("last_scan_id", "varchar(64)", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("findings_cloud_region_resolved")
        .on("findings")
        .columns(["cloud", "region", "resolved_at"])
        .execute();
      await db.schema.createIndex("findings_check").on("findings").column("check_id").execute();
      await db.schema.createIndex("findings_project").on("findings").column("project_id").execute();

      await db.schema
        .createTable("scan_findings")
        .addColumn("scan_id", "varchar(64)", (c) => c.notNull().references("scans.id").onDelete("cascade"))
        .addColumn("finding_id", "varchar(64)", (c) => c.notNull().references("findings.id").onDelete("cascade"))
        .addColumn("check_id", "varchar(128)", (c) => c.notNull())
        .addColumn("severity", "varchar(16)", (c) => c.notNull())
        .addColumn("is_new", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("scan_findings_pk", ["scan_id", "finding_id"])
        .execute();
      await db.schema.createIndex("scan_findings_finding").on("scan_findings").column("finding_id").execute();

      await db.schema
        .createTable("actions")
        // SQLite's INTEGER PRIMARY KEY is its rowid (monotonic); PostgreSQL needs an identity column for the same order.
        .addColumn("seq", "integer", (c) =>
          dialect === "postgres" ? c.generatedAlwaysAsIdentity().primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("plan_id", "varchar(128)", (c) => c.notNull())
        .addColumn("step", "integer", (c) => c.notNull())
        .addColumn("action", "varchar(128)", (c) => c.notNull())
        .addColumn("cloud", "varchar(255)", (c) => c.notNull())
        .addColumn("region", "varchar(255)", (c) => c.notNull())
        .addColumn("resource_type", "varchar(64)", (c) => c.notNull())
        .addColumn("resource_id", "varchar(255)", (c) => c.notNull())
        .addColumn("phase", "varchar(16)", (c) => c.notNull())
        .addColumn("outcome", "varchar(32)")
        .addColumn("error", "text")
        .addColumn("request_ids", "text", (c) => c.notNull())
        .addColumn("previous_state", "text")
        .addColumn("detail", "text")
        .execute();
      await db.schema.createIndex("actions_plan_step").on("actions").columns(["plan_id", "step"]).execute();

      await db.schema
        .createTable("locks")
        .addColumn("name", "varchar(128)", (c) => c.primaryKey())
        .addColumn("holder", "varchar(255)", (c) => c.notNull())
        .addColumn("acquired_at", "varchar(32)", (c) => c.notNull())
        .addColumn("expires_at", "varchar(32)", (c) => c.notNull())
        .execute();
    },
  };
}
