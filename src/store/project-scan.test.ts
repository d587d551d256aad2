// A project scan in the history: it resolves only its own project's findings, and the orphans of a project whose
// deletion Keystone announced are open from that deletion (their age and grace period count from it).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Finding } from "../findings/finding.ts";
import type { HistoryStore } from "./history-store.ts";
import { testFinding, testScanResult } from "../../test/support/store/scan-result-builder.ts";
import { TEST_STORE_KINDS, testStore, type TestStoreHandle } from "../../test/support/store/test-stores.ts";

const NIGHT = "2025-03-01T02:00:00.000Z";
const DELETED = "2025-03-01T09:00:00.000Z";
const EVENT_SCAN = "2025-03-01T09:00:02.000Z";

const orphan = (resourceId: string, projectId: string): Finding => {
  const finding = testFinding({ check: "orphaned-resource", resourceId, projectId });
  return { ...finding, resource: { ...finding.resource, projectExists: false } };
};

describe.each(TEST_STORE_KINDS)("a project scan in the history on %s", (kind) => {
  let handle: TestStoreHandle;
  let store: HistoryStore;

  beforeEach(async () => {
    handle = testStore(kind);
    store = await handle.open({ now: () => new Date("2025-03-02T00:00:00Z") });
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  it("resolves nothing of other projects, and is no region's latest full scan", async () => {
    const elsewhere = orphan("vol-other", "p-other");
    await store.recordScan(testScanResult({ at: NIGHT, findings: [elsewhere] }));
    const gone = orphan("vol-gone", "p-gone");
    const summary = await store.recordScan({
      ...testScanResult({ at: EVENT_SCAN, findings: [gone], completeTypes: ["block-storage.volume"] }),
      project: { id: "p-gone", deletedAt: DELETED },
    });
    expect(summary.newFindings.map((f) => f.id)).toEqual([gone.id]);
    expect(summary.resolvedFindings).toEqual([]);
    expect((await store.getFinding(elsewhere.id))?.resolvedAt).toBeNull();
    const [status] = await store.regionStatus();
    expect(status?.lastScan.startedAt).toBe(NIGHT);
    const [latest] = await store.listScans({ limit: 1 });
    expect(latest?.projectId).toBe("p-gone");
  });

  it("opens the deleted project's orphans at the deletion, so the grace period counts from it", async () => {
    const gone = orphan("vol-gone", "p-gone");
    await store.recordScan({
      ...testScanResult({ at: EVENT_SCAN, findings: [gone] }),
      project: { id: "p-gone", deletedAt: DELETED },
    });
    expect((await store.getFinding(gone.id))?.openedAt).toBe(DELETED);
    expect(await store.seenAcrossGrace(gone.id, 2)).toBe(true);
    expect(await store.seenAcrossGrace(gone.id, 3)).toBe(false);
  });

  it("resolves the project's own findings a later project scan proves gone", async () => {
    const gone = orphan("vol-gone", "p-gone");
    await store.recordScan({
      ...testScanResult({ at: EVENT_SCAN, findings: [gone] }),
      project: { id: "p-gone", deletedAt: DELETED },
    });
    const summary = await store.recordScan({
      ...testScanResult({
        at: "2025-03-01T09:05:00.000Z",
        findings: [],
        checks: ["orphaned-resource"],
        completeTypes: ["block-storage.volume"],
      }),
      project: { id: "p-gone", deletedAt: DELETED },
    });
    expect(summary.resolvedFindings.map((f) => f.id)).toEqual([gone.id]);
  });
});
