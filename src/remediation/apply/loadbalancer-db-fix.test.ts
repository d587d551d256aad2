import { afterEach, describe, expect, it } from "vitest";
import { OctaviaDatabase } from "./octavia-database.ts";
import type { SqlConnection } from "../../deep/sql-connection.ts";
import type { Scenario } from "@stacksweep/fakecloud";
import { buildPlan } from "../plan/build-plan.ts";
import { remediationFixture, type RemediationFixture } from "../../../test/support/remediation/remediation-fixture.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }],
  resources: {
    "load-balancer.loadbalancer": [
      { name: "stuck", project_id: "@project/acme", provisioning_status: "PENDING_UPDATE", updated_at: "-2h" },
    ],
  },
};

let fx: RemediationFixture;
afterEach(async () => {
  await fx.close();
});

/**
 * Octavia's database as fakecloud keeps it: fakecloud has no SQL, so the two statements the fix sends are applied to
 * its records (as an operator's UPDATE would change what the API shows). Any other statement fails the test.
 */
function fakecloudOctaviaSql(statements: string[]): SqlConnection {
  return {
    async query(text, params) {
      statements.push(text);
      const [id, expected] = params.map(String);
      const row = await fx.record("load-balancer.loadbalancer", id!);
      if (text.startsWith("SELECT"))
        return {
          rows:
            row === null
              ? []
              : [
                  {
                    id,
                    provisioning_status: row["provisioning_status"],
                    operating_status: row["operating_status"],
                    updated_at: row["updated_at"],
                  },
                ],
          affectedRows: 0,
        };
      if (text === "UPDATE load_balancer SET provisioning_status='ERROR' WHERE id=? AND provisioning_status=?") {
        if (row === null || row["provisioning_status"] !== expected) return { rows: [], affectedRows: 0 };
        await fx.patch("load-balancer.loadbalancer", id!, { provisioning_status: "ERROR" });
        return { rows: [], affectedRows: 1 };
      }
      throw new Error(`unexpected statement: ${text}`);
    },
    close: () => Promise.resolve(),
  };
}

async function planAndApply(allowDbWrite: boolean, statements: string[]) {
  const { result } = await fx.scan(["loadbalancer-stuck-pending"]);
  const plan = await buildPlan({
    cloud: "fake",
    region: fx.session.region,
    findings: result.findings,
    source: { kind: "scan", scannedAt: result.startedAt, file: null, projectId: null },
    rules: { allow: [], deny: [] },
    graceSeconds: 0,
    seenAcrossGrace: () => Promise.resolve(true),
    allowDbWrite,
    octaviaDatabaseConfigured: true,
  });
  const report = await fx.apply(plan, {
    context: { octaviaDatabase: new OctaviaDatabase(fakecloudOctaviaSql(statements), { allowWrite: allowDbWrite }) },
  });
  return { plan, report };
}

describe("the opt-in database fix of a load balancer stuck in PENDING_UPDATE", () => {
  it("sets the row to ERROR conditionally, keeps the old row in the audit log, then fails over through the API", async () => {
    fx = await remediationFixture(SCENARIO);
    const id = await fx.idOf("load-balancer.loadbalancer", "stuck");
    const statements: string[] = [];
    const { plan, report } = await planAndApply(true, statements);
    expect(plan.steps.map((s) => s.action)).toEqual(["loadbalancer.db-set-error", "loadbalancer.failover"]);
    expect(plan.steps[1]?.dependsOn).toEqual([1]);
    expect(plan.steps[1]?.precondition.fields["provisioning_status"]).toBe("ERROR");
    expect(report.outcomes.map((o) => o.outcome)).toEqual(["done", "done"]);
    expect(statements.filter((s) => s.startsWith("UPDATE"))).toHaveLength(1);
    expect((await fx.record("load-balancer.loadbalancer", id))?.["provisioning_status"]).toBe("ACTIVE");
    const after = (await fx.store.listActions({ planId: plan.id })).find((e) => e.step === 1 && e.phase === "after");
    expect(after?.previousState).toMatchObject({ id, provisioning_status: "PENDING_UPDATE" });
  });

  it("is excluded without --allow-db-write, and so is the failover that needs it", async () => {
    fx = await remediationFixture(SCENARIO);
    const id = await fx.idOf("load-balancer.loadbalancer", "stuck");
    const statements: string[] = [];
    const { plan, report } = await planAndApply(false, statements);
    expect(plan.steps.map((s) => [s.status, s.reason])).toEqual([
      ["excluded", expect.stringMatching(/needs --allow-db-write/)],
      ["excluded", "its prerequisite step 1 is excluded"],
    ]);
    expect(report.outcomes.map((o) => o.outcome)).toEqual(["excluded", "excluded"]);
    expect(statements).toEqual([]);
    expect((await fx.record("load-balancer.loadbalancer", id))?.["provisioning_status"]).toBe("PENDING_UPDATE");
  });
});
