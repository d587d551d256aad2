// Cinder's quota_usages rows whose in_use differs from what the project really holds, from Cinder's database; the id
// is `<project>/<resource>`.
import type { ResourceType } from "../resource-type.ts";

export const databaseCinderQuotaUsageDrift: ResourceType = {
  id: "database.cinder-quota-usage-drift",
  service: "block-storage",
  list: { kind: "deep", source: "database" },
  fields: ["id", "project_id", "resource", "in_use", "reserved", "actual", "updated_at"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
  show: null,
  references: [],
};
