// A realistic ScanResult for tests of anything downstream of a scan (reports, notifications, store, dashboard):
// two clouds, three regions, findings of several checks and severities, a forbidden listing, an inconclusive check.

import type { FindingStep } from "../findings/finding.ts";
import type { Severity } from "../checks/severity.ts";
import { findingId, type Finding, type FindingResource, type Holdings } from "../findings/finding.ts";
import { SCAN_RESULT_SCHEMA_VERSION, type ScanResult } from "../findings/scan-result.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";

/** A resource name that tries every trick: HTML, ANSI colours, a newline, table pipes, backticks, a CSV formula. */
export const HOSTILE_NAME =
  "=cmd|' /C calc'!A0 <script>alert(1)</script>\u001b[31mred\u001b[0m\nline2 | `tick` [x](http://evil.example)";

export interface FindingFixture {
  check: string;
  severity?: Severity;
  type: ResourceTypeId;
  id: string;
  name?: string | null;
  projectId?: string | null;
  projectExists?: boolean | null;
  cloud?: string;
  region?: string;
  summary?: string;
  evidence?: Record<string, unknown>;
  ageSeconds?: number | null;
  remediation?: FindingStep[];
  projectName?: string;
  domainName?: string;
  holds?: Holdings;
}

/** One finding with a real stable id; unspecified fields get plausible values. */
export function buildFinding(fixture: FindingFixture): Finding {
  const cloud = fixture.cloud ?? "prod";
  const region = fixture.region ?? "RegionOne";
  const resource: FindingResource = {
    type: fixture.type,
    id: fixture.id,
    name:
      fixture.name === undefined
        ? `${fixture.type.split(".")[1] ?? "resource"}-${fixture.id.slice(0, 8)}`
        : fixture.name,
    projectId: fixture.projectId === undefined ? "7a2c4b9e0f1d4c6a8b3e5d7f9a1c3e5b" : fixture.projectId,
    projectExists: fixture.projectExists === undefined ? true : fixture.projectExists,
    cloud,
    region,
    ...(fixture.projectName === undefined ? {} : { projectName: fixture.projectName }),
    ...(fixture.domainName === undefined ? {} : { domainName: fixture.domainName }),
    ...(fixture.holds === undefined ? {} : { holds: fixture.holds }),
  };
  return {
    id: findingId(fixture.check, cloud, region, fixture.type, fixture.id),
    check: fixture.check,
    severity: fixture.severity ?? "warning",
    summary: fixture.summary ?? `${fixture.type} ${fixture.id} matched ${fixture.check}`,
    resource,
    evidence: fixture.evidence ?? {},
    ageSeconds: fixture.ageSeconds === undefined ? 3 * 86_400 : fixture.ageSeconds,
    remediation: fixture.remediation ?? [],
  };
}

const DELETED_PROJECT = "0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b";

/** The findings of the fixture scan, in no particular order (renderers must sort). */
export function fixtureFindings(): Finding[] {
  return [
    buildFinding({
      check: "volume-attached-to-missing-server",
      severity: "critical",
      type: "block-storage.volume",
      id: "5c0f3e52-9d1b-4a7e-8f6c-2b3d4e5f6a7b",
      name: "db-data-01",
      projectName: "acme-web",
      domainName: "customers",
      holds: { gib: 100 },
      summary: "volume db-data-01 is attached to server 9f8e7d6c-... which does not exist",
      evidence: {
        status: "in-use",
        attachments: [
          { server_id: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", attachment_id: "1a2b3c4d-0000-4000-8000-000000000001" },
        ],
      },
      ageSeconds: 12 * 86_400,
      remediation: [
        {
          action: "attachment.delete",
          destructive: false,
          call: "DELETE /attachments/1a2b3c4d-0000-4000-8000-000000000001",
        },
        {
          action: "volume.reset-status",
          destructive: false,
          call: 'POST /volumes/{id}/action {"os-reset_status":{"status":"available","attach_status":"detached"}}',
        },
      ],
    }),
    buildFinding({
      check: "orphaned-resource",
      type: "compute.server",
      id: "0b6f1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d",
      name: "ci-runner-17",
      holds: { vcpus: 4, ramMib: 8192 },
      projectId: DELETED_PROJECT,
      projectExists: false,
      summary: "server ci-runner-17 belongs to deleted project 0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b",
      evidence: { tenant_id: DELETED_PROJECT, status: "ACTIVE" },
      ageSeconds: 40 * 86_400,
      remediation: [{ action: "server.delete", destructive: true, call: "DELETE /servers/{id}" }],
    }),
    buildFinding({
      check: "orphaned-resource",
      type: "network.floatingip",
      id: "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
      name: null,
      projectId: DELETED_PROJECT,
      projectExists: false,
      summary: "floating IP 203.0.113.17 belongs to deleted project 0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b",
      evidence: { project_id: DELETED_PROJECT, floating_ip_address: "203.0.113.17", port_id: null },
      remediation: [{ action: "floatingip.delete", destructive: true, call: "DELETE /v2.0/floatingips/{id}" }],
    }),
    buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
      name: HOSTILE_NAME,
      region: "RegionTwo",
      summary: "volume is in status error_deleting",
      evidence: { status: "error_deleting", updated_at: "2025-03-01T10:00:00.000000" },
      ageSeconds: 5 * 86_400,
      remediation: [
        { action: "volume.delete", destructive: true, call: "DELETE /volumes/{id}" },
        { action: "volume.force-delete", destructive: true, call: 'POST /volumes/{id}/action {"os-force_delete":{}}' },
      ],
    }),
    buildFinding({
      check: "loadbalancer-stuck-pending",
      severity: "critical",
      type: "load-balancer.loadbalancer",
      id: "7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a",
      name: "web-lb",
      summary: "load balancer web-lb has been PENDING_UPDATE for 2 h",
      evidence: {
        provisioning_status: "PENDING_UPDATE",
        operating_status: "ONLINE",
        updated_at: "2025-03-05T08:00:00",
      },
      ageSeconds: 7_200,
      remediation: [
        {
          action: "loadbalancer.failover",
          destructive: false,
          call: "PUT /v2/lbaas/loadbalancers/{id}/failover",
          params: { via: "database" },
        },
      ],
    }),
    buildFinding({
      check: "security-group-rule-open",
      type: "network.security-group-rule",
      id: "2f3a4b5c-6d7e-4f8a-9b0c-1d2e3f4a5b6c",
      name: null,
      cloud: "edge",
      region: "fra1",
      summary: "ingress tcp/22 from 0.0.0.0/0",
      evidence: {
        direction: "ingress",
        protocol: "tcp",
        port_range_min: 22,
        port_range_max: 22,
        remote_ip_prefix: "0.0.0.0/0",
      },
      ageSeconds: null,
    }),
    buildFinding({
      check: "floatingip-unassociated",
      severity: "info",
      type: "network.floatingip",
      id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
      name: null,
      cloud: "edge",
      region: "fra1",
      summary: "floating IP 198.51.100.4 unassociated for 9 days",
      evidence: { port_id: null, floating_ip_address: "198.51.100.4", updated_at: "2025-02-24T12:00:00Z" },
      ageSeconds: 9 * 86_400,
      remediation: [{ action: "floatingip.delete", destructive: true, call: "DELETE /v2.0/floatingips/{id}" }],
    }),
  ];
}

/** A whole scan around `findings` (the fixture's own by default). */
export function buildScanResult(findings: Finding[] = fixtureFindings()): ScanResult {
  return {
    schemaVersion: SCAN_RESULT_SCHEMA_VERSION,
    tool: { name: "stacksweep", version: "0.1.0" },
    startedAt: "2025-03-05T10:00:00.000Z",
    durationMs: 8_432,
    clouds: [
      { cloud: "prod", region: "RegionOne", scannedAt: "2025-03-05T10:00:00.120Z" },
      { cloud: "prod", region: "RegionTwo", scannedAt: "2025-03-05T10:00:00.130Z" },
      { cloud: "edge", region: "fra1", scannedAt: "2025-03-05T10:00:00.140Z" },
    ],
    coverage: [
      {
        cloud: "prod",
        region: "RegionOne",
        type: "identity.project",
        coverage: { status: "complete", count: 412, requests: 1 },
      },
      {
        cloud: "prod",
        region: "RegionOne",
        type: "compute.server",
        coverage: { status: "complete", count: 2_310, requests: 3 },
      },
      {
        cloud: "prod",
        region: "RegionOne",
        type: "block-storage.volume",
        coverage: { status: "complete", count: 3_877, requests: 4 },
      },
      {
        cloud: "prod",
        region: "RegionOne",
        type: "load-balancer.amphora",
        coverage: {
          status: "forbidden",
          reason: "HTTP 403 from GET /v2/octavia/amphorae (policy load-balancer:read_global)",
        },
      },
      {
        cloud: "prod",
        region: "RegionTwo",
        type: "block-storage.volume",
        coverage: { status: "complete", count: 911, requests: 1 },
      },
      {
        cloud: "edge",
        region: "fra1",
        type: "network.floatingip",
        coverage: { status: "complete", count: 64, requests: 1 },
      },
      {
        cloud: "edge",
        region: "fra1",
        type: "load-balancer.loadbalancer",
        coverage: { status: "absent", reason: "no load-balancer endpoint in the catalog" },
      },
      {
        cloud: "edge",
        region: "fra1",
        type: "object-store.container",
        coverage: {
          status: "complete",
          count: 3,
          requests: 2,
          scope: "the accounts of 2 projects (deleted owners); the others' containers were not listed",
        },
      },
    ],
    inconclusive: [
      { cloud: "prod", region: "RegionOne", check: "amphora-error", reason: "load-balancer.amphora: forbidden" },
    ],
    findings,
    requests: [
      { cloud: "prod", region: "RegionOne", service: "identity", count: 3, errors: 0, bytes: 88_201, totalMs: 140 },
      { cloud: "prod", region: "RegionOne", service: "compute", count: 4, errors: 0, bytes: 5_120_334, totalMs: 2_950 },
      {
        cloud: "prod",
        region: "RegionOne",
        service: "block-storage",
        count: 5,
        errors: 0,
        bytes: 3_901_000,
        totalMs: 1_870,
      },
      { cloud: "prod", region: "RegionOne", service: "load-balancer", count: 2, errors: 1, bytes: 2_300, totalMs: 95 },
      {
        cloud: "prod",
        region: "RegionTwo",
        service: "block-storage",
        count: 1,
        errors: 0,
        bytes: 901_000,
        totalMs: 420,
      },
      { cloud: "edge", region: "fra1", service: "network", count: 2, errors: 0, bytes: 40_120, totalMs: 61 },
    ],
  };
}
