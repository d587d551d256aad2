// Every migration, imported statically (so they run from `dist/` and in tests) and applied in name order.

import type { Migration, MigrationProvider } from "kysely";
import type { StoreDialect } from "../store-dialect.ts";
import { initialSchema } from "./0001-initial.ts";
import { findingContext } from "./0002-finding-context.ts";
import { projectScans } from "./0003-project-scans.ts";
import { planDigests } from "./0004-plan-digests.ts";
import { allocationConsumerIds } from "./0005-allocation-consumer-ids.ts";

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    "0001-initial": initialSchema(dialect),
    "0002-finding-context": findingContext,
    "0003-project-scans": projectScans,
    "0004-plan-digests": planDigests,
    "0005-allocation-consumer-ids": allocationConsumerIds,
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
