// Nova API database rows that point nowhere: instance mappings without a cell or build request, build requests left behind once the instance has a cell.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseInstanceMappingUnresolved: ResourceType = listedFromDatabase({
  id: "database.instance-mapping-unresolved",
  service: "compute",
  fields: ["instance_uuid", "problem", "project_id", "cell_name", "created_at", "updated_at"],
  idFields: ["instance_uuid"],
  ownerField: "project_id",
  nameField: null,
});
