// Cinder's quota usages that differ from what the project really holds: `quota_usages.in_use` against the counts
// and sums Cinder's own quota sync computes (cinder/db/sqlalchemy/api.py `_sync_*`): volumes and their gigabytes,
// snapshots and theirs (counted in `gigabytes` too, as with the default no_snapshot_gb_quota = False), backups and
// backup gigabytes, and per volume type `volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`. Rows Cinder does
// not track for quota (`use_quota = false`: a migration's temporary volume) are not counted. One SELECT per table.
import type { DatabaseListing } from "../database-listing.ts";

type Totals = Map<string, number>;

function add(totals: Totals, project: unknown, resource: string, value: unknown): void {
  const key = `${String(project)} ${resource}`;
  totals.set(key, (totals.get(key) ?? 0) + Number(value ?? 0));
}

export const cinderQuotaUsageDrift: DatabaseListing = {
  type: "database.cinder-quota-usage-drift",
  services: ["cinder"],
  standsIn: false,
  async list(db) {
    const usages = await db.select(
      "cinder",
      "SELECT project_id, resource, in_use, reserved, updated_at FROM quota_usages WHERE deleted = false",
    );
    const real: Totals = new Map();
    // Volumes and snapshots count alike: each in its own resource, its size in `gigabytes`, both per volume type.
    for (const [table, resource, size] of [
      ["volumes", "volumes", "size"],
      ["snapshots", "snapshots", "volume_size"],
    ] as const) {
      const rows = await db.select(
        "cinder",
        `SELECT c.project_id, t.name AS volume_type, COUNT(*) AS count, SUM(c.${size}) AS size FROM ${table} c ` +
          "LEFT JOIN volume_types t ON t.id = c.volume_type_id WHERE c.deleted = false AND c.use_quota = true " +
          "GROUP BY c.project_id, t.name",
      );
      for (const row of rows) {
        add(real, row.project_id, resource, row.count);
        add(real, row.project_id, "gigabytes", row.size);
        add(real, row.project_id, `${resource}_${String(row.volume_type)}`, row.count);
        add(real, row.project_id, `gigabytes_${String(row.volume_type)}`, row.size);
      }
    }
    const backups = await db.select(
      "cinder",
      "SELECT project_id, COUNT(*) AS count, SUM(size) AS size FROM backups WHERE deleted = false GROUP BY project_id",
    );
    for (const row of backups) {
      add(real, row.project_id, "backups", row.count);
      add(real, row.project_id, "backup_gigabytes", row.size);
    }
    const counted = /^(volumes|gigabytes|snapshots|backups|backup_gigabytes)(_.+)?$/;
    return usages
      .filter((usage) => counted.test(String(usage.resource)))
      .map((usage) => ({
        id: `${String(usage.project_id)}/${String(usage.resource)}`,
        project_id: usage.project_id,
        resource: usage.resource,
        in_use: Number(usage.in_use),
        reserved: Number(usage.reserved),
        actual: real.get(`${String(usage.project_id)} ${String(usage.resource)}`) ?? 0,
        updated_at: usage.updated_at,
      }))
      .filter((usage) => usage.in_use !== usage.actual);
  },
};
