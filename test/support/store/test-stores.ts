// The two stores every store test runs against: a fresh SQLite file, and a fresh schema in a real PostgreSQL
// (STACKSWEEP_TEST_PG_URL, else the one test/support/services/postgres.ts starts for the run). PostgreSQL being unreachable
// fails the tests: it is never skipped.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { HistoryStore } from "../../../src/store/history-store.ts";

export const TEST_PG_URL = inject("stacksweepTestPgUrl");

export type TestStoreKind = "sqlite" | "postgres";
export const TEST_STORE_KINDS: readonly TestStoreKind[] = ["sqlite", "postgres"];

export interface TestStoreHandle {
  /** Opens another connection to the same store (a second process, a second scanner). */
  open(options?: { now?: () => Date }): Promise<HistoryStore>;
  /** Where the store is, as `--store` takes it (plus the schema for PostgreSQL). */
  location: string;
  schema: string | undefined;
  cleanup(): Promise<void>;
}

export function testStore(kind: TestStoreKind): TestStoreHandle {
  const opened: HistoryStore[] = [];
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "stacksweep-store-"));
    const location = join(dir, "history.sqlite");
    return {
      location,
      schema: undefined,
      async open(options = {}) {
        const store = await HistoryStore.open({ location, ...options });
        opened.push(store);
        return store;
      },
      async cleanup() {
        for (const store of opened) await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  return {
    location: TEST_PG_URL,
    schema,
    async open(options = {}) {
      const store = await HistoryStore.open({ location: TEST_PG_URL, schema, ...options });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.close();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
