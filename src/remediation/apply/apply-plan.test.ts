import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import type { StepOutcome } from "./apply-plan.ts";
import { buildPlan, type BuildPlanInput } from "../plan/build-plan.ts";
import type { Plan } from "../plan.ts";
import type { RailRules } from "../rails.ts";
import { remediationFixture, type RemediationFixture } from "../../../test/support/remediation/remediation-fixture.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }, { name: "gone", deleted: true }],
  resources: {
    "compute.server": [
      { name: "orphan-1", tenant_id: "@project/gone", created: "-3d", updated: "-3d" },
      { name: "orphan-2", tenant_id: "@project/gone", created: "-3d", updated: "-3d" },
      { name: "orphan-kept", tenant_id: "@project/gone", tags: ["stacksweep:protect"], created: "-3d", updated: "-3d" },
      { name: "broken", tenant_id: "@project/acme", status: "ERROR", "OS-EXT-STS:vm_state": "error", updated: "-2h" },
      { name: "healthy", tenant_id: "@project/acme", created: "-3d", updated: "-3d" },
    ],
  },
};
const CHECKS = ["orphaned-resource", "server-error"];
const NO_RULES: RailRules = { allow: [], deny: [] };

let fx: RemediationFixture;
afterEach(async () => {
  await fx.close();
});

async function plan(overrides: Partial<BuildPlanInput> = {}): Promise<Plan> {
  const { result } = await fx.scan(CHECKS);
  await fx.store.recordScan(result);
  return buildPlan({
    cloud: "fake",
    region: fx.session.region,
    findings: result.findings,
    source: { kind: "scan", scannedAt: result.startedAt, file: null, projectId: null },
    rules: NO_RULES,
    graceSeconds: 0,
    seenAcrossGrace: (id, grace) => fx.store.seenAcrossGrace(id, grace),
    allowDbWrite: false,
    octaviaDatabaseConfigured: false,
    ...overrides,
  });
}

const stepFor = (p: Plan, action: string, id: string) => p.steps.find((s) => s.action === action && s.target.id === id);

describe("plan and apply against fakecloud's Compute", () => {
  it("deletes the orphans, resets the broken server, and leaves the healthy and the protected ones alone", async () => {
    fx = await remediationFixture(SCENARIO);
    const [orphan1, orphan2, kept, broken, healthy] = await Promise.all(
      ["orphan-1", "orphan-2", "orphan-kept", "broken", "healthy"].map((n) => fx.idOf("compute.server", n)),
    );
    const healthyBefore = await fx.record("compute.server", healthy!);
    const p = await plan();
    const gone = stepFor(p, "server.delete", orphan1!)?.precondition.missing;
    expect(gone?.map((ref) => ref.type)).toEqual(["identity.project"]);
    expect(stepFor(p, "server.reset-state", broken!)?.precondition.fields).toMatchObject({ status: "ERROR" });

    const report = await fx.apply(p);
    expect(report.refused).toBeNull();
    const byTarget = Object.fromEntries(report.outcomes.map((o) => [`${o.action} ${o.target.id}`, o.outcome]));
    expect(byTarget[`server.delete ${orphan1!}`]).toBe("done");
    expect(byTarget[`server.delete ${orphan2!}`]).toBe("done");
    expect(byTarget[`server.delete ${kept!}`]).toBe("skipped");
    expect(report.outcomes.find((o) => o.target.id === kept)?.reason).toMatch(/stacksweep:protect/);
    expect(byTarget[`server.reset-state ${broken!}`]).toBe("done");

    expect(await fx.record("compute.server", orphan1!)).toBeNull();
    expect(await fx.record("compute.server", orphan2!)).toBeNull();
    expect(await fx.record("compute.server", kept!)).not.toBeNull();
    expect((await fx.record("compute.server", broken!))?.["status"]).toBe("ACTIVE");
    expect(await fx.record("compute.server", healthy!)).toEqual(healthyBefore);

    // A second scan finds none of the fixed problems.
    const { result } = await fx.scan(CHECKS);
    expect(result.findings.map((f) => f.resource.id).sort()).toEqual([kept!]);
  });

  it("writes an audit entry before and after every call, to the store and the JSONL file", async () => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan();
    await fx.apply(p);
    const entries = await fx.store.listActions({ planId: p.id });
    const deletes = entries.filter((e) => e.action === "server.delete");
    expect(deletes.map((e) => e.phase)).toEqual(["before", "after", "before", "after"]);
    expect((deletes[0]?.previousState as { name?: string } | null)?.name).toMatch(/^orphan-/);
    expect(deletes[1]?.outcome).toBe("done");
    expect(deletes[1]?.requestIds.length).toBe(1);
    const { readFileSync } = await import("node:fs");
    const lines = readFileSync(fx.auditFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: number });
    expect(lines.map((l) => l.seq)).toEqual(entries.map((e) => e.seq));
    const password = (fx.cloud.cloudsYamlEntry()["auth"] as Record<string, unknown>)["password"];
    expect(typeof password).toBe("string");
    expect(readFileSync(fx.auditFile, "utf8")).not.toContain(String(password));
  });

  it("skips a step whose resource changed between plan and apply", async () => {
    fx = await remediationFixture(SCENARIO);
    const broken = await fx.idOf("compute.server", "broken");
    const p = await plan();
    await fx.patch("compute.server", broken, { status: "ACTIVE", "OS-EXT-STS:vm_state": "active" });
    const report = await fx.apply(p);
    const outcome = report.outcomes.find((o) => o.target.id === broken);
    expect(outcome?.outcome).toBe("skipped");
    expect(outcome?.reason).toMatch(/status is now "ACTIVE", the plan expected "ERROR"/);
    expect((await fx.requests()).some((r) => r.method === "POST" && r.path.includes(`${broken}/action`))).toBe(false);
  });

  it("skips an orphan whose project exists again", async () => {
    fx = await remediationFixture(SCENARIO);
    const orphan = await fx.idOf("compute.server", "orphan-1");
    const p = await plan();
    const acme = await fx.idOf("identity.project", "acme");
    await fx.patch("compute.server", orphan, { tenant_id: acme });
    const report = await fx.apply(p);
    expect(report.outcomes.find((o) => o.target.id === orphan)?.reason).toMatch(/tenant_id is now/);
    expect(await fx.record("compute.server", orphan)).not.toBeNull();
  });

  it("does nothing at all when the destructive steps exceed the cap", async () => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan();
    const report = await fx.apply(p, { maxDestructive: 1 });
    expect(report.refused).toMatch(/3 destructive steps to run, above the cap of 1/);
    expect(report.outcomes).toEqual([]);
    expect((await fx.requests()).filter((r) => r.method !== "GET" && !r.path.includes("/auth/tokens"))).toEqual([]);
  });

  it("excludes what a deny rule names", async () => {
    fx = await remediationFixture(SCENARIO);
    const orphan = await fx.idOf("compute.server", "orphan-1");
    const p = await plan({ rules: { allow: [], deny: [{ name: "^orphan-1$" }] } });
    const step = stepFor(p, "server.delete", orphan);
    expect(step?.status).toBe("excluded");
    expect(step?.reason).toMatch(/deny rule \{name: \^orphan-1\$\} matches/);
    await fx.apply(p);
    expect(await fx.record("compute.server", orphan)).not.toBeNull();
  });

  it("refuses to start while another apply holds the lock", async () => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan();
    expect((await fx.store.acquireLock("apply", "other-host:4242", 600)).acquired).toBe(true);
    const report = await fx.apply(p);
    expect(report.refused).toMatch(/another apply \(other-host:4242\) holds the lock/);
    expect(
      (await fx.requests())
        .filter((r) => r.method === "DELETE" || r.method === "POST")
        .filter((r) => r.path.includes("/servers")),
    ).toEqual([]);
  });

  it.each([
    ["its holder is a process on this host that is gone", async () => `${hostname()}:${await deadPid()}`, false],
    ["--break-lock is given, whoever holds it", () => Promise.resolve("other-host:4242"), true],
  ])("takes the lock over when %s, and audits it", async (_when, holder, breakLock) => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan();
    const previous = await holder();
    expect((await fx.store.acquireLock("apply", previous, 600)).acquired).toBe(true);
    const report = await fx.apply(p, { breakLock });
    expect(report.refused).toBeNull();
    expect(report.outcomes.some((o) => o.outcome === "done")).toBe(true);
    const [takeover] = (await fx.store.listActions({ planId: p.id })).filter((e) => e.action === "lock.take-over");
    expect(takeover?.detail).toMatchObject({ previousHolder: previous });
    expect(readFileSync(fx.auditFile, "utf8")).toContain('"lock.take-over"');
  });

  it("keeps a lock whose holder on this host is still running", async () => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan();
    const live = `${hostname()}:${process.ppid}`;
    expect((await fx.store.acquireLock("apply", live, 600)).acquired).toBe(true);
    expect((await fx.apply(p)).refused).toContain(`another apply (${live}) holds the lock`);
  });

  it("continues a killed apply without repeating the steps it completed", async () => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan();
    const killed = new Error("killed");
    // The step done when the run was killed (not simply the first planned: the protected orphan may sort first,
    // and the rails skip it live).
    let completed: StepOutcome | undefined;
    await expect(
      fx.apply(p, {
        onStep: (o) => {
          if (o.outcome !== "done") return;
          completed = o;
          throw killed;
        },
      }),
    ).rejects.toBe(killed);
    const first = completed!;
    const report = await fx.apply(p);
    const outcome = report.outcomes.find((o) => o.step === first.step);
    expect(outcome?.outcome, `step ${first.step} ${first.action}: ${outcome?.reason ?? ""}`).toBe("already-done");
    const calls = (await fx.requests()).filter((r) => r.method === "DELETE" && r.path.endsWith(first.target.id));
    expect(calls).toHaveLength(1);
    expect(report.outcomes.filter((o) => o.outcome === "done").length).toBeGreaterThan(0);
  });

  it("excludes destructive steps of findings not yet seen across the grace period", async () => {
    fx = await remediationFixture(SCENARIO);
    const p = await plan({ graceSeconds: 86_400 });
    const deletes = p.steps.filter((s) => s.destructive);
    expect(deletes.length).toBe(3);
    for (const step of deletes)
      expect(step.reason).toMatch(/^grace: finding \w+ has not been seen in two scans 1d apart/);
    // The reset is not destructive: the grace period does not hold it back.
    expect(p.steps.find((s) => s.action === "server.reset-state")?.status).toBe("planned");
    // Apply enforces its own grace too, even on a plan made with --grace 0.
    const lenient = await plan();
    const report = await fx.apply(lenient, { graceSeconds: 86_400 });
    for (const o of report.outcomes.filter((x) => x.action === "server.delete")) expect(o.outcome).toBe("skipped");
  });
});

describe("a project allow rule", () => {
  it("holds for a step whose call goes through another resource of the project (a router's interface)", async () => {
    fx = await remediationFixture({
      projects: [{ name: "gone", deleted: true }],
      resources: {
        "network.router": [{ name: "router", project_id: "@project/gone" }],
        "network.network": [{ name: "net", project_id: "@project/gone" }],
        "network.port": [
          {
            name: "interface",
            project_id: "@project/gone",
            network_id: "@network.network/net",
            device_owner: "network:router_interface",
            device_id: "@network.router/router",
          },
        ],
      },
    });
    const router = await fx.idOf("network.router", "router");
    const port = await fx.idOf("network.port", "interface");
    const project = (await fx.record("network.router", router))?.["project_id"] as string;
    const rules: RailRules = { allow: [{ project }], deny: [] };
    const { result } = await fx.scan(["orphaned-resource"]);
    await fx.store.recordScan(result);
    const p = await plan({ findings: result.findings, rules });
    const report = await fx.apply(p, { rules });
    const byTarget = Object.fromEntries(report.outcomes.map((o) => [`${o.action} ${o.target.id}`, o.outcome]));
    // The interface is removed through its router, which the rule names by its own owner.
    expect(byTarget[`router.remove-interface ${router}`]).toBe("done");
    expect(await fx.record("network.port", port)).toBeNull();
    expect(await fx.record("network.router", router)).toBeNull();
  });
});
/** The PID of a process that has exited (and been reaped), as a killed apply leaves behind. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}
