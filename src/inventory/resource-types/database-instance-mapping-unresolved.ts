// Nova API database rows that point nowhere: instance mappings without a cell or build request, build requests left behind once the instance has a cell.
import type { ResourceType } from "../resource-type.ts";

export const databaseInstanceMappingUnresolved: ResourceType = {
  id: "database.instance-mapping-unresolved",
  service: "compute",
  list: { kind: "deep", source: "database" },
  fields: ["instance_uuid", "problem", "project_id", "cell_name", "created_at", "updated_at"],
  idFields: ["instance_uuid"],
  ownerField: "project_id",
  nameField: null,
  show: null,
  references: [],
};
