import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../log/logger.ts";
import type { HistoryStore } from "../store/history-store.ts";
import { testFinding, testScanResult } from "../../test/support/store/scan-result-builder.ts";
import { testStore, type TestStoreHandle } from "../../test/support/store/test-stores.ts";
import { runScanJob } from "./run-scan-job.ts";
import { ServiceMetrics } from "./service-metrics.ts";

describe("runScanJob", () => {
  let handle: TestStoreHandle;
  let store: HistoryStore;
  beforeEach(async () => {
    handle = testStore("sqlite");
    store = await handle.open();
  });
  afterEach(() => handle.cleanup());

  const deps = (abandoning = false) => ({
    store,
    metrics: new ServiceMetrics(store),
    notifications: [],
    logger: silentLogger(),
    isAbandoning: () => abandoning,
    version: "0.1.0",
  });

  it("records the scan and counts it in the metrics", async () => {
    const d = deps();
    const result = testScanResult({ at: "2025-03-01T02:00:00Z", findings: [testFinding({ resourceId: "vol-1" })] });
    await runScanJob(
      { key: "prod/RegionOne", cloud: "prod", region: "RegionOne", scan: () => Promise.resolve(result) },
      d,
    );
    expect(await store.countFindings()).toBe(1);
    expect(await d.metrics.render()).toContain(
      'stacksweep_scans_total{cloud="prod",region="RegionOne",outcome="ok"} 1',
    );
  });

  it("records a scan that throws as a failed scan of its cloud, so dashboards and alerts see it", async () => {
    await runScanJob(
      {
        key: "prod/*",
        cloud: "prod",
        region: "*",
        scan: () => Promise.reject(new Error("authentication failed: 401 from Keystone")),
      },
      deps(),
    );
    const [scan] = await store.listScans();
    expect(scan).toMatchObject({ cloud: "prod", region: "*", error: "authentication failed: 401 from Keystone" });
    expect((await store.regionStatus())[0]?.lastSuccessAt).toBeNull();
  });

  it("records nothing once shutdown has given up waiting", async () => {
    const result = testScanResult({ at: "2025-03-01T02:00:00Z", findings: [testFinding({ resourceId: "vol-1" })] });
    await runScanJob(
      { key: "prod/RegionOne", cloud: "prod", region: "RegionOne", scan: () => Promise.resolve(result) },
      deps(true),
    );
    expect(await store.listScans()).toEqual([]);
  });
});
