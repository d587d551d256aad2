// What the planner takes from the declarations alone: an action's stateAfter, preparesNext and writesDatabase, a
// step's `then`, and a check's `confirms` (the references apply looks up again).
import { describe, expect, it } from "vitest";
import type { RemediationStep } from "../../checks/check.ts";
import { STEP } from "../../checks/support/remediation-steps.ts";
import { findingId, type Finding } from "../../findings/finding.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import { buildPlan } from "./build-plan.ts";
import { describeStep } from "./describe-step.ts";

function finding(
  check: string,
  type: ResourceTypeId,
  id: string,
  evidence: Record<string, unknown>,
  remediation: RemediationStep[],
): Finding {
  return {
    id: findingId(check, "c", "r", type, id),
    check,
    severity: "warning",
    summary: "test",
    resource: { type, id, name: null, projectId: "p1", projectExists: true, cloud: "c", region: "r" },
    evidence,
    ageSeconds: null,
    remediation: remediation.map((step) => describeStep(step, { type, id })),
  };
}

const plan = (findings: Finding[], allowDbWrite = false) =>
  buildPlan({
    cloud: "c",
    region: "r",
    findings,
    source: { kind: "scan", scannedAt: "2026-01-01T00:00:00Z", file: null, projectId: null },
    rules: { allow: [], deny: [] },
    graceSeconds: 0,
    seenAcrossGrace: () => Promise.resolve(true),
    allowDbWrite,
    octaviaDatabaseConfigured: allowDbWrite,
  });

describe("buildPlan from the declarations", () => {
  it("follows a reset with the action its `then` names, expecting the state the reset leaves", async () => {
    const f = finding("snapshot-error", "block-storage.snapshot", "s1", { status: "error_deleting" }, [
      STEP.snapshotResetStatus("error", "snapshot.delete"),
      STEP.snapshotForceDelete(),
    ]);
    expect(f.remediation[0]?.call).toBe(
      'POST /snapshots/s1/action {"os-reset_status":{"status":"error"}}, then DELETE /snapshots/s1',
    );
    const { steps } = await plan([f]);
    expect(steps.map((s) => [s.action, s.call, s.dependsOn, s.precondition.fields["status"]])).toEqual([
      [
        "snapshot.reset-status",
        'POST /snapshots/s1/action {"os-reset_status":{"status":"error"}}',
        [],
        "error_deleting",
      ],
      ["snapshot.delete", "DELETE /snapshots/s1", [1], "error"],
    ]);
  });

  it("has apply look up again what the check confirms, and only what answered 404", async () => {
    const gone = finding(
      "volume-attached-to-missing-server",
      "block-storage.volume",
      "v1",
      { status: "in-use", attachments: [{ attachment_id: "at1", server_id: "srv-gone" }] },
      [STEP.volumeResetStatus("available", "detached")],
    );
    const deletedRow = finding(
      "amphora-orphaned",
      "load-balancer.amphora",
      "a1",
      { status: "ERROR", loadbalancer_id: "lb1", loadbalancer: "listed DELETED" },
      [STEP.amphoraDelete()],
    );
    const notFound = finding(
      "amphora-orphaned",
      "load-balancer.amphora",
      "a2",
      { status: "ERROR", loadbalancer_id: "lb2", loadbalancer: "GET /v2/lbaas/loadbalancers/{id} → 404" },
      [STEP.amphoraDelete()],
    );
    const { steps } = await plan([gone, deletedRow, notFound]);
    const missing = (id: string) => steps.find((s) => s.resource.id === id)?.precondition.missing;
    expect(missing("v1")).toEqual([{ type: "compute.server", id: "srv-gone" }]);
    expect(missing("a1")).toEqual([]);
    expect(missing("a2")).toEqual([{ type: "load-balancer.loadbalancer", id: "lb2" }]);
    expect(steps.find((s) => s.resource.id === "v1")?.precondition.text).toContain(
      "compute.server srv-gone still answers 404",
    );
  });

  it("takes the step a database fix prepares, and excludes the fix without --allow-db-write", async () => {
    const f = finding(
      "loadbalancer-stuck-pending",
      "load-balancer.loadbalancer",
      "lb1",
      {
        provisioning_status: "PENDING_UPDATE",
      },
      [STEP.loadbalancerDbSetError("PENDING_UPDATE"), STEP.loadbalancerFailover()],
    );
    const refused = await plan([f]);
    expect(refused.steps.map((s) => [s.action, s.status])).toEqual([
      ["loadbalancer.db-set-error", "excluded"],
      ["loadbalancer.failover", "excluded"],
    ]);
    const allowed = await plan([f], true);
    expect(allowed.steps.map((s) => [s.action, s.status, s.precondition.fields["provisioning_status"]])).toEqual([
      ["loadbalancer.db-set-error", "planned", "PENDING_UPDATE"],
      ["loadbalancer.failover", "planned", "ERROR"],
    ]);
  });
});
