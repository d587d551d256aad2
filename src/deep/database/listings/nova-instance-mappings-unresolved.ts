// Nova API database rows that point nowhere: an instance mapping with no cell and no build request (the boot died
// between the two, and `openstack server show` answers 404 for an instance it counts in quotas), and a build
// request whose mapping has a cell already (the conductor created the instance but did not delete the request:
// the server is listed twice while it lasts).
import type { DatabaseListing } from "../database-listing.ts";

export const novaInstanceMappingsUnresolved: DatabaseListing = {
  type: "database.instance-mapping-unresolved",
  services: ["nova"],
  standsIn: false,
  async list(db) {
    const withoutCell = await db.select(
      "nova",
      "SELECT im.instance_uuid, im.project_id, im.created_at, im.updated_at FROM instance_mappings im " +
        "LEFT JOIN build_requests br ON br.instance_uuid = im.instance_uuid " +
        "WHERE im.cell_id IS NULL AND br.id IS NULL",
    );
    const leftBehind = await db.select(
      "nova",
      "SELECT br.instance_uuid, br.project_id, br.created_at, br.updated_at, c.name AS cell_name " +
        "FROM build_requests br JOIN instance_mappings im ON im.instance_uuid = br.instance_uuid " +
        "JOIN cell_mappings c ON c.id = im.cell_id",
    );
    return [
      ...withoutCell.map((row) => ({ ...row, problem: "mapping-without-cell" })),
      ...leftBehind.map((row) => ({ ...row, problem: "build-request-left-behind" })),
    ];
  },
};
