// What reports show beside a finding: its project's and domain's names, and what the resource holds (GiB, vCPU,
// RAM), so that the dashboard can say what the debris costs. Null in rows recorded before.

import type { Kysely, Migration } from "kysely";

export const findingContext: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("findings").addColumn("project_name", "varchar(255)").execute();
    await db.schema.alterTable("findings").addColumn("domain_name", "varchar(255)").execute();
    await db.schema.alterTable("findings").addColumn("holds", "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const column of ["holds", "domain_name", "project_name"]) {
      await db.schema.alterTable("findings").dropColumn(column).execute();
    }
  },
};
