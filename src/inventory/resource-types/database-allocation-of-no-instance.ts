// Placement allocations whose consumer is no live instance in any Nova cell and no migration, from the placement and Nova cell databases; one record per consumer and provider, as placement's API has it.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseAllocationOfNoInstance: ResourceType = listedFromDatabase({
  id: "database.allocation-of-no-instance",
  service: "placement",
  fields: ["consumer_uuid", "resource_provider_uuid", "project_id", "resources", "created_at"],
  idFields: ["resource_provider_uuid", "consumer_uuid"],
  ownerField: "project_id",
  nameField: null,
});
