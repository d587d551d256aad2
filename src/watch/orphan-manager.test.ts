// The orphan manager's work for one deletion, against fakecloud over loopback HTTP and a real SQLite history (the
// broker is replaced by calling it directly; the real chain from Keystone is in test/e2e/watch.e2e.test.ts).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveCloud } from "../config/clouds.ts";
import { settingsSchema } from "../config/settings.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import type { ScanResult } from "../findings/scan-result.ts";
import { fakeCloudEnvironment } from "../cli/fake-cloud-environment.ts";
import { createLogger } from "../log/logger.ts";
import { readPlan } from "../remediation/plan/plan-file.ts";
import { HistoryStore } from "../store/history-store.ts";
import type { ProjectDeletion } from "./notification-consumer.ts";
import { OrphanManager } from "./orphan-manager.ts";
import type { WatchPolicy } from "./watch-settings.ts";

const GONE = "9c77b9f28a6942198807ee5152cac403";
const DELETED_AT = "2026-12-03T09:06:25.703Z";

let cloud: FakeCloud;
let work: string;
let store: HistoryStore;
beforeEach(async () => {
  cloud = await startFakeCloud();
  cloud.seed({
    projects: [{ name: "shop" }, { id: GONE, name: "gone", deleted: true }],
    resources: {
      "block-storage.volume": [
        { name: "disk", "os-vol-tenant-attr:tenant_id": GONE },
        { name: "shop-disk", "os-vol-tenant-attr:tenant_id": "@project/shop" },
      ],
      "network.network": [{ name: "net", project_id: GONE }],
    },
  });
  work = await mkdtemp(join(tmpdir(), "stacksweep-orphan-manager-"));
  store = await HistoryStore.open({ location: join(work, "history.sqlite") });
});
afterEach(async () => {
  await store.close();
  await cloud.close();
  await rm(work, { recursive: true, force: true });
});

const deletion: ProjectDeletion = {
  kind: "project-deleted",
  projectId: GONE,
  deletedAt: DELETED_AT,
  messageId: "m-1",
  format: "cadf",
  publisherId: "identity.vm",
};

async function manager(policy: WatchPolicy, recorded: ScanResult[], slept: number[]): Promise<OrphanManager> {
  const settings = settingsSchema.parse({ watch: { policy, planDirectory: join(work, "plans") } });
  return new OrphanManager({
    targets: [{ cloud: await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) }), allRegions: true }],
    settings: settings.watch,
    remediation: settings.remediation,
    record: async (result) => {
      recorded.push(result);
      return store.recordScan(result);
    },
    store,
    logger: createLogger({ level: "silent" }),
    // The deletion was "just now": the settle delay is waited for (here: counted, not slept).
    now: () => new Date(Date.parse(DELETED_AT) + 1000),
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
  });
}

describe("OrphanManager", () => {
  it("records the deleted project's orphans as project scans, again after the settle delay", async () => {
    const recorded: ScanResult[] = [];
    const slept: number[] = [];
    const outcome = await (await manager("report", recorded, slept)).handle(deletion);
    expect(outcome).toEqual({ projectId: GONE, orphans: 2, plans: [] });
    expect(recorded).toHaveLength(2);
    expect(recorded.every((r) => r.project?.id === GONE && r.project.deletedAt === DELETED_AT)).toBe(true);
    expect(recorded[0]!.checks).toEqual(["orphaned-resource"]);
    expect(slept).toEqual([9000]);
    const open = await store.listFindings({ state: "open", project: GONE });
    expect(open.map((f) => f.resource.type).sort()).toEqual(["block-storage.volume", "network.network"]);
    // Open from the deletion Keystone announced, not from when stacksweep first saw them.
    expect(open.every((f) => f.openedAt === DELETED_AT)).toBe(true);
  });

  it("writes a plan for review with the plan policy, and changes nothing", async () => {
    const outcome = await (await manager("plan", [], [])).handle(deletion);
    const [written] = outcome.plans;
    expect(written?.file).toMatch(/orphans-9c77b9f28a6942198807ee5152cac403-.*\.json$/);
    expect(await readdir(join(work, "plans"))).toHaveLength(1);
    const plan = await readPlan(written!.file!);
    expect(plan.source.projectId).toBe(GONE);
    expect(plan.steps.map((s) => s.action).sort()).toEqual(["network.delete", "volume.delete"]);
    // The default grace (24 h) has not passed since the deletion: planned, but excluded until it has.
    expect(plan.steps.every((s) => s.status === "excluded" && /grace/.test(s.reason ?? ""))).toBe(true);
    const calls = cloud.requestLog.list().filter((entry) => entry.method !== "GET" && !entry.path.includes("/auth/"));
    expect(calls).toEqual([]);
  });
});
