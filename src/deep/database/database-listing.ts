// What one listing of the database source is: the resource type it yields, and the SELECTs that yield it. Each
// listing lives in its own file under listings/ with its SQL, written once for MySQL/MariaDB and PostgreSQL alike
// (`?` placeholders, `deleted = 0` for Nova's integer flags, `deleted = false` for the others' booleans, no
// date arithmetic: ages are the checks' business).
import type { DeepRecord } from "../deep-source.ts";
import type { SqlRow, SqlValue } from "./read-only-database.ts";
import type { DatabaseService } from "./settings.ts";

export interface DatabaseReader {
  /** One SELECT on a service's database. */
  select(service: DatabaseService, sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** One SELECT on each of Nova's cell databases (cell0 included), by cell name. */
  selectCells(sql: string, params?: readonly SqlValue[]): Promise<Map<string, SqlRow[]>>;
}

export interface DatabaseListing {
  /** A resource type id: a `database.*` type, or an API type this listing stands in for. */
  type: string;
  /** The services whose databases it reads (all must be configured). */
  services: readonly DatabaseService[];
  /** Whether it lists an API type when that API listing fails or its service is absent (records shaped as the API's). */
  standsIn: boolean;
  list(reader: DatabaseReader): Promise<DeepRecord[]>;
}

/** MySQL's tinyint and PostgreSQL's boolean as one boolean. */
export function flag(value: unknown): boolean {
  return value === true || value === 1 || value === "1" || value === "t";
}

/** Splits ids into chunks for `IN (?, ...)` lists that stay well under every server's parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}
