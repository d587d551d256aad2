// Live Cinder rows (attachments, volume/admin/Glance metadata, snapshot metadata) whose parent row is deleted or gone, from Cinder's database; the id is `<table>/<row id>`.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseCinderRowOfDeletedParent: ResourceType = listedFromDatabase({
  id: "database.cinder-row-of-deleted-parent",
  service: "block-storage",
  fields: [
    "id",
    "table",
    "row_id",
    "parent_table",
    "parent_id",
    "parent_row",
    "parent_deleted_at",
    "instance_uuid",
    "attach_status",
    "attached_host",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: null,
  nameField: null,
});
