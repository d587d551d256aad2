// Barbican secrets of every project. Barbican's API never lists beyond the token's project: GET /v1/secrets filters by
// the token's project (barbican/api/controllers/secrets.py get_secret_list(external_project_id, ...)) and has no
// all-projects parameter, and a deleted project cannot be scoped to. So every project's secrets come from Barbican's
// database (deep: database.barbican), shaped as the API's with the owner the API leaves out.
import type { ResourceType } from "../resource-type.ts";

export const BARBICAN_LISTS_ONE_PROJECT =
  "Barbican lists only the token's own project's secrets and containers, for an admin too (no all-projects " +
  "listing): every project's are read from Barbican's database, deep: database.barbican";

export const keyManagerSecret: ResourceType = {
  id: "key-manager.secret",
  service: "key-manager",
  list: {
    kind: "paged",
    path: "/v1/secrets",
    resourcesKey: "secrets",
    query: {},
    pageSize: "max",
    sendFields: false,
    tokenProjectOnly: BARBICAN_LISTS_ONE_PROJECT,
  },
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
  show: null,
  references: [],
};
