// The little stacksweep needs from a SQL database below the API: parameterised statements, rows back, and how many
// rows a write changed. MySQL/MariaDB (the services' own databases) implement it; tests use SQLite.

export interface SqlResult {
  rows: Record<string, unknown>[];
  /** Rows an UPDATE/DELETE changed (0 for a SELECT). */
  affectedRows: number;
}

export interface SqlConnection {
  /** One statement with `?` placeholders; values are always bound, never spliced into the text. */
  query(sql: string, params: readonly (string | number | null)[]): Promise<SqlResult>;
  close(): Promise<void>;
}
