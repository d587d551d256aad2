// Keystone application credentials of every user, read from Keystone's database. Its API lists them one user at a time
// (GET /v3/users/{user_id}/application_credentials), one call per user of the cloud, and a user Keystone no longer
// knows (gone from LDAP) cannot be asked for at all. Keystone deletes a user's application credentials with the user,
// not a project's with the project: those keep a secret that authenticates no more, named by nobody.
// The id is `<user_id>/<id>`: Keystone shows and deletes one only under its user's path.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const identityApplicationCredential: ResourceType = {
  ...listedFromDatabase({
    id: "identity.application-credential",
    service: "identity",
    // Never the secret's hash: a secret never reaches a record.
    fields: ["id", "name", "user_id", "project_id", "expires_at", "unrestricted", "description"],
    idFields: ["user_id", "id"],
    ownerField: "project_id",
    nameField: "name",
  }),
  references: [{ path: "user_id", target: "identity.user" }],
};
