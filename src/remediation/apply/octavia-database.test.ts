import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DatabaseWriteRefusedError, OctaviaDatabase } from "./octavia-database.ts";
import type { SqlConnection } from "../../deep/sql-connection.ts";

// Octavia's load_balancer table (the columns the fix reads), on SQLite: the same statements run as on MySQL.
let db: Database.Database;
let sql: SqlConnection;
beforeEach(() => {
  db = new Database(":memory:");
  db.exec(
    "CREATE TABLE load_balancer (id TEXT PRIMARY KEY, provisioning_status TEXT NOT NULL, operating_status TEXT, updated_at TEXT)",
  );
  db.prepare("INSERT INTO load_balancer VALUES (?, ?, ?, ?)").run(
    "lb-1",
    "PENDING_UPDATE",
    "ONLINE",
    "2024-05-01 10:00:00",
  );
  db.prepare("INSERT INTO load_balancer VALUES (?, ?, ?, ?)").run("lb-2", "ACTIVE", "ONLINE", "2024-05-01 10:00:00");
  sql = {
    query(text, params) {
      const statement = db.prepare(text);
      if (statement.reader)
        return Promise.resolve({ rows: statement.all(...params) as Record<string, unknown>[], affectedRows: 0 });
      return Promise.resolve({ rows: [], affectedRows: statement.run(...params).changes });
    },
    close: () => Promise.resolve(),
  };
});
afterEach(() => db.close());

const status = (id: string): unknown =>
  (db.prepare("SELECT provisioning_status FROM load_balancer WHERE id = ?").get(id) as { provisioning_status: string })
    .provisioning_status;

describe("OctaviaDatabase", () => {
  it("sets a stuck load balancer to ERROR and returns the row as it was", async () => {
    const octavia = new OctaviaDatabase(sql, { allowWrite: true });
    const { previous, changed } = await octavia.setLoadBalancerError("lb-1", "PENDING_UPDATE");
    expect(changed).toBe(true);
    expect(previous).toEqual({
      id: "lb-1",
      provisioning_status: "PENDING_UPDATE",
      operating_status: "ONLINE",
      updated_at: "2024-05-01 10:00:00",
    });
    expect(status("lb-1")).toBe("ERROR");
    expect(status("lb-2")).toBe("ACTIVE");
  });

  it("changes nothing when the row no longer shows the status the plan saw", async () => {
    const octavia = new OctaviaDatabase(sql, { allowWrite: true });
    const { changed } = await octavia.setLoadBalancerError("lb-2", "PENDING_UPDATE");
    expect(changed).toBe(false);
    expect(status("lb-2")).toBe("ACTIVE");
  });

  it("refuses to write without --allow-db-write", async () => {
    const octavia = new OctaviaDatabase(sql, { allowWrite: false });
    await expect(octavia.setLoadBalancerError("lb-1", "PENDING_UPDATE")).rejects.toBeInstanceOf(
      DatabaseWriteRefusedError,
    );
    expect(status("lb-1")).toBe("PENDING_UPDATE");
  });
});
