import { afterEach, describe, expect, it } from "vitest";
import { demoScenario } from "../cli/scenarios/demo.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { recordId } from "../inventory/record-id.ts";
import { resourceType } from "../inventory/registry.ts";
import type { ResourceTypeId } from "../inventory/resource-type-id.ts";
import { buildPlan } from "./plan/build-plan.ts";
import { recordLookup } from "./plan/record-lookup.ts";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";

let fx: RemediationFixture;
afterEach(async () => {
  await fx.close();
});

function records(inventory: Inventory): Map<string, Record<string, unknown>> {
  const all = new Map<string, Record<string, unknown>>();
  for (const [type, list] of Object.entries(inventory.resources)) {
    for (const record of list) {
      const id = recordId(resourceType(type as ResourceTypeId), record);
      if (id !== null) all.set(`${type} ${id}`, record);
    }
  }
  return all;
}

describe("plan → apply on the demo cloud", () => {
  it("leaves no finding a destructive step was planned for, and every resource no step named unchanged", async () => {
    fx = await remediationFixture(demoScenario());
    const before = await fx.scan();
    const plan = await buildPlan({
      cloud: "fake",
      region: fx.session.region,
      findings: before.result.findings,
      source: { kind: "scan", scannedAt: before.result.startedAt, file: null, projectId: null },
      rules: { allow: [], deny: [] },
      graceSeconds: 0,
      seenAcrossGrace: () => Promise.resolve(true),
      allowDbWrite: false,
      octaviaDatabaseConfigured: false,
      records: recordLookup(before.inventory),
    });
    const report = await fx.apply(plan, { maxDestructive: 1000, settleTimeoutMs: 10_000 });
    expect(report.refused ?? "").toBe("");
    const problems = report.outcomes.filter((o) => o.outcome === "failed" || o.outcome === "skipped");
    expect(problems.map((o) => `${o.action} ${o.outcome}: ${o.reason ?? ""}`)).toEqual([]);

    const after = await fx.scan();
    const fixedFindings = new Set(
      plan.steps.filter((s) => s.status === "planned" && s.destructive).flatMap((s) => s.findingIds),
    );
    expect(
      after.result.findings.filter((f) => fixedFindings.has(f.id)).map((f) => `${f.check} ${f.resource.id}`),
    ).toEqual([]);

    // Every record no step acted on is exactly as it was. A failover rebuilds its load balancer's amphorae and their
    // servers, a cascade delete removes them; heartbeats (services, agents) move on by themselves.
    const touched = new Set(
      plan.steps.flatMap((s) => [`${s.target.type} ${s.target.id}`, `${s.resource.type} ${s.resource.id}`]),
    );
    const loadbalancers = new Set(
      plan.steps.flatMap((s) =>
        s.target.type === "load-balancer.loadbalancer"
          ? [s.target.id]
          : typeof s.params["loadbalancer_id"] === "string"
            ? [s.params["loadbalancer_id"]]
            : [],
      ),
    );
    for (const amphora of before.inventory.resources["load-balancer.amphora"] ?? []) {
      if (!loadbalancers.has(String(amphora["loadbalancer_id"]))) continue;
      touched.add(`load-balancer.amphora ${String(amphora["id"])}`);
      touched.add(`compute.server ${String(amphora["compute_id"])}`);
    }
    for (const id of loadbalancers) touched.add(`load-balancer.loadbalancer ${id}`);
    // A zone's delete takes its recordsets with it.
    const zones = new Set(plan.steps.flatMap((s) => (s.target.type === "dns.zone" ? [s.target.id] : [])));
    for (const recordset of before.inventory.resources["dns.recordset"] ?? [])
      if (zones.has(String(recordset["zone_id"]))) touched.add(`dns.recordset ${String(recordset["id"])}`);
    const afterRecords = records(after.inventory);
    const changed: string[] = [];
    for (const [key, record] of records(before.inventory)) {
      const type = key.split(" ")[0] as ResourceTypeId;
      if (touched.has(key) || resourceType(type).heartbeat !== undefined) continue;
      if (JSON.stringify(afterRecords.get(key)) !== JSON.stringify(record)) changed.push(key);
    }
    expect(changed).toEqual([]);
  }, 60_000);
});
