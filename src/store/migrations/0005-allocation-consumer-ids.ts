// Placement allocation findings are named by their consumer alone (what `openstack resource provider allocation show`
// takes) instead of `<provider>/<consumer>`: the findings recorded under the old name get the new name and the id it
// hashes to, with the scans that saw them, so their history goes on instead of resolving and opening anew.

import { createHash } from "node:crypto";
import type { Kysely, Migration } from "kysely";
import type { StoreDatabase } from "../schema.ts";

/** The finding id rule as it stands at this migration (src/findings/finding.ts), frozen here with it. */
function findingId(check: string, cloud: string, region: string, type: string, resourceId: string): string {
  return createHash("sha256")
    .update(`${check}\0${cloud}\0${region}\0${type}\0${resourceId}`)
    .digest("hex")
    .slice(0, 20);
}

export const allocationConsumerIds: Migration = {
  async up(untyped: Kysely<unknown>): Promise<void> {
    const db = untyped as Kysely<StoreDatabase>;
    const rows = await db
      .selectFrom("findings")
      .selectAll()
      .where("resource_type", "=", "placement.allocation")
      .where("resource_id", "like", "%/%")
      .orderBy("last_seen")
      .execute();
    for (const row of rows) {
      const consumer = row.resource_id.slice(row.resource_id.indexOf("/") + 1);
      const id = findingId(row.check_id, row.cloud, row.region, row.resource_type, consumer);
      const kept = await db.selectFrom("findings").selectAll().where("id", "=", id).executeTakeFirst();
      if (kept === undefined) {
        await db
          .insertInto("findings")
          .values({ ...row, id, resource_id: consumer })
          .execute();
      } else {
        // The same consumer was also named through another of its providers: one history. Rows come oldest last
        // sighting first, so this one carries the current state; the episode spans both.
        await db
          .updateTable("findings")
          .set({
            ...row,
            id,
            resource_id: consumer,
            first_seen: kept.first_seen < row.first_seen ? kept.first_seen : row.first_seen,
            opened_at: kept.resolved_at === null && kept.opened_at < row.opened_at ? kept.opened_at : row.opened_at,
            times_seen: kept.times_seen + row.times_seen,
          })
          .where("id", "=", id)
          .execute();
      }
      for (const seen of await db.selectFrom("scan_findings").selectAll().where("finding_id", "=", row.id).execute()) {
        const clash = await db
          .selectFrom("scan_findings")
          .select("scan_id")
          .where("scan_id", "=", seen.scan_id)
          .where("finding_id", "=", id)
          .executeTakeFirst();
        if (clash === undefined)
          await db
            .insertInto("scan_findings")
            .values({ ...seen, finding_id: id })
            .execute();
      }
      await db.deleteFrom("scan_findings").where("finding_id", "=", row.id).execute();
      await db.deleteFrom("findings").where("id", "=", row.id).execute();
    }
  },
  // The old names cannot be told from the new ones: nothing to undo that would be right.
  async down(): Promise<void> {},
};
