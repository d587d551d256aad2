// Live Cinder rows whose parent row is deleted or gone: the set sapcc/openstack-nannies' cinder consistency job
// looks for (attachments, volume metadata, admin metadata and Glance metadata of deleted volumes, snapshot metadata
// of deleted snapshots). Cinder's API shows none of them (a deleted volume's attachments and metadata are not
// listed), yet a leftover attachment keeps the server's block device mapping and the host's connection alive.
// One SELECT per table: their ids are of different types, which PostgreSQL will not UNION.
import type { DatabaseListing } from "../database-listing.ts";

/** Child table, its column naming the parent, and the parent table. */
const TABLES = [
  ["volume_attachment", "volume_id", "volumes", ", c.instance_uuid, c.attach_status, c.attached_host"],
  ["volume_metadata", "volume_id", "volumes", ""],
  ["volume_admin_metadata", "volume_id", "volumes", ""],
  ["volume_glance_metadata", "volume_id", "volumes", ""],
  ["snapshot_metadata", "snapshot_id", "snapshots", ""],
] as const;

export const cinderRowsOfDeletedParents: DatabaseListing = {
  type: "database.cinder-row-of-deleted-parent",
  services: ["cinder"],
  standsIn: false,
  async list(db) {
    const records: Record<string, unknown>[] = [];
    for (const [table, parentColumn, parentTable, extra] of TABLES) {
      const rows = await db.select(
        "cinder",
        `SELECT c.id, c.${parentColumn} AS parent_id, c.created_at, c.updated_at, p.id AS parent_row, ` +
          `p.deleted_at AS parent_deleted_at${extra} FROM ${table} c ` +
          `LEFT JOIN ${parentTable} p ON p.id = c.${parentColumn} ` +
          `WHERE c.deleted = false AND c.${parentColumn} IS NOT NULL AND (p.id IS NULL OR p.deleted = true)`,
      );
      for (const { id, parent_row, ...row } of rows) {
        records.push({
          id: `${table}/${String(id)}`,
          table,
          row_id: String(id),
          parent_table: parentTable,
          parent_row: parent_row === null ? "absent" : "deleted",
          ...row,
        });
      }
    }
    return records;
  },
};
