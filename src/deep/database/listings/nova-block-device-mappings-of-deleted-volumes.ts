// Nova block device mappings of live instances whose volume Cinder deleted (or purged): the server still lists the
// volume, a reboot fails to attach it, and a live migration fails on it. One SELECT per cell for the volume
// mappings of live instances, then one on Cinder per 500 volumes.
import { chunks, placeholders, type DatabaseListing } from "../database-listing.ts";

export const novaBlockDeviceMappingsOfDeletedVolumes: DatabaseListing = {
  type: "database.block-device-mapping-of-deleted-volume",
  services: ["nova", "cinder"],
  standsIn: false,
  async list(db) {
    const byCell = await db.selectCells(
      "SELECT b.id, b.instance_uuid, b.volume_id, b.device_name, b.attachment_id, b.created_at, b.updated_at, " +
        "i.project_id, i.vm_state FROM block_device_mapping b " +
        "JOIN instances i ON i.uuid = b.instance_uuid AND i.deleted = 0 " +
        "WHERE b.deleted = 0 AND b.destination_type = 'volume' AND b.volume_id IS NOT NULL",
    );
    const mappings = [...byCell].flatMap(([cell, rows]) =>
      rows.map((row): Record<string, unknown> => ({ ...row, cell })),
    );
    const volumeIds = [...new Set(mappings.map((mapping) => String(mapping.volume_id)))];
    const volumes = new Map<string, Record<string, unknown>>();
    for (const part of chunks(volumeIds)) {
      const rows = await db.select(
        "cinder",
        `SELECT id, deleted, deleted_at, status FROM volumes WHERE id IN (${placeholders(part.length)})`,
        part,
      );
      for (const row of rows) volumes.set(String(row.id), row);
    }
    const records: Record<string, unknown>[] = [];
    for (const mapping of mappings) {
      const volume = volumes.get(String(mapping.volume_id));
      // A live volume row: this mapping is sound. Cinder flags a deleted row with deleted = 1 and status 'deleted'.
      if (volume !== undefined && volume.status !== "deleted" && volume.deleted !== 1 && volume.deleted !== true)
        continue;
      records.push({
        ...mapping,
        id: `${String(mapping.cell)}/${String(mapping.id)}`,
        volume_row: volume === undefined ? "absent" : "deleted",
        volume_deleted_at: volume?.deleted_at ?? null,
      });
    }
    return records;
  },
};
