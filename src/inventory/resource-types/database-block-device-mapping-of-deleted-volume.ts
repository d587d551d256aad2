// Nova block device mappings of live instances whose volume Cinder deleted or purged, from the cell and Cinder databases; the id is `<cell>/<row id>`.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseBlockDeviceMappingOfDeletedVolume: ResourceType = listedFromDatabase({
  id: "database.block-device-mapping-of-deleted-volume",
  service: "compute",
  fields: [
    "id",
    "cell",
    "instance_uuid",
    "volume_id",
    "device_name",
    "attachment_id",
    "project_id",
    "vm_state",
    "volume_row",
    "volume_deleted_at",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
});
