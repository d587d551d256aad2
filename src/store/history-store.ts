// The history of scans, findings and remediation actions, on SQLite or PostgreSQL with one schema and one API.
// Reports, the service, notifications and `apply` (grace-period debounce, lock, audit log) all read it from here.

import type { Kysely } from "kysely";
import { SEVERITIES, type Severity } from "../checks/severity.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { auditEntryFromRow, type AuditEntry, type AuditEntryInput } from "./audit-entry.ts";
import { applyFindingFilter, severityRankExpression, type FindingFilter } from "./finding-filter.ts";
import { ingestScan } from "./ingest-scan.ts";
import type { LockResult } from "./lock-result.ts";
import { openDatabase } from "./open-database.ts";
import type { RecordScanSummary } from "./record-scan-summary.ts";
import type { StoreDatabase } from "./schema.ts";
import type { StoreDialect } from "./store-dialect.ts";
import { describeStoreLocation, resolveStoreLocation, type StoreLocation } from "./store-location.ts";
import { asSeverity, storedFindingFromRow, type StoredFinding } from "./stored-finding.ts";
import { storedScanFromRow, type StoredScan, type TrendPoint } from "./stored-scan.ts";

export interface OpenHistoryStoreOptions {
  /** `--store PATH|URL` (or a resolved location); unset: the default SQLite file. */
  location?: string | StoreLocation;
  /** PostgreSQL only: use (and create) this schema instead of the connection's default search path. */
  schema?: string;
  /** The store's clock (lock expiry, audit times, `recorded_at`); tests pass their own. */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ScanFilter {
  cloud?: string;
  region?: string;
  since?: Date;
  limit?: number;
}

export interface OpenFindingCount {
  cloud: string;
  region: string;
  check: string;
  severity: Severity;
  resourceType: string;
  count: number;
}

export interface RegionStatus {
  cloud: string;
  region: string;
  lastScan: StoredScan;
  /** Start of the latest scan that reached the region (null when every recorded scan of it failed). */
  lastSuccessAt: string | null;
}

export class HistoryStore {
  readonly dialect: StoreDialect;
  /** The store as it may be shown (a URL's password redacted). */
  readonly location: string;
  private readonly db: Kysely<StoreDatabase>;
  private readonly now: () => Date;

  private constructor(db: Kysely<StoreDatabase>, dialect: StoreDialect, location: string, now: () => Date) {
    this.db = db;
    this.dialect = dialect;
    this.location = location;
    this.now = now;
  }

  /** Opens (creating when needed) the store and runs pending migrations. Throws StoreError or ConfigError. */
  static async open(options: OpenHistoryStoreOptions = {}): Promise<HistoryStore> {
    const location =
      typeof options.location === "object"
        ? options.location
        : resolveStoreLocation(options.location, {
            ...(options.env === undefined ? {} : { env: options.env }),
            ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
          });
    const { db, dialect } = await openDatabase(
      location,
      options.schema === undefined ? {} : { schema: options.schema },
    );
    return new HistoryStore(db, dialect, describeStoreLocation(location), options.now ?? (() => new Date()));
  }

  /** Records a scan in one transaction and tells what changed (for notifications and the scan's summary). */
  recordScan(result: ScanResult): Promise<RecordScanSummary> {
    return ingestScan(this.db, result, this.now());
  }

  async listFindings(filter: FindingFilter = {}): Promise<StoredFinding[]> {
    let query = applyFindingFilter(this.db.selectFrom("findings").selectAll(), filter)
      .orderBy((eb) => severityRankExpression(eb), "desc")
      .orderBy("last_seen", "desc")
      .orderBy("id");
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    if (filter.offset !== undefined)
      query = query.offset(filter.offset).$if(filter.limit === undefined, (q) => q.limit(1_000_000_000));
    return (await query.execute()).map(storedFindingFromRow);
  }

  async countFindings(filter: FindingFilter = {}): Promise<number> {
    const row = await applyFindingFilter(
      this.db.selectFrom("findings").select((eb) => eb.fn.countAll().as("n")),
      filter,
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getFinding(id: string): Promise<StoredFinding | null> {
    const row = await this.db.selectFrom("findings").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : storedFindingFromRow(row);
  }

  /** The scans that saw a finding, oldest first. */
  async findingSightings(id: string): Promise<{ scanId: string; startedAt: string; isNew: boolean }[]> {
    const rows = await this.db
      .selectFrom("scan_findings")
      .innerJoin("scans", "scans.id", "scan_findings.scan_id")
      .select(["scans.id as scanId", "scans.started_at as startedAt", "scan_findings.is_new as isNew"])
      .where("scan_findings.finding_id", "=", id)
      .orderBy("scans.started_at")
      .execute();
    return rows.map((r) => ({ scanId: r.scanId, startedAt: r.startedAt, isNew: r.isNew === 1 }));
  }

  /** Open findings counted per cloud, region, check, severity and resource type (metrics, the overview). */
  async openCounts(filter: { cloud?: string; region?: string } = {}): Promise<OpenFindingCount[]> {
    const rows = await applyFindingFilter(this.db.selectFrom("findings"), { ...filter, state: "open" })
      .select(["cloud", "region", "check_id", "severity", "resource_type", (eb) => eb.fn.countAll().as("n")])
      .groupBy(["cloud", "region", "check_id", "severity", "resource_type"])
      .orderBy("cloud")
      .orderBy("region")
      .orderBy("check_id")
      .execute();
    return rows.map((r) => ({
      cloud: r.cloud,
      region: r.region,
      check: r.check_id,
      severity: asSeverity(r.severity),
      resourceType: r.resource_type,
      count: Number(r.n),
    }));
  }

  /** Scans, newest first. */
  async listScans(filter: ScanFilter = {}): Promise<StoredScan[]> {
    let query = this.db.selectFrom("scans").selectAll().orderBy("started_at", "desc").orderBy("id");
    if (filter.cloud !== undefined) query = query.where("cloud", "=", filter.cloud);
    if (filter.region !== undefined) query = query.where("region", "=", filter.region);
    if (filter.since !== undefined) query = query.where("started_at", ">=", filter.since.toISOString());
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return (await query.execute()).map(storedScanFromRow);
  }

  async getScan(id: string): Promise<StoredScan | null> {
    const row = await this.db.selectFrom("scans").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : storedScanFromRow(row);
  }

  /**
   * Per cloud region, when its oldest open finding on a resource of a deleted project was opened: at the deletion
   * when Keystone announced it (the orphan manager), else when a scan first saw it.
   */
  async oldestOrphans(): Promise<{ cloud: string; region: string; openedAt: string }[]> {
    const rows = await this.db
      .selectFrom("findings")
      .select(["cloud", "region", (eb) => eb.fn.min<string>("opened_at").as("opened_at")])
      .where("resolved_at", "is", null)
      .where("project_exists", "=", 0)
      .groupBy(["cloud", "region"])
      .execute();
    return rows.map((row) => ({ cloud: row.cloud, region: row.region, openedAt: row.opened_at }));
  }

  /**
   * The latest scan of each cloud region, and when it was last reached (readiness, metrics, the overview). Project
   * scans do not count: a region is as fresh as its latest scan of every project.
   */
  async regionStatus(): Promise<RegionStatus[]> {
    const latest = await this.db
      .selectFrom("scans")
      .select(["cloud", "region", (eb) => eb.fn.max("started_at").as("last")])
      .where("project_id", "is", null)
      .groupBy(["cloud", "region"])
      .execute();
    const success = await this.db
      .selectFrom("scans")
      .select(["cloud", "region", (eb) => eb.fn.max("started_at").as("last")])
      .where("error", "is", null)
      .where("project_id", "is", null)
      .groupBy(["cloud", "region"])
      .execute();
    const out: RegionStatus[] = [];
    for (const l of latest) {
      const row = await this.db
        .selectFrom("scans")
        .selectAll()
        .where("cloud", "=", l.cloud)
        .where("region", "=", l.region)
        .where("started_at", "=", l.last)
        .where("project_id", "is", null)
        .orderBy("recorded_at", "desc")
        .executeTakeFirstOrThrow();
      const ok = success.find((s) => s.cloud === l.cloud && s.region === l.region);
      out.push({ cloud: l.cloud, region: l.region, lastScan: storedScanFromRow(row), lastSuccessAt: ok?.last ?? null });
    }
    return out.sort((a, b) => a.cloud.localeCompare(b.cloud) || a.region.localeCompare(b.region));
  }

  /** Per scan, oldest first: findings seen by severity, new and resolved. Takes the latest `limit` scans. */
  async trend(filter: ScanFilter = {}): Promise<TrendPoint[]> {
    const scans = (await this.listScans(filter)).reverse();
    if (scans.length === 0) return [];
    const ids = scans.map((s) => s.id);
    const seen = await this.db
      .selectFrom("scan_findings")
      .select(["scan_id", "severity", (eb) => eb.fn.countAll().as("n"), (eb) => eb.fn.sum("is_new").as("fresh")])
      .where("scan_id", "in", ids)
      .groupBy(["scan_id", "severity"])
      .execute();
    const resolved = await this.db
      .selectFrom("findings")
      .select(["resolved_scan_id", (eb) => eb.fn.countAll().as("n")])
      .where("resolved_scan_id", "in", ids)
      .groupBy("resolved_scan_id")
      .execute();
    return scans.map((scan) => {
      const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
      let fresh = 0;
      for (const row of seen.filter((r) => r.scan_id === scan.id)) {
        bySeverity[asSeverity(row.severity)] += Number(row.n);
        fresh += Number(row.fresh);
      }
      return {
        scanId: scan.id,
        cloud: scan.cloud,
        region: scan.region,
        startedAt: scan.startedAt,
        ok: scan.error === null,
        findings: SEVERITIES.reduce((sum, s) => sum + bySeverity[s], 0),
        bySeverity,
        new: fresh,
        resolved: Number(resolved.find((r) => r.resolved_scan_id === scan.id)?.n ?? 0),
      };
    });
  }

  /**
   * The remediation debounce: true when the finding is open and has been seen in two scans at least `graceSeconds`
   * apart within its current episode (a finding that was resolved and came back starts over). `0` allows first sight.
   */
  async seenAcrossGrace(findingId: string, graceSeconds: number): Promise<boolean> {
    if (!Number.isFinite(graceSeconds) || graceSeconds < 0)
      throw new RangeError(`grace must be >= 0 seconds, got ${graceSeconds}`);
    const row = await this.db
      .selectFrom("findings")
      .select(["opened_at", "last_seen", "resolved_at"])
      .where("id", "=", findingId)
      .executeTakeFirst();
    if (row === undefined || row.resolved_at !== null) return false;
    return Date.parse(row.last_seen) - Date.parse(row.opened_at) >= graceSeconds * 1000;
  }

  async appendAction(entry: AuditEntryInput): Promise<AuditEntry> {
    const values = {
      at: (entry.at ?? this.now()).toISOString(),
      plan_id: entry.planId,
      step: entry.step,
      action: entry.action,
      cloud: entry.cloud,
      region: entry.region,
      resource_type: entry.resourceType,
      resource_id: entry.resourceId,
      phase: entry.phase,
      outcome: entry.outcome ?? null,
      error: entry.error ?? null,
      request_ids: JSON.stringify(entry.requestIds ?? []),
      previous_state: entry.previousState === undefined ? null : JSON.stringify(entry.previousState),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    };
    const { seq } = await this.db.insertInto("actions").values(values).returning("seq").executeTakeFirstOrThrow();
    return auditEntryFromRow({ ...values, seq });
  }

  /** Audit entries in the order they were written; `planId` narrows to one plan (resume after a killed apply). */
  async listActions(filter: { planId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    let query = this.db.selectFrom("actions").selectAll().orderBy("seq");
    if (filter.planId !== undefined) query = query.where("plan_id", "=", filter.planId);
    if (filter.limit !== undefined) query = query.limit(filter.limit);
    return (await query.execute()).map(auditEntryFromRow);
  }

  /**
   * Takes the named lock for `ttlSeconds` unless another holder has it and it has not expired. Taking a lock one
   * already holds extends it. Expiry means a killed `apply` blocks the next one for at most the TTL.
   */
  async acquireLock(name: string, holder: string, ttlSeconds: number): Promise<LockResult> {
    const now = this.now();
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("locks").where("name", "=", name).where("expires_at", "<=", now.toISOString()).execute();
      await trx
        .insertInto("locks")
        .values({ name, holder, acquired_at: now.toISOString(), expires_at: expiresAt })
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      const row = await trx.selectFrom("locks").selectAll().where("name", "=", name).executeTakeFirstOrThrow();
      if (row.holder !== holder) {
        return { acquired: false, holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at } as const;
      }
      await trx.updateTable("locks").set({ expires_at: expiresAt }).where("name", "=", name).execute();
      return { acquired: true, expiresAt } as const;
    });
  }

  /** Records the digest of a plan just written; a plan id is recorded once (ids are random). */
  async recordPlan(plan: { id: string; digest: string; cloud: string; region: string; createdAt: string }) {
    await this.db
      .insertInto("plans")
      .values({
        id: plan.id,
        digest: plan.digest,
        cloud: plan.cloud,
        region: plan.region,
        created_at: plan.createdAt,
        recorded_at: this.now().toISOString(),
      })
      .execute();
  }

  /** The digest recorded for a plan id, or null when this store never saw the plan made. */
  async planDigest(planId: string): Promise<string | null> {
    const row = await this.db.selectFrom("plans").select("digest").where("id", "=", planId).executeTakeFirst();
    return row?.digest ?? null;
  }

  /** Releases the lock if `holder` has it; false when it was someone else's (or already gone). */
  async releaseLock(name: string, holder: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("locks")
      .where("name", "=", name)
      .where("holder", "=", holder)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
