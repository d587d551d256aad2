import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HistoryStore } from "./history-store.ts";
import { testFinding, testScanResult } from "../../test/support/store/scan-result-builder.ts";
import { TEST_STORE_KINDS, testStore, type TestStoreHandle } from "../../test/support/store/test-stores.ts";

const DAY = "2025-03-01T02:00:00.000Z";
const NEXT_DAY = "2025-03-02T02:00:00.000Z"; // 24 h later
const DAY_3 = "2025-03-03T02:00:00.000Z";
const execFileAsync = promisify(execFile);

describe.each(TEST_STORE_KINDS)("history store on %s", (kind) => {
  let handle: TestStoreHandle;
  let store: HistoryStore;
  let clock: Date;

  beforeEach(async () => {
    handle = testStore(kind);
    clock = new Date("2025-03-05T00:00:00Z");
    store = await handle.open({ now: () => clock });
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  const plainVolume = testFinding({ resourceId: "vol-1", severity: "critical" });
  // With the names and holdings the reports show, which the dashboard reads back from the store.
  const volume = {
    ...plainVolume,
    resource: { ...plainVolume.resource, projectName: "acme-web", domainName: "customers", holds: { gib: 40 } },
  };
  const port = testFinding({ check: "port-orphaned", type: "network.port", resourceId: "port-1", projectId: "p-gone" });

  it("records a first scan: every finding is new and the scan row carries coverage and requests", async () => {
    const summary = await store.recordScan(
      testScanResult({
        at: DAY,
        findings: [volume, port],
        incomplete: [
          { type: "load-balancer.amphora", status: "forbidden", reason: "403 from octavia" },
          // A service the catalog lacks holds nothing: no gap in the history (as in the checks and the metrics).
          { type: "orchestration.stack", status: "absent", reason: "no orchestration endpoint in the catalog" },
        ],
        inconclusive: [{ check: "amphora-in-error", reason: "load-balancer.amphora: forbidden" }],
        requests: 42,
      }),
    );
    expect(summary.newFindings.map((f) => f.id).sort()).toEqual([port.id, volume.id].sort());
    expect(summary.stillOpen).toEqual([]);
    expect(summary.resolvedFindings).toEqual([]);

    const [scan] = await store.listScans();
    expect(scan).toMatchObject({
      cloud: "prod",
      region: "RegionOne",
      startedAt: DAY,
      requests: 42,
      findingsCount: 2,
      coverageComplete: 3,
      coverageIncomplete: 1,
      coverageProblems: [{ type: "load-balancer.amphora", status: "forbidden", reason: "403 from octavia" }],
      inconclusive: [{ check: "amphora-in-error", reason: "load-balancer.amphora: forbidden" }],
      error: null,
    });
    const stored = await store.getFinding(volume.id);
    expect(stored).toMatchObject({
      state: "open",
      firstSeen: DAY,
      lastSeen: DAY,
      timesSeen: 1,
      resolvedAt: null,
      severity: "critical",
      evidence: volume.evidence,
      remediation: volume.remediation,
      resource: volume.resource,
    });
  });

  it("keeps first sight, counts sightings and resolves what a conclusive scan no longer sees", async () => {
    await store.recordScan(testScanResult({ at: DAY, findings: [volume, port] }));
    const second = await store.recordScan(
      testScanResult({
        at: NEXT_DAY,
        findings: [volume],
        checks: [volume.check, port.check],
        completeTypes: ["block-storage.volume", "network.port"],
      }),
    );
    expect(second.newFindings).toEqual([]);
    expect(second.stillOpen.map((f) => f.id)).toEqual([volume.id]);
    expect(second.resolvedFindings.map((f) => [f.id, f.resolvedAt])).toEqual([[port.id, NEXT_DAY]]);

    expect(await store.getFinding(volume.id)).toMatchObject({ firstSeen: DAY, lastSeen: NEXT_DAY, timesSeen: 2 });
    expect(await store.getFinding(port.id)).toMatchObject({ state: "resolved", resolvedAt: NEXT_DAY, lastSeen: DAY });
    expect((await store.findingSightings(volume.id)).map((s) => [s.startedAt, s.isNew])).toEqual([
      [DAY, true],
      [NEXT_DAY, false],
    ]);
  });

  describe("fails closed: an absence the scan cannot prove resolves nothing", () => {
    beforeEach(async () => {
      await store.recordScan(testScanResult({ at: DAY, findings: [volume, port] }));
    });
    const cases: [string, Parameters<typeof testScanResult>[0], string][] = [
      [
        "the check was inconclusive",
        {
          at: NEXT_DAY,
          findings: [volume],
          checks: [volume.check, port.check],
          completeTypes: ["block-storage.volume", "network.port"],
          inconclusive: [{ check: "port-orphaned", reason: "identity.project: truncated (Keystone list_limit)" }],
        },
        "check port-orphaned was inconclusive",
      ],
      [
        "the listing of the resource type was truncated",
        {
          at: NEXT_DAY,
          findings: [volume],
          checks: [volume.check, port.check],
          completeTypes: ["block-storage.volume"],
          incomplete: [{ type: "network.port", status: "truncated", reason: "marker loop" }],
        },
        "the listing of network.port was incomplete",
      ],
      [
        "the check did not run (--checks left it out)",
        {
          at: NEXT_DAY,
          findings: [volume],
          checks: [volume.check],
          completeTypes: ["block-storage.volume", "network.port"],
        },
        "check port-orphaned did not run",
      ],
      [
        "the scan result does not list the checks it ran",
        { at: NEXT_DAY, findings: [volume], checks: null, completeTypes: ["block-storage.volume", "network.port"] },
        "the scan result does not say which checks ran",
      ],
      [
        "the region could not be scanned",
        {
          at: NEXT_DAY,
          findings: [],
          regions: [{ cloud: "prod", region: "RegionOne", error: "authentication failed" }],
          checks: [volume.check, port.check],
          completeTypes: [],
        },
        "the region could not be scanned",
      ],
    ];
    it.each(cases)("when %s", async (_title, spec, reason) => {
      const summary = await store.recordScan(testScanResult(spec));
      expect(summary.resolvedFindings).toEqual([]);
      expect(summary.keptOpen).toContainEqual({ id: port.id, reason });
      expect(await store.getFinding(port.id)).toMatchObject({ state: "open", resolvedAt: null });
    });

    it("when the scan covered another region only", async () => {
      const other = testFinding({ resourceId: "vol-9", region: "RegionTwo" });
      const summary = await store.recordScan(testScanResult({ at: NEXT_DAY, findings: [other] }));
      expect(summary.resolvedFindings).toEqual([]);
      expect(await store.countFindings({ state: "open" })).toBe(3);
    });
  });

  it("a resolved finding that comes back is new again and its grace period starts over", async () => {
    await store.recordScan(testScanResult({ at: DAY, findings: [volume] }));
    await store.recordScan(
      testScanResult({ at: NEXT_DAY, findings: [], checks: [volume.check], completeTypes: ["block-storage.volume"] }),
    );
    expect(await store.getFinding(volume.id)).toMatchObject({ state: "resolved" });

    const back = await store.recordScan(testScanResult({ at: DAY_3, findings: [volume] }));
    expect(back.newFindings.map((f) => f.id)).toEqual([volume.id]);
    expect(await store.getFinding(volume.id)).toMatchObject({
      state: "open",
      firstSeen: DAY,
      openedAt: DAY_3,
      timesSeen: 2,
      resolvedAt: null,
    });
    // Seen on day 1 and day 3, but not continuously: the debounce counts from the return only.
    expect(await store.seenAcrossGrace(volume.id, 24 * 3600)).toBe(false);
  });

  it("answers the remediation debounce: seen in two scans at least the grace period apart and still open", async () => {
    await store.recordScan(testScanResult({ at: DAY, findings: [volume] }));
    expect(await store.seenAcrossGrace(volume.id, 0)).toBe(true); // --grace 0: first sight allowed
    expect(await store.seenAcrossGrace(volume.id, 24 * 3600)).toBe(false);

    await store.recordScan(testScanResult({ at: "2025-03-02T01:59:59.000Z", findings: [volume] }));
    expect(await store.seenAcrossGrace(volume.id, 24 * 3600)).toBe(false); // one second short

    await store.recordScan(testScanResult({ at: NEXT_DAY, findings: [volume] }));
    expect(await store.seenAcrossGrace(volume.id, 24 * 3600)).toBe(true);
    expect(await store.seenAcrossGrace(volume.id, 24 * 3600 + 1)).toBe(false);

    await store.recordScan(
      testScanResult({ at: DAY_3, findings: [], checks: [volume.check], completeTypes: ["block-storage.volume"] }),
    );
    expect(await store.seenAcrossGrace(volume.id, 0)).toBe(false); // resolved
    expect(await store.seenAcrossGrace("no-such-finding", 0)).toBe(false);
    await expect(store.seenAcrossGrace(volume.id, -1)).rejects.toThrow(/grace/);
  });

  it("does not move last sight back when an older result is recorded after a newer one", async () => {
    await store.recordScan(testScanResult({ at: NEXT_DAY, findings: [volume] }));
    const replay = await store.recordScan(
      testScanResult({ at: DAY, findings: [], checks: [volume.check], completeTypes: ["block-storage.volume"] }),
    );
    expect(replay.resolvedFindings).toEqual([]);
    expect(replay.keptOpen).toEqual([{ id: volume.id, reason: "a later scan saw it" }]);
    await store.recordScan(testScanResult({ at: DAY, findings: [volume] }));
    expect(await store.getFinding(volume.id)).toMatchObject({ lastSeen: NEXT_DAY, state: "open" });
  });

  it("filters findings by check, severity, project, cloud, region, state, since, age and text", async () => {
    const hostile = testFinding({ resourceId: "vol-2", name: "<script>alert(1)</script> 100%_off", severity: "info" });
    const east = testFinding({ resourceId: "vol-3", cloud: "edge", region: "east", ageSeconds: 90_000 });
    await store.recordScan(testScanResult({ at: DAY, findings: [volume, port, hostile] }));
    await store.recordScan(testScanResult({ at: "2025-03-01T03:00:00.000Z", findings: [east] }));
    await store.recordScan(
      testScanResult({
        at: NEXT_DAY,
        findings: [volume, hostile],
        checks: [volume.check, port.check],
        completeTypes: ["block-storage.volume", "network.port"],
      }),
    );
    const ids = async (filter: Parameters<HistoryStore["listFindings"]>[0]) =>
      (await store.listFindings(filter)).map((f) => f.resource.id);

    expect(await ids({})).toEqual(["vol-1", "vol-3", "port-1", "vol-2"]); // critical first, then by last sight
    expect(await ids({ check: ["port-orphaned"] })).toEqual(["port-1"]);
    expect(await ids({ severity: ["critical", "info"] })).toEqual(["vol-1", "vol-2"]);
    expect(await ids({ project: "p-gone" })).toEqual(["port-1"]);
    expect(await ids({ cloud: "edge" })).toEqual(["vol-3"]);
    expect(await ids({ region: "RegionOne", state: "open" })).toEqual(["vol-1", "vol-2"]);
    expect(await ids({ state: "resolved" })).toEqual(["port-1"]);
    expect(await ids({ state: "resolved", since: new Date(DAY_3) })).toEqual([]);
    expect(await ids({ state: "new", since: new Date(NEXT_DAY) })).toEqual([]);
    expect(await ids({ state: "new" })).toEqual(["vol-3"]); // seen once so far
    expect(await ids({ since: new Date(NEXT_DAY) })).toEqual(["vol-1", "port-1", "vol-2"]);
    expect(await ids({ minAgeSeconds: 86_400 })).toEqual(["vol-3"]);
    expect(await ids({ text: "100%_" })).toEqual(["vol-2"]);
    expect(await ids({ text: "%" })).toEqual(["vol-2"]); // a literal %, not a wildcard
    expect(await ids({ text: "SCRIPT" })).toEqual(["vol-2"]);
    expect(await ids({ limit: 2, offset: 1 })).toEqual(["vol-3", "port-1"]);
    expect(await store.countFindings({ state: "open" })).toBe(3);
    expect((await store.getFinding(hostile.id))?.resource.name).toBe("<script>alert(1)</script> 100%_off");
  });

  it("counts open findings per region and check, reports each region's last (successful) scan and the trend", async () => {
    await store.recordScan(testScanResult({ at: DAY, findings: [volume, port] }));
    await store.recordScan(
      testScanResult({
        at: NEXT_DAY,
        findings: [volume],
        checks: [volume.check, port.check],
        completeTypes: ["block-storage.volume", "network.port"],
      }),
    );
    await store.recordScan(
      testScanResult({
        at: DAY_3,
        findings: [],
        regions: [{ cloud: "prod", region: "RegionOne", error: "connection refused" }],
      }),
    );

    expect(await store.openCounts()).toEqual([
      {
        cloud: "prod",
        region: "RegionOne",
        check: volume.check,
        severity: "critical",
        resourceType: "block-storage.volume",
        count: 1,
      },
    ]);
    const [status] = await store.regionStatus();
    expect(status?.lastScan.startedAt).toBe(DAY_3);
    expect(status?.lastScan.error).toBe("connection refused");
    expect(status?.lastSuccessAt).toBe(NEXT_DAY);

    const trend = await store.trend();
    expect(
      trend.map((p) => [p.startedAt, p.ok, p.findings, p.bySeverity.critical, p.bySeverity.warning, p.new, p.resolved]),
    ).toEqual([
      [DAY, true, 2, 1, 1, 2, 0],
      [NEXT_DAY, true, 1, 1, 0, 0, 1],
      [DAY_3, false, 0, 0, 0, 0, 0],
    ]);
    expect((await store.trend({ limit: 1 })).map((p) => p.startedAt)).toEqual([DAY_3]);
    expect((await store.listScans({ since: new Date(NEXT_DAY) })).map((s) => s.startedAt)).toEqual([DAY_3, NEXT_DAY]);
  });

  it("keeps the audit log in write order, per plan, with previous state and request ids", async () => {
    const base = {
      planId: "plan-a",
      action: "volume.reset-status",
      cloud: "prod",
      region: "RegionOne",
      resourceType: "block-storage.volume",
      resourceId: "vol-1",
    };
    await store.appendAction({
      ...base,
      step: 1,
      phase: "before",
      previousState: { status: "detaching", attach_status: "attached" },
    });
    await store.appendAction({ ...base, step: 1, phase: "after", outcome: "done", requestIds: ["req-1", "req-2"] });
    await store.appendAction({ ...base, planId: "plan-b", step: 1, phase: "before" });
    await store.appendAction({ ...base, step: 2, phase: "after", outcome: "failed", error: "409 Conflict" });

    const planA = await store.listActions({ planId: "plan-a" });
    expect(planA.map((e) => [e.step, e.phase, e.outcome])).toEqual([
      [1, "before", null],
      [1, "after", "done"],
      [2, "after", "failed"],
    ]);
    expect(planA[0]?.previousState).toEqual({ status: "detaching", attach_status: "attached" });
    expect(planA[1]?.requestIds).toEqual(["req-1", "req-2"]);
    expect(planA[2]?.error).toBe("409 Conflict");
    expect(planA[0]?.at).toBe(clock.toISOString());
    expect((await store.listActions()).length).toBe(4);
  });

  it("lets only one holder take a lock, extends it for its holder, and frees it on expiry or release", async () => {
    expect(await store.acquireLock("apply", "host-a:1", 60)).toEqual({
      acquired: true,
      expiresAt: "2025-03-05T00:01:00.000Z",
    });
    expect(await store.acquireLock("apply", "host-b:2", 60)).toEqual({
      acquired: false,
      holder: "host-a:1",
      acquiredAt: "2025-03-05T00:00:00.000Z",
      expiresAt: "2025-03-05T00:01:00.000Z",
    });
    expect(await store.releaseLock("apply", "host-b:2")).toBe(false); // not theirs
    clock = new Date("2025-03-05T00:00:30Z");
    expect(await store.acquireLock("apply", "host-a:1", 60)).toMatchObject({
      acquired: true,
      expiresAt: "2025-03-05T00:01:30.000Z",
    });

    clock = new Date("2025-03-05T00:01:30Z"); // the holder was killed: the lock expires
    expect(await store.acquireLock("apply", "host-b:2", 60)).toMatchObject({ acquired: true });
    expect(await store.releaseLock("apply", "host-b:2")).toBe(true);
    expect(await store.acquireLock("apply", "host-c:3", 60)).toMatchObject({ acquired: true });
  });

  it("gives a contended lock to exactly one of several processes", async () => {
    const script = fileURLToPath(new URL("../../test/support/store/try-lock.ts", import.meta.url));
    const run = (holder: string) =>
      execFileAsync(process.execPath, ["--import", "tsx", script, handle.location, handle.schema ?? "-", holder]);
    const outputs = await Promise.all(["a", "b"].map(run));
    const results = outputs.map((o) => JSON.parse(o.stdout) as { acquired: boolean; holder?: string });
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    const winner = ["a", "b"][results.findIndex((r) => r.acquired)];
    expect(results.filter((r) => !r.acquired).map((r) => r.holder)).toEqual([winner]);
  });

  it("shares one history between connections and migrates an existing store without losing it", async () => {
    await store.recordScan(testScanResult({ at: DAY, findings: [volume] }));
    const second = await handle.open();
    await second.recordScan(
      testScanResult({ at: NEXT_DAY, findings: [testFinding({ resourceId: "vol-7", region: "RegionTwo" })] }),
    );
    expect(await store.countFindings()).toBe(2);
    expect(await second.getFinding(volume.id)).toMatchObject({ timesSeen: 1 });
  });

  it("records a 5,000-finding scan and its follow-up in one transaction each", async () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      testFinding({ resourceId: `vol-${i}`, severity: i % 10 === 0 ? "critical" : "warning" }),
    );
    const first = await store.recordScan(testScanResult({ at: DAY, findings: many }));
    expect(first.newFindings).toHaveLength(5000);
    const second = await store.recordScan(
      testScanResult({ at: NEXT_DAY, findings: many.slice(0, 4000), completeTypes: ["block-storage.volume"] }),
    );
    expect(second.stillOpen).toHaveLength(4000);
    expect(second.resolvedFindings).toHaveLength(1000);
    expect(await store.countFindings({ state: "open", severity: ["critical"] })).toBe(400);
  });
});
