// Project scans (the orphan manager's scan of one deleted project): a scan row says which project it covered, so
// the history never takes one for a scan of the whole region.

import type { Kysely, Migration } from "kysely";

export const projectScans: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("scans").addColumn("project_id", "varchar(255)").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("scans").dropColumn("project_id").execute();
  },
};
