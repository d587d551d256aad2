// Placement allocations whose consumer is no live instance in any of Nova's cells and no migration: what
// `nova-manage placement audit` finds with a request per resource provider, here with one SELECT on placement and,
// per cell, one SELECT per 500 consumers. A consumer that is an instance of a cell that cannot be read is never
// reported: the listing fails instead.
import { chunks, placeholders, type DatabaseListing } from "../database-listing.ts";

export const placementAllocationsOfNoInstance: DatabaseListing = {
  type: "database.allocation-of-no-instance",
  services: ["placement", "nova"],
  standsIn: false,
  async list(db) {
    const rows = await db.select(
      "placement",
      "SELECT a.consumer_id AS consumer_uuid, rp.uuid AS resource_provider_uuid, " +
        "rc.name AS resource_class, a.resource_class_id, a.used, a.created_at, " +
        "p.external_id AS project_id FROM allocations a " +
        "JOIN resource_providers rp ON rp.id = a.resource_provider_id " +
        "LEFT JOIN resource_classes rc ON rc.id = a.resource_class_id " +
        "LEFT JOIN consumers c ON c.uuid = a.consumer_id LEFT JOIN projects p ON p.id = c.project_id",
    );
    const consumers = [...new Set(rows.map((row) => String(row.consumer_uuid)))];
    const known = new Set<string>();
    for (const part of chunks(consumers)) {
      const list = placeholders(part.length);
      // A migration holds the source host's allocations under its own uuid until it is confirmed or reverted.
      const found = await db.selectCells(
        `SELECT uuid FROM instances WHERE deleted = 0 AND uuid IN (${list}) ` +
          `UNION ALL SELECT uuid FROM migrations WHERE deleted = 0 AND uuid IN (${list})`,
        [...part, ...part],
      );
      for (const cellRows of found.values()) for (const row of cellRows) known.add(String(row.uuid));
    }
    // One record per consumer and provider, as placement's API answers: the resources it holds there.
    const records = new Map<string, Record<string, unknown> & { resources: Record<string, number> }>();
    for (const row of rows) {
      const consumer = String(row.consumer_uuid);
      if (known.has(consumer)) continue;
      const key = `${String(row.resource_provider_uuid)}/${consumer}`;
      const record: Record<string, unknown> & { resources: Record<string, number> } = records.get(key) ?? {
        consumer_uuid: consumer,
        resource_provider_uuid: row.resource_provider_uuid,
        project_id: row.project_id ?? null,
        created_at: row.created_at,
        resources: {},
      };
      // Placement keeps every standard class in resource_classes too; an id without a row is still shown.
      const resourceClass =
        typeof row.resource_class === "string" ? row.resource_class : `resource class ${String(row.resource_class_id)}`;
      record.resources[resourceClass] = Number(row.used);
      records.set(key, record);
    }
    return [...records.values()];
  },
};
