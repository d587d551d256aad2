import { describe, expect, it } from "vitest";
import type { Check, Detection } from "../checks/check.ts";
import { testInventory } from "../inventory/test-inventory.ts";
import { describeStep } from "../remediation/plan/describe-step.ts";
import { buildFindings } from "./build.ts";

const check: Check = {
  id: "volume-error",
  title: "Volume in an error state",
  description: "test",
  severity: "warning",
  needs: ["block-storage.volume"],
  thresholds: {},
  remediation: [{ action: "volume.delete" }, { action: "volume.force-delete" }],
  run: () => [],
};

const volume = (id: string, owner: string): Record<string, unknown> => ({
  id,
  name: `vol-${id}`,
  status: "error",
  "os-vol-tenant-attr:tenant_id": owner,
  updated_at: "2025-12-31T23:00:00.000000",
});

const detect = (id: string, extra: Partial<Detection> = {}): Detection => ({
  resourceType: "block-storage.volume",
  resourceId: id,
  summary: "volume in error",
  evidence: { status: "error" },
  since: "2025-12-31T23:00:00.000000",
  ...extra,
});

describe("buildFindings", () => {
  it("fills in the resource from its declared fields, the age and the remediation calls", () => {
    const inventory = testInventory({
      resources: {
        "identity.project": [{ id: "admin-project", name: "admin" }, { id: "p1" }],
        "block-storage.volume": [volume("v1", "p1")],
      },
      caller: { userId: "u", projectId: "admin-project", domainId: "default" },
    });
    const [finding] = buildFindings(inventory, [{ check, detections: [detect("v1")] }], describeStep);
    expect(finding).toMatchObject({
      check: "volume-error",
      severity: "warning",
      resource: { type: "block-storage.volume", id: "v1", name: "vol-v1", projectId: "p1", projectExists: true },
      ageSeconds: 3600,
      remediation: [
        { action: "volume.delete", call: "DELETE /volumes/v1" },
        { action: "volume.force-delete", call: 'POST /volumes/v1/action {"os-force_delete":{}}' },
      ],
    });
  });

  it("names the owner project and its domain from the listings, and says what the resource holds", () => {
    const inventory = testInventory({
      resources: {
        "identity.domain": [{ id: "d1", name: "customers" }],
        "identity.project": [
          { id: "admin-project", name: "admin", domain_id: "default" },
          { id: "p1", name: "acme-web", domain_id: "d1" },
        ],
        "block-storage.volume": [{ ...volume("v1", "p1"), size: 40 }, volume("v2", "gone")],
        "compute.server": [{ id: "s1", tenant_id: "p1", flavor: { vcpus: 4, ram: 8192, disk: 20 } }],
        "image.image": [{ id: "i1", owner: "p1", size: 3 * 2 ** 30 }],
      },
      caller: { userId: "u", projectId: "admin-project", domainId: "default" },
    });
    const findings = buildFindings(
      inventory,
      [
        { check, detections: [detect("v1"), detect("v2")] },
        { check: { ...check, id: "server-error" }, detections: [{ ...detect("s1"), resourceType: "compute.server" }] },
        { check: { ...check, id: "image-stuck" }, detections: [{ ...detect("i1"), resourceType: "image.image" }] },
      ],
      describeStep,
    );
    expect(findings.map((finding) => finding.resource)).toMatchObject([
      { id: "v1", projectName: "acme-web", domainName: "customers", holds: { gib: 40 } },
      { id: "v2" },
      { id: "s1", projectName: "acme-web", holds: { vcpus: 4, ramMib: 8192 } },
      { id: "i1", holds: { gib: 3 } },
    ]);
    // A project the listing lacks has no name, and a volume without a size holds nothing measurable.
    expect(findings[1]?.resource).not.toHaveProperty("projectName");
    expect(findings[1]?.resource).not.toHaveProperty("holds");
  });

  it("gives the same id to the same problem in every scan, and different ids across regions", () => {
    const build = (region: string) =>
      buildFindings(
        testInventory({ region, resources: { "block-storage.volume": [volume("v1", "p1")] } }),
        [{ check, detections: [detect("v1")] }],
        describeStep,
      )[0]?.id;
    expect(build("RegionOne")).toBe(build("RegionOne"));
    expect(build("RegionOne")).not.toBe(build("RegionTwo"));
  });

  it("says the owner is gone only on a confirmed 404, and unknown when the project set is incomplete", () => {
    const resources = { "block-storage.volume": [volume("v1", "gone"), volume("v2", "unsure")] };
    const detections = [detect("v1"), detect("v2")];
    const complete = testInventory({
      resources,
      confirmations: { "identity.project": { gone: "missing", unsure: "unknown" } },
    });
    expect(buildFindings(complete, [{ check, detections }], describeStep).map((f) => f.resource.projectExists)).toEqual(
      [false, null],
    );

    const truncated = testInventory({
      resources,
      incomplete: { "identity.project": { status: "truncated", reason: "list_limit" } },
      confirmations: { "identity.project": { gone: "missing" } },
    });
    expect(
      buildFindings(truncated, [{ check, detections }], describeStep).map((f) => f.resource.projectExists),
    ).toEqual([null, null]);
  });

  it("takes severity and remediation overrides from the detection and fills their parameters", () => {
    const inventory = testInventory({ resources: { "block-storage.volume": [volume("v1", "p1")] } });
    const detection = detect("v1", {
      severity: "critical",
      since: "2026-01-01T00:10:00Z",
      remediation: [
        {
          action: "attachment.delete",
          params: { attachment_id: "a-1" },
        },
      ],
    });
    const [finding] = buildFindings(inventory, [{ check, detections: [detection] }], describeStep);
    expect(finding?.severity).toBe("critical");
    expect(finding?.remediation[0]?.call).toBe("DELETE /attachments/a-1 (microversion 3.27)");
    // Ten minutes in the future of the scan: a skewed clock, not a negative age.
    expect(finding?.ageSeconds).toBe(0);
  });
});

describe("buildFindings with a check below the API", () => {
  const databaseCheck: Check = { ...check, id: "volume-error-in-database", sameFindingAs: "volume-error" };

  it("adds the database check's evidence to the API check's finding of the same resource, not a second finding", () => {
    const inventory = testInventory({
      resources: { "block-storage.volume": [volume("v1", "p1"), volume("v2", "p1")] },
    });
    const findings = buildFindings(
      inventory,
      [
        { check: databaseCheck, detections: [detect("v1", { evidence: { deleted: 0 } }), detect("v2")] },
        { check, detections: [detect("v1")] },
      ],
      describeStep,
    );
    expect(findings.map((f) => [f.check, f.resource.id, f.evidence])).toEqual([
      ["volume-error", "v1", { status: "error", database: { deleted: 0 } }],
      ["volume-error-in-database", "v2", { status: "error" }],
    ]);
  });

  it("marks the evidence of a record the database listed in place of the API", () => {
    const inventory = testInventory({ resources: { "block-storage.volume": [volume("v1", "p1")] } });
    inventory.coverage["block-storage.volume"] = { status: "complete", count: 1, requests: 1, source: "database" };
    expect(buildFindings(inventory, [{ check, detections: [detect("v1")] }], describeStep)[0]?.evidence).toEqual({
      status: "error",
      source: "database",
    });
  });
});
