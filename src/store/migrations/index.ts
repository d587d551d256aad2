// Every migration, imported statically (so they run from `dist/` and in tests) and applied in name order.

import type { Migration, MigrationProvider } from "kysely";
import type { StoreDialect } from "../store-dialect.ts";
import { initialSchema } from "./0001-initial.ts";
import { planDigests } from "./0004-plan-digests.ts";

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    "0001-initial": initialSchema(dialect),
    "0004-plan-digests": planDigests,
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
