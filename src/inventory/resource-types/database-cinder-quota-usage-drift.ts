// Cinder's quota_usages rows whose in_use differs from what the project really holds, from Cinder's database; the id
// is `<project>/<resource>`.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseCinderQuotaUsageDrift: ResourceType = listedFromDatabase({
  id: "database.cinder-quota-usage-drift",
  service: "block-storage",
  fields: ["id", "project_id", "resource", "in_use", "reserved", "actual", "updated_at"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
});
