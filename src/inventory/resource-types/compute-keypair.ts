// Nova key pairs of every user, read from Nova's API database (`key_pairs`). Nova scopes key pairs by user, not by
// project, and its API lists one user's at a time (GET /os-keypairs?user_id=, microversion 2.10, admin only): one call
// per user, and a deleted user's key pairs, which Nova keeps, are found only by asking for an id nobody has any more.
// The id is `<user_id>/<name>`: a name is unique per user only (`openstack keypair show --user <user_id> <name>`).
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const computeKeypair: ResourceType = {
  ...listedFromDatabase({
    id: "compute.keypair",
    service: "compute",
    fields: ["name", "user_id", "fingerprint", "type", "created_at"],
    idFields: ["user_id", "name"],
    ownerField: null,
    nameField: "name",
  }),
  references: [{ path: "user_id", target: "identity.user" }],
};
