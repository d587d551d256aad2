// Keystone users of every domain: the owner set of trusts, application credentials and key pairs, as the project list
// is of everything a project owns.
import type { ResourceType } from "../resource-type.ts";

export const identityUser: ResourceType = {
  id: "identity.user",
  service: "identity",
  // One listing: Keystone does not paginate, it truncates at `list_limit` and says `"truncated": true` (the session
  // throws). With domain-specific drivers it lists only the token's domain: the users of other domains are then
  // absent, their lookups answer 200 and the listing is failed (reference-confirmer.ts), never a false orphan.
  list: { kind: "paged", path: "/users", resourcesKey: "users", query: {}, pageSize: null, sendFields: false },
  fields: ["id", "name", "domain_id", "enabled"],
  idFields: ["id"],
  ownerField: null,
  nameField: "name",
  show: { path: "/users/{id}" },
  references: [],
  horizonPath: "/identity/users/{id}/detail/",
};
