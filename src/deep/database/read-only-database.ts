// One read-only session on a service's database, MySQL/MariaDB (mysql2) or PostgreSQL (pg). The session is made
// read-only before the first statement, every statement must be a SELECT and runs under a timeout, and every
// error is one line naming the service and `host:port/database`, never the credentials.
// The drivers are loaded by the dialect that needs them, when a database is read: a scan without --deep database
// (nearly all of them) never pays their start-up.
import type mysql from "mysql2/promise";
import type pg from "pg";
import type { DatabaseUrl, SqlDialect } from "./database-url.ts";

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

export interface ReadOnlyDatabase {
  readonly dialect: SqlDialect;
  /** "the glance database at 127.0.0.1:3306/glance": how errors name it. */
  readonly label: string;
  /** One SELECT with `?` placeholders (bound, never spliced). Timestamps come back as OpenStack writes them. */
  select(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The service whose database this is ("glance", "nova cell1"), for errors. */
  service: string;
  url: DatabaseUrl;
  /** Overrides the URL's password (from `passwordEnv`). */
  password?: string | undefined;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
}

/** An error of reading a database: its message is the coverage's reason, so it is one line and holds no secret. */
export class DatabaseReadError extends Error {
  override readonly name = "DatabaseReadError";
}

export async function openReadOnlyDatabase(options: OpenOptions): Promise<ReadOnlyDatabase> {
  return options.url.dialect === "mysql" ? openMysql(options) : openPostgresql(options);
}

const READ_ONLY = /^\s*(SELECT|WITH)\s/i;

function assertSelect(sql: string): void {
  // Defence in depth: the session is read-only already, but no other statement is ever meant to reach it.
  if (!READ_ONLY.test(sql) || sql.includes(";")) throw new Error(`not a single SELECT: ${sql.slice(0, 40)}`);
}

async function openMysql(options: OpenOptions): Promise<ReadOnlyDatabase> {
  const { url } = options;
  const label = `the ${options.service} database at ${url.where}`;
  const { default: driver } = await import("mysql2/promise");
  let connection: mysql.Connection;
  try {
    connection = await driver.createConnection({
      ...(url.socket === undefined ? { host: url.host, port: url.port } : { socketPath: url.socket }),
      user: url.user,
      password: options.password ?? url.password ?? "",
      database: url.database,
      connectTimeout: options.connectTimeoutMs,
      // OpenStack stores UTC without a zone: strings, not Dates shifted by the scanner's own zone.
      dateStrings: true,
      supportBigNumbers: true,
    });
  } catch (error) {
    throw new DatabaseReadError(`cannot open ${label}: ${describe(error)}`, { cause: error });
  }
  try {
    await connection.query("SET SESSION TRANSACTION READ ONLY");
  } catch (error) {
    await connection.end().catch(() => undefined);
    throw new DatabaseReadError(`${label} refused a read-only session: ${describe(error)}`, { cause: error });
  }
  // The server ends a statement that outlives the timeout too (MariaDB's name, then MySQL's, which counts in ms);
  // a server with neither still has the client's timeout below.
  const seconds = Math.ceil(options.statementTimeoutMs / 1000);
  await connection
    .query(`SET SESSION max_statement_time = ${seconds}`)
    .catch(() => connection.query(`SET SESSION max_execution_time = ${seconds * 1000}`))
    .catch(() => undefined);
  return {
    dialect: "mysql",
    label,
    async select(sql, params = []) {
      assertSelect(sql);
      try {
        const [rows] = await connection.query({ sql, timeout: options.statementTimeoutMs }, [...params]);
        return (rows as SqlRow[]).map(normalizeRow);
      } catch (error) {
        throw new DatabaseReadError(`${label}: ${describe(error)}`, { cause: error });
      }
    },
    close: () => connection.end().catch(() => undefined),
  };
}

async function openPostgresql(options: OpenOptions): Promise<ReadOnlyDatabase> {
  const { url } = options;
  const label = `the ${options.service} database at ${url.where}`;
  const { default: driver } = await import("pg");
  const client = new driver.Client({
    host: url.socket ?? url.host,
    port: url.port,
    user: url.user,
    password: options.password ?? url.password ?? "",
    database: url.database,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1000,
    // Read-only from the session's first statement on.
    options: "-c default_transaction_read_only=on",
    types: postgresqlTypes(driver),
  });
  // An error after connecting (the server went away) must not crash the process: the next query reports it.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseReadError(`cannot open ${label}: ${describe(error)}`, { cause: error });
  }
  return {
    dialect: "postgresql",
    label,
    async select(sql, params = []) {
      assertSelect(sql);
      let n = 0;
      try {
        const result = await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          [...params],
        );
        return result.rows.map(normalizeRow);
      } catch (error) {
        throw new DatabaseReadError(`${label}: ${describe(error)}`, { cause: error });
      }
    },
    close: () => client.end().catch(() => undefined),
  };
}

/** Timestamps and dates as text (OpenStack's UTC without a zone), 64-bit integers and numerics as numbers. */
function postgresqlTypes(driver: typeof pg): pg.TypeOverrides {
  const types = new driver.TypeOverrides();
  const { TIMESTAMP, TIMESTAMPTZ, DATE, INT8, NUMERIC } = driver.types.builtins;
  for (const oid of [TIMESTAMP, TIMESTAMPTZ, DATE]) types.setTypeParser(oid, (value: string) => value);
  for (const oid of [INT8, NUMERIC]) types.setTypeParser(oid, (value: string) => Number(value));
  return types;
}

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** `2026-11-24 22:34:24` (a DATETIME column) becomes the API's `2026-11-24T22:34:24`; counts become numbers. */
function normalizeRow(row: SqlRow): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === "string" && DATETIME.test(value)) out[key] = value.replace(" ", "T");
    else if (typeof value === "bigint") out[key] = Number(value);
    else out[key] = value;
  }
  return out;
}

/** The driver's error in one line, from its code: never its full text, which for some drivers echoes the DSN. */
function describe(error: unknown): string {
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === "string" ? raw : undefined;
  const text = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ER_ACCESS_DENIED_ERROR":
    case "28P01":
    case "28000":
      return `access denied: wrong user or password (${code})`;
    case "ER_DBACCESS_DENIED_ERROR":
    case "ER_TABLEACCESS_DENIED_ERROR":
    case "42501":
      return `permission denied: the user needs GRANT SELECT on this database (${code})`;
    case "ER_BAD_DB_ERROR":
    case "3D000":
      return `no such database (${code})`;
    case "ER_NO_SUCH_TABLE":
    case "42P01": {
      const table = /Table '([^']+)'|relation "([^"]+)"/.exec(text);
      const name = table === null ? "" : ` ${(table[1] ?? table[2])!}`;
      return `no table${name}: an older release, or not this service's database (${code})`;
    }
    case "ER_BAD_FIELD_ERROR":
    case "42703": {
      const column = /column '([^']+)'|column "([^"]+)"/.exec(text);
      const name = column === null ? "" : ` ${(column[1] ?? column[2])!}`;
      return `no column${name}: a release stacksweep does not know, or not this service's database (${code})`;
    }
    case "ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION":
    case "25006":
      return `refused: the session is read-only (${code})`;
    case "PROTOCOL_SEQUENCE_TIMEOUT":
    case "ER_STATEMENT_TIMEOUT":
    case "57014":
      return `a statement ran past the timeout (${code})`;
    default:
      if (code !== undefined) return code;
      if (/timeout/i.test(text)) return "timed out";
      return /password|:\/\//i.test(text) ? "failed" : text.split("\n")[0]!;
  }
}
