// Barbican containers (a TLS certificate with its key and chain, an RSA key pair) of every project, read from
// Barbican's database for the reason its secrets are (key-manager-secret.ts).
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const keyManagerContainer: ResourceType = listedFromDatabase({
  id: "key-manager.container",
  service: "key-manager",
  fields: ["id", "name", "status", "type", "secret_refs", "creator_id", "created", "updated", "project_id"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
});
