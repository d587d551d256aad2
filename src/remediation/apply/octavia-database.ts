// Octavia's own database, for the one fix the API cannot make: a load balancer stuck in PENDING_* is refused (409)
// by every API call, so its row is set to ERROR, conditionally, after which failover or delete work again.
// Read-only unless the operator passed --allow-db-write.

import type { SqlConnection } from "../../deep/sql-connection.ts";

export interface LoadBalancerRow {
  id: string;
  provisioning_status: string;
  operating_status: string | null;
  updated_at: string | null;
}

export class DatabaseWriteRefusedError extends Error {
  override readonly name = "DatabaseWriteRefusedError";
}

export class OctaviaDatabase {
  readonly #sql: SqlConnection;
  readonly #allowWrite: boolean;

  constructor(sql: SqlConnection, options: { allowWrite: boolean }) {
    this.#sql = sql;
    this.#allowWrite = options.allowWrite;
  }

  async loadBalancerRow(id: string): Promise<LoadBalancerRow | null> {
    const { rows } = await this.#sql.query(
      "SELECT id, provisioning_status, operating_status, updated_at FROM load_balancer WHERE id = ?",
      [id],
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      id: cell(row["id"]) ?? id,
      provisioning_status: cell(row["provisioning_status"]) ?? "",
      operating_status: cell(row["operating_status"]),
      updated_at: cell(row["updated_at"]),
    };
  }

  /**
   * Sets provisioning_status to ERROR only if the row still shows `expected` (so a load balancer that moved on since
   * the plan is left alone). Returns the row as it was, and whether it changed.
   */
  async setLoadBalancerError(
    id: string,
    expected: string,
  ): Promise<{ previous: LoadBalancerRow | null; changed: boolean }> {
    if (!this.#allowWrite) throw new DatabaseWriteRefusedError("writing to Octavia's database needs --allow-db-write");
    const previous = await this.loadBalancerRow(id);
    const { affectedRows } = await this.#sql.query(
      "UPDATE load_balancer SET provisioning_status='ERROR' WHERE id=? AND provisioning_status=?",
      [id, expected],
    );
    return { previous, changed: affectedRows === 1 };
  }

  close(): Promise<void> {
    return this.#sql.close();
  }
}

/** A column as text: MySQL gives DATETIME as a Date, SQLite as text. */
function cell(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number") return String(value);
  return null;
}
