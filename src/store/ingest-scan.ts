// Records one scan result in one transaction: scan rows, upserted findings, the sightings, and the resolution of
// open findings the scan proved gone. Resolution fails closed: only a conclusive absence resolves a finding.

import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Finding } from "../findings/finding.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { coversRegion } from "../inventory/inventory.ts";
import type { RecordScanSummary } from "./record-scan-summary.ts";
import type { FindingsTable, ScansTable, StoreDatabase } from "./schema.ts";
import { storedFindingFromRow } from "./stored-finding.ts";

/** Rows per multi-row statement: well under SQLite's 32766 bound variables and PostgreSQL's 65535. */
const CHUNK = 200;

interface RegionScan {
  cloud: string;
  region: string;
  scannedAt: string;
  error: string | null;
  scanId: string;
}

export async function ingestScan(db: Kysely<StoreDatabase>, result: ScanResult, now: Date): Promise<RecordScanSummary> {
  return db.transaction().execute((trx) => ingest(trx, result, now));
}

async function ingest(trx: Transaction<StoreDatabase>, result: ScanResult, now: Date): Promise<RecordScanSummary> {
  const runId = randomUUID();
  const startedAt = isoTime(result.startedAt, "startedAt");
  const regions = new Map<string, RegionScan>();
  const regionOf = (cloud: string, region: string): RegionScan => {
    const key = regionKey(cloud, region);
    let scan = regions.get(key);
    if (scan === undefined) {
      scan = { cloud, region, scannedAt: startedAt, error: null, scanId: randomUUID() };
      regions.set(key, scan);
    }
    return scan;
  };
  for (const scanned of result.clouds) {
    const scan = regionOf(scanned.cloud, scanned.region);
    scan.scannedAt = isoTime(scanned.scannedAt, `clouds[${scanned.cloud}/${scanned.region}].scannedAt`);
    scan.error = scanned.error ?? null;
  }
  // The same id twice in one result would be one problem reported twice: keep the last.
  const findings = new Map<string, Finding>();
  for (const finding of result.findings) {
    findings.set(finding.id, finding);
    regionOf(finding.resource.cloud, finding.resource.region);
  }

  const scanRows: ScansTable[] = [...regions.values()].map((scan) => scanRow(result, scan, runId, now));
  for (const rows of chunks(scanRows)) await trx.insertInto("scans").values(rows).execute();

  const existing = new Map<string, FindingsTable>();
  for (const ids of chunks([...findings.keys()])) {
    for (const row of await trx.selectFrom("findings").selectAll().where("id", "in", ids).execute()) {
      existing.set(row.id, row);
    }
  }

  const newFindings: Finding[] = [];
  const stillOpen: Finding[] = [];
  const upserts: FindingsTable[] = [];
  const sightings: { scan_id: string; finding_id: string; check_id: string; severity: string; is_new: number }[] = [];
  for (const finding of findings.values()) {
    const scan = regionOf(finding.resource.cloud, finding.resource.region);
    const previous = existing.get(finding.id);
    const isNew = previous === undefined || previous.resolved_at !== null;
    (isNew ? newFindings : stillOpen).push(finding);
    upserts.push(findingRow(finding, scan, orphanedSince(result, finding, scan.scannedAt)));
    sightings.push({
      scan_id: scan.scanId,
      finding_id: finding.id,
      check_id: finding.check,
      severity: finding.severity,
      is_new: isNew ? 1 : 0,
    });
  }
  for (const rows of chunks(upserts)) {
    await trx
      .insertInto("findings")
      .values(rows)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          check_id: eb.ref("excluded.check_id"),
          severity: eb.ref("excluded.severity"),
          resource_type: eb.ref("excluded.resource_type"),
          resource_id: eb.ref("excluded.resource_id"),
          resource_name: eb.ref("excluded.resource_name"),
          project_id: eb.ref("excluded.project_id"),
          project_exists: eb.ref("excluded.project_exists"),
          project_name: eb.ref("excluded.project_name"),
          domain_name: eb.ref("excluded.domain_name"),
          holds: eb.ref("excluded.holds"),
          summary: eb.ref("excluded.summary"),
          evidence: eb.ref("excluded.evidence"),
          remediation: eb.ref("excluded.remediation"),
          age_seconds: eb.ref("excluded.age_seconds"),
          // A finding that comes back after being resolved starts a new episode: the grace period starts again.
          opened_at: eb
            .case()
            .when("findings.resolved_at", "is", null)
            .then(eb.ref("findings.opened_at"))
            .else(eb.ref("excluded.opened_at"))
            .end(),
          // Recording an older result after a newer one (a replayed file) must not move last_seen back.
          last_seen: eb
            .case()
            .when("findings.last_seen", ">", eb.ref("excluded.last_seen"))
            .then(eb.ref("findings.last_seen"))
            .else(eb.ref("excluded.last_seen"))
            .end(),
          times_seen: eb(eb.ref("findings.times_seen"), "+", 1),
          resolved_at: null,
          resolved_scan_id: null,
          last_scan_id: eb.ref("excluded.last_scan_id"),
        })),
      )
      .execute();
  }
  for (const rows of chunks(sightings)) await trx.insertInto("scan_findings").values(rows).execute();

  const { resolved, keptOpen } = await resolveAbsent(trx, result, [...regions.values()], new Set(findings.keys()));
  return {
    runId,
    scans: [...regions.values()].map((s) => ({ cloud: s.cloud, region: s.region, scanId: s.scanId })),
    newFindings,
    resolvedFindings: resolved,
    stillOpen,
    keptOpen,
  };
}

async function resolveAbsent(
  trx: Transaction<StoreDatabase>,
  result: ScanResult,
  regions: RegionScan[],
  seen: ReadonlySet<string>,
): Promise<Pick<RecordScanSummary, "keptOpen"> & { resolved: ReturnType<typeof storedFindingFromRow>[] }> {
  const resolved: ReturnType<typeof storedFindingFromRow>[] = [];
  const keptOpen: { id: string; reason: string }[] = [];
  const checksRun = result.checks === undefined ? null : new Set(result.checks);
  const project = result.project?.id;
  for (const scan of regions) {
    let query = trx
      .selectFrom("findings")
      .selectAll()
      .where("cloud", "=", scan.cloud)
      .where("region", "=", scan.region)
      .where("resolved_at", "is", null);
    // A project scan saw one project's resources: it proves nothing about any other's.
    if (project !== undefined) query = query.where("project_id", "=", project);
    const open = await query.execute();
    const absent = open.filter((row) => !seen.has(row.id));
    if (absent.length === 0) continue;
    const inconclusive = new Set(
      result.inconclusive.filter((i) => i.cloud === scan.cloud && i.region === scan.region).map((i) => i.check),
    );
    const complete = new Set<string>(
      result.coverage
        .filter((c) => c.cloud === scan.cloud && c.region === scan.region && c.coverage.status === "complete")
        .map((c) => c.type),
    );
    const toResolve: FindingsTable[] = [];
    for (const row of absent) {
      const reason =
        scan.error !== null
          ? "the region could not be scanned"
          : checksRun === null
            ? "the scan result does not say which checks ran"
            : !checksRun.has(row.check_id)
              ? `check ${row.check_id} did not run`
              : inconclusive.has(row.check_id)
                ? `check ${row.check_id} was inconclusive`
                : !complete.has(row.resource_type)
                  ? `the listing of ${row.resource_type} was incomplete`
                  : row.last_seen > scan.scannedAt
                    ? "a later scan saw it"
                    : null;
      if (reason === null) toResolve.push(row);
      else keptOpen.push({ id: row.id, reason });
    }
    for (const rows of chunks(toResolve)) {
      await trx
        .updateTable("findings")
        .set({ resolved_at: scan.scannedAt, resolved_scan_id: scan.scanId })
        .where(
          "id",
          "in",
          rows.map((r) => r.id),
        )
        .execute();
    }
    for (const row of toResolve) {
      resolved.push(storedFindingFromRow({ ...row, resolved_at: scan.scannedAt, resolved_scan_id: scan.scanId }));
    }
  }
  return { resolved, keptOpen };
}

function scanRow(result: ScanResult, scan: RegionScan, runId: string, now: Date): ScansTable {
  const inRegion = <T extends { cloud: string; region: string }>(items: readonly T[]): T[] =>
    items.filter((i) => i.cloud === scan.cloud && i.region === scan.region);
  const coverage = inRegion(result.coverage);
  // As in the checks and the metrics: a service the catalog lacks is no gap in the history either.
  const problems = coverage.flatMap(({ type, coverage: listed }) =>
    coversRegion(listed) ? [] : [{ type, status: listed.status, reason: listed.reason }],
  );
  const requests = inRegion(result.requests);
  return {
    id: scan.scanId,
    run_id: runId,
    cloud: scan.cloud,
    region: scan.region,
    started_at: scan.scannedAt,
    duration_ms: Math.round(result.durationMs),
    tool_version: result.tool.version,
    coverage_complete: coverage.length - problems.length,
    coverage_incomplete: problems.length,
    coverage_problems: JSON.stringify(problems),
    inconclusive: JSON.stringify(inRegion(result.inconclusive).map((i) => ({ check: i.check, reason: i.reason }))),
    findings_count: inRegion(result.findings.map((f) => f.resource)).length,
    requests: requests.reduce((sum, r) => sum + r.count, 0),
    request_errors: requests.reduce((sum, r) => sum + r.errors, 0),
    error: scan.error,
    recorded_at: now.toISOString(),
    project_id: result.project?.id ?? null,
  };
}

/**
 * When the finding's state began, as far as the history knows: the scan that saw it, or, for a resource of a project
 * whose deletion Keystone announced before that, the deletion (the orphan manager's project scans).
 */
function orphanedSince(result: ScanResult, finding: Finding, scannedAt: string): string {
  const deletedAt = result.project?.deletedAt ?? null;
  const orphaned = finding.resource.projectId === result.project?.id && finding.resource.projectExists === false;
  return orphaned && deletedAt !== null && deletedAt < scannedAt ? isoTime(deletedAt, "project.deletedAt") : scannedAt;
}

function findingRow(finding: Finding, scan: RegionScan, openedAt: string): FindingsTable {
  const r = finding.resource;
  return {
    id: finding.id,
    check_id: finding.check,
    severity: finding.severity,
    cloud: r.cloud,
    region: r.region,
    resource_type: r.type,
    resource_id: r.id,
    resource_name: r.name,
    project_id: r.projectId,
    project_exists: r.projectExists === null ? null : r.projectExists ? 1 : 0,
    project_name: r.projectName ?? null,
    domain_name: r.domainName ?? null,
    holds: r.holds === undefined ? null : JSON.stringify(r.holds),
    summary: finding.summary,
    evidence: JSON.stringify(finding.evidence),
    remediation: JSON.stringify(finding.remediation),
    age_seconds: finding.ageSeconds === null ? null : Math.round(finding.ageSeconds),
    first_seen: scan.scannedAt,
    opened_at: openedAt,
    last_seen: scan.scannedAt,
    times_seen: 1,
    resolved_at: null,
    resolved_scan_id: null,
    last_scan_id: scan.scanId,
  };
}

function regionKey(cloud: string, region: string): string {
  return `${cloud}\0${region}`;
}

function isoTime(value: string, field: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new Error(`scan result: ${field} is not a time: "${value}"`);
  return time.toISOString();
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
