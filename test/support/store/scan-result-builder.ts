// Builds realistic ScanResults for the store's and the service's tests: one cloud region by default, complete
// coverage of the types its findings are about, and every check of its findings listed as run.

import { SCAN_RESULT_SCHEMA_VERSION, type ScanResult } from "../../../src/findings/scan-result.ts";
import { findingId, type Finding } from "../../../src/findings/finding.ts";
import type { Severity } from "../../../src/checks/severity.ts";
import type { ResourceTypeId } from "../../../src/inventory/resource-type-id.ts";

export interface TestFindingSpec {
  check?: string;
  severity?: Severity;
  type?: ResourceTypeId;
  resourceId: string;
  name?: string | null;
  projectId?: string | null;
  cloud?: string;
  region?: string;
  ageSeconds?: number | null;
  evidence?: Record<string, unknown>;
}

export function testFinding(spec: TestFindingSpec): Finding {
  const check = spec.check ?? "volume-stuck-in-error";
  const cloud = spec.cloud ?? "prod";
  const region = spec.region ?? "RegionOne";
  const type = spec.type ?? "block-storage.volume";
  return {
    id: findingId(check, cloud, region, type, spec.resourceId),
    check,
    severity: spec.severity ?? "warning",
    summary: `${type} ${spec.resourceId} found by ${check}`,
    resource: {
      type,
      id: spec.resourceId,
      name: spec.name === undefined ? `name-${spec.resourceId}` : spec.name,
      projectId: spec.projectId === undefined ? "p-1" : spec.projectId,
      projectExists: true,
      cloud,
      region,
    },
    evidence: spec.evidence ?? { status: "error", updated_at: "2025-01-01T00:00:00Z" },
    ageSeconds: spec.ageSeconds === undefined ? 3600 : spec.ageSeconds,
    remediation: [
      {
        action: "volume.delete",
        destructive: true,
        call: `DELETE /volumes/${spec.resourceId}`,
        params: { cascade: true },
      },
      { action: "report", destructive: false, call: "" },
    ],
  };
}

export interface TestScanSpec {
  at: string;
  findings: Finding[];
  /** Regions scanned; default: those of the findings, or prod/RegionOne. */
  regions?: { cloud: string; region: string; error?: string }[];
  /** Checks that ran; default: those of the findings. `null` leaves the list out (an older scan result). */
  checks?: string[] | null;
  /** Resource types listed completely in every region; default: those of the findings. */
  completeTypes?: ResourceTypeId[];
  incomplete?: {
    type: ResourceTypeId;
    status: "truncated" | "failed" | "forbidden" | "absent" | "skipped";
    reason: string;
  }[];
  inconclusive?: { check: string; reason: string }[];
  requests?: number;
  durationMs?: number;
}

export function testScanResult(spec: TestScanSpec): ScanResult {
  const regions: { cloud: string; region: string; error?: string }[] =
    spec.regions ??
    (spec.findings.length > 0
      ? [...new Map(spec.findings.map((f) => [`${f.resource.cloud}/${f.resource.region}`, f.resource])).values()].map(
          (r) => ({ cloud: r.cloud, region: r.region }),
        )
      : [{ cloud: "prod", region: "RegionOne" }]);
  const completeTypes = spec.completeTypes ?? [...new Set(spec.findings.map((f) => f.resource.type))];
  const checks = spec.checks === null ? undefined : (spec.checks ?? [...new Set(spec.findings.map((f) => f.check))]);
  return {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    tool: { name: "stacksweep", version: "0.1.0" },
    startedAt: spec.at,
    durationMs: spec.durationMs ?? 1234,
    clouds: regions.map((r) => ({
      cloud: r.cloud,
      region: r.region,
      scannedAt: spec.at,
      ...(r.error === undefined ? {} : { error: r.error }),
    })),
    coverage: regions.flatMap((r) => [
      ...completeTypes.map((type) => ({
        cloud: r.cloud,
        region: r.region,
        type,
        coverage: { status: "complete" as const, count: 10, requests: 1 },
      })),
      ...(spec.incomplete ?? []).map((i) => ({
        cloud: r.cloud,
        region: r.region,
        type: i.type,
        coverage: { status: i.status, reason: i.reason },
      })),
    ]),
    inconclusive: regions.flatMap((r) =>
      (spec.inconclusive ?? []).map((i) => ({ ...i, cloud: r.cloud, region: r.region })),
    ),
    ...(checks === undefined ? {} : { checks }),
    findings: spec.findings,
    requests: regions.map((r) => ({
      cloud: r.cloud,
      region: r.region,
      service: "block-storage",
      count: spec.requests ?? 7,
      errors: 0,
      bytes: 1000,
      totalMs: 50,
    })),
  };
}
