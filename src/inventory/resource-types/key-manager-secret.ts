// Barbican secrets of every project, read from Barbican's database. Its API cannot list them: GET /v1/secrets filters
// by the token's project for an admin too (barbican/api/controllers/secrets.py get_secret_list(external_project_id))
// and has no all-projects parameter, and a deleted project cannot be scoped to. The records are shaped as the API's
// (`created`, `updated`), with the owner the API leaves out.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const keyManagerSecret: ResourceType = listedFromDatabase({
  id: "key-manager.secret",
  service: "key-manager",
  fields: [
    "id",
    "name",
    "status",
    "secret_type",
    "algorithm",
    "bit_length",
    "expiration",
    "creator_id",
    "created",
    "updated",
    "project_id",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
});
