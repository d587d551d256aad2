// A fake cloud, a session to it, a fresh history store and an audit file: what every remediation test runs on,
// over real HTTP on loopback, resolved through a real clouds.yaml as an operator's would be.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { CHECKS } from "../../../src/checks/registry.ts";
import { scanClouds } from "../../../src/scan/scan-clouds.ts";
import { resolveCloud, type ResolvedCloud } from "../../../src/config/clouds.ts";
import type { ScanResult } from "../../../src/findings/scan-result.ts";
import { type FakeCloud, type Scenario, startFakeCloud } from "@stacksweep/fakecloud";
import type { Inventory } from "../../../src/inventory/inventory.ts";
import { Session } from "../../../src/openstack/session.ts";
import { HistoryStore } from "../../../src/store/history-store.ts";
import { applyPlan, type ApplyOptions, type ApplyReport } from "../../../src/remediation/apply/apply-plan.ts";
import { AuditLog } from "../../../src/remediation/apply/audit-log.ts";
import { recordPlan } from "../../../src/remediation/plan/plan-file.ts";
import type { Plan } from "../../../src/remediation/plan.ts";
import { buildPlan, type BuildPlanInput } from "../../../src/remediation/plan/build-plan.ts";
import type { Finding } from "../../../src/findings/finding.ts";

export interface RemediationFixture {
  cloud: FakeCloud;
  resolved: ResolvedCloud;
  session: Session;
  store: HistoryStore;
  audit: AuditLog;
  dir: string;
  auditFile: string;
  storeFile: string;
  /** The environment that makes `--os-cloud fake` find this cloud (for CLI tests). */
  env: NodeJS.ProcessEnv;
  /** Scans with the given checks (default: all) and returns the result and the inventory. */
  scan(checkIds?: readonly string[]): Promise<{ result: ScanResult; inventory: Inventory }>;
  /** Reads a record as fakecloud stores it (null when gone). */
  record(type: string, id: string): Promise<Record<string, unknown> | null>;
  patch(type: string, id: string, fields: Record<string, unknown>): Promise<void>;
  idOf(type: string, name: string): Promise<string>;
  requests(): Promise<{ method: string; path: string; status: number }[]>;
  /** A plan of these findings for this cloud, as `stacksweep plan` makes it with no rules and no grace. */
  plan(findings: readonly Finding[], overrides?: Partial<BuildPlanInput>): Promise<Plan>;
  /** Records the plan in the store (unless it knows it) and applies it to this cloud with no rules, no grace, a cap of 25 and fast polling, unless overridden. */
  apply(plan: Plan, overrides?: Partial<ApplyOptions>): Promise<ApplyReport>;
  close(): Promise<void>;
}

export async function remediationFixture(scenario: Scenario): Promise<RemediationFixture> {
  const cloud = await startFakeCloud({ scenario });
  const dir = mkdtempSync(join(tmpdir(), "stacksweep-remediation-"));
  const cloudsYaml = join(dir, "clouds.yaml");
  writeFileSync(cloudsYaml, stringify({ clouds: { fake: cloud.cloudsYamlEntry() } }), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { HOME: dir, OS_CLIENT_CONFIG_FILE: cloudsYaml };
  const resolved = await resolveCloud({ cloud: "fake", env, cwd: dir });
  const session = await Session.open(resolved, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
  const storeFile = join(dir, "history.sqlite");
  const store = await HistoryStore.open({ location: storeFile });
  const auditFile = join(dir, "audit.jsonl");
  const audit = await AuditLog.open(store, auditFile);
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${cloud.url}/_control${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text === "" ? null : (JSON.parse(text) as unknown);
  };
  return {
    cloud,
    resolved,
    session,
    store,
    audit,
    dir,
    auditFile,
    storeFile,
    env,
    async scan(checkIds) {
      const checks = [...CHECKS.values()].filter((c) => checkIds === undefined || checkIds.includes(c.id));
      let inventory: Inventory | undefined;
      const result = await scanClouds([{ cloud: resolved, allRegions: false }], {
        checks,
        onInventory: (i) => (inventory = i),
      });
      if (inventory === undefined) throw new Error(`the scan failed: ${JSON.stringify(result.clouds)}`);
      return { result, inventory };
    },
    async record(type, id) {
      const body = (await control("GET", `/resources/${type}/${id}`)) as Record<string, unknown> | null;
      if (body === null) return null;
      return body;
    },
    async patch(type, id, fields) {
      await control("PATCH", `/resources/${type}/${id}`, fields);
    },
    async idOf(type, name) {
      const body = (await control("GET", `/resources/${type}`)) as Record<string, Record<string, unknown>[]>;
      const list = body[type] ?? [];
      const found = list.find((r) => r["name"] === name);
      if (found === undefined) throw new Error(`no ${type} named ${name}`);
      return String(found["id"]);
    },
    async requests() {
      const body = (await control("GET", "/requests")) as {
        requests: { method: string; path: string; status: number }[];
      };
      return body.requests;
    },
    plan(findings, overrides = {}) {
      return buildPlan({
        cloud: "fake",
        region: session.region,
        findings,
        source: { kind: "scan", scannedAt: new Date().toISOString(), file: null, projectId: null },
        rules: { allow: [], deny: [] },
        graceSeconds: 0,
        seenAcrossGrace: () => Promise.resolve(true),
        allowDbWrite: false,
        octaviaDatabaseConfigured: false,
        ...overrides,
      });
    },
    async apply(plan, overrides = {}) {
      // As `plan` does when it writes the file: apply runs only plans the store saw made.
      if ((await store.planDigest(plan.id)) === null) await recordPlan(store, plan);
      return applyPlan(plan, {
        session,
        store,
        audit,
        rules: { allow: [], deny: [] },
        graceSeconds: 0,
        maxDestructive: 25,
        context: { octaviaDatabase: null },
        holder: "test",
        pollIntervalMs: 5,
        settleTimeoutMs: 5000,
        ...overrides,
      });
    },
    async close() {
      await session.close();
      await store.close();
      await cloud.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
