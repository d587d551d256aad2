// A connection to a service's MySQL/MariaDB database (Octavia's, for the opt-in fix of stuck load balancers), with
// mysql2. The URL's password never appears in an error: connection failures name the host and database only.

import mysql from "mysql2/promise";
import type { SqlConnection, SqlResult } from "./sql-connection.ts";

export interface MysqlConnectionOptions {
  /** `mysql://user[:password]@host[:port]/database`. */
  url: string;
  /** Overrides the URL's password (from an environment variable, so it stays out of stacksweep.yaml). */
  password?: string;
  connectTimeoutMs?: number;
}

export async function openMysqlConnection(options: MysqlConnectionOptions): Promise<SqlConnection> {
  const url = new URL(options.url);
  if (url.protocol !== "mysql:")
    throw new Error(`database url: expected mysql://user@host:port/database, got ${url.protocol}//...`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  const where = `${url.hostname}:${url.port || "3306"}/${database}`;
  let connection: mysql.Connection;
  try {
    connection = await mysql.createConnection({
      host: url.hostname,
      port: url.port === "" ? 3306 : Number(url.port),
      user: decodeURIComponent(url.username),
      password: options.password ?? decodeURIComponent(url.password),
      database,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`cannot connect to the database at ${where}${typeof code === "string" ? ` (${code})` : ""}`, {
      cause: error,
    });
  }
  return {
    async query(sql, params): Promise<SqlResult> {
      const [result] = await connection.query(sql, [...params]);
      if (Array.isArray(result)) return { rows: result as Record<string, unknown>[], affectedRows: 0 };
      return { rows: [], affectedRows: (result as { affectedRows: number }).affectedRows };
    },
    close: () => connection.end(),
  };
}
