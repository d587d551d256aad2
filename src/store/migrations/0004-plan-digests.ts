// The digest of every plan `plan` or `purge` wrote, so `apply` executes only a plan this store saw made, unchanged.

import type { Kysely, Migration } from "kysely";

export const planDigests: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("plans")
      .addColumn("id", "varchar(64)", (c) => c.primaryKey())
      .addColumn("digest", "varchar(80)", (c) => c.notNull())
      .addColumn("cloud", "varchar(255)", (c) => c.notNull())
      .addColumn("region", "varchar(255)", (c) => c.notNull())
      .addColumn("created_at", "varchar(32)", (c) => c.notNull())
      .addColumn("recorded_at", "varchar(32)", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("plans").execute();
  },
};
