import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testFinding, testScanResult } from "../../../test/support/store/scan-result-builder.ts";
import { testStore, type TestStoreHandle } from "../../../test/support/store/test-stores.ts";

// SQLite only: the migration is written in Kysely's query builder alone, the same statements on PostgreSQL.
describe("migration 0005: placement allocations named by their consumer", () => {
  let handle: TestStoreHandle;
  beforeEach(() => {
    handle = testStore("sqlite");
  });
  afterEach(async () => {
    await handle.cleanup();
  });

  const old = (provider: string) =>
    testFinding({ check: "allocation-orphaned", type: "placement.allocation", resourceId: `${provider}/consumer-1` });
  const renamed = testFinding({ check: "allocation-orphaned", type: "placement.allocation", resourceId: "consumer-1" });

  it("keeps the history of a finding recorded as provider/consumer: the next scan sees it still open", async () => {
    const before = await handle.open();
    await before.recordScan(testScanResult({ at: "2025-03-01T02:00:00.000Z", findings: [old("rp-1")] }));
    await before.recordScan(testScanResult({ at: "2025-03-02T02:00:00.000Z", findings: [old("rp-2")] }));
    await before.close();
    // As if the store had been written by the version before this migration existed.
    const sqlite = new Database(handle.location);
    sqlite.prepare("DELETE FROM kysely_migration WHERE name = '0005-allocation-consumer-ids'").run();
    sqlite.close();

    const after = await handle.open();
    expect(await after.getFinding(old("rp-1").id)).toBeNull();
    expect(await after.getFinding(renamed.id)).toMatchObject({
      resource: { id: "consumer-1" },
      firstSeen: "2025-03-01T02:00:00.000Z",
    });
    const next = await after.recordScan(
      testScanResult({ at: "2025-03-03T02:00:00.000Z", findings: [renamed], completeTypes: ["placement.allocation"] }),
    );
    expect(next.newFindings).toEqual([]);
    expect(next.stillOpen.map((f) => f.id)).toEqual([renamed.id]);
    expect(await after.countFindings()).toBe(1);
  });
});
