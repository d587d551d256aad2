// Opens the Kysely connection for a store location and brings its schema up to date. The database drivers are
// imported only when needed, so a PostgreSQL-only install never loads the better-sqlite3 native addon.

import { dirname } from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { ConfigError } from "../config/errors.ts";
import { createFolders } from "../config/paths.ts";
import { migrationProvider } from "./migrations/index.ts";
import type { StoreDialect } from "./store-dialect.ts";
import { StoreError } from "./store-error.ts";
import { describeStoreLocation, redactStoreUrl, type StoreLocation } from "./store-location.ts";
import type { StoreDatabase } from "./schema.ts";

export interface OpenDatabaseOptions {
  /** PostgreSQL only: the schema to use (created when missing), so that tests or tenants can share one database. */
  schema?: string;
}

export async function openDatabase(
  location: StoreLocation,
  options: OpenDatabaseOptions = {},
): Promise<{ db: Kysely<StoreDatabase>; dialect: StoreDialect }> {
  const shown = describeStoreLocation(location);
  const db =
    location.dialect === "sqlite"
      ? await openSqlite(location.path, shown)
      : await openPostgres(location.url, shown, options.schema);
  try {
    await migrate(db, location.dialect);
  } catch (error) {
    await db.destroy();
    throw new StoreError(shown, `cannot migrate the schema: ${causeOf(error, location)}`);
  }
  return { db, dialect: location.dialect };
}

async function openSqlite(path: string, shown: string): Promise<Kysely<StoreDatabase>> {
  // 0700: the history names every project and resource of the cloud. One level at a time, never a recursive mkdir
  // (which spins forever under /proc); a folder that cannot be made is one ConfigError line.
  try {
    createFolders(dirname(path), { file: "history store", key: shown });
  } catch (error) {
    throw new StoreError(
      shown,
      `cannot open the SQLite file: ${error instanceof ConfigError ? error.expected : String(error)}`,
    );
  }
  const { default: Database } = await import("better-sqlite3");
  try {
    const database = new Database(path);
    // WAL lets the dashboard read while a scan writes; busy_timeout makes a second writer wait instead of failing.
    database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 10000");
    database.pragma("foreign_keys = ON");
    return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
  } catch (error) {
    throw new StoreError(
      shown,
      `cannot open the SQLite file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function openPostgres(url: string, shown: string, schema: string | undefined): Promise<Kysely<StoreDatabase>> {
  const { default: pg } = await import("pg");
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError(shown, `schema "${schema}" is not a plain lower-case identifier`);
  }
  if (schema !== undefined) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      throw new StoreError(shown, `cannot connect: ${causeOf(error, { dialect: "postgres", url })}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: 10_000,
    application_name: "stacksweep",
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's error (server restart) is emitted on the pool; without a listener it would crash the process.
  pool.on("error", () => undefined);
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Kysely<StoreDatabase>, dialect: StoreDialect): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error("migration failed", { cause: error });
}

/** The driver's message without anything that could carry the password. */
function causeOf(error: unknown, location: StoreLocation): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause =
    error instanceof AggregateError
      ? error.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join("; ")
      : "";
  const text = message === "" ? cause : message;
  return location.dialect === "postgres"
    ? redactStoreUrl(text).replaceAll(location.url, redactStoreUrl(location.url))
    : text;
}
