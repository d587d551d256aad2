// Keystone trusts: a trustor's roles on a project delegated to a trustee (Heat's deferred auth, Magnum, Aodh). Keystone
// deletes a SQL user's trusts with the user but keeps them when their project is deleted, and keeps an LDAP or
// federated user's when the user vanishes from its backend: then they name someone who is gone.
import type { ResourceType } from "../resource-type.ts";

export const identityTrust: ResourceType = {
  id: "identity.trust",
  service: "identity",
  // Every trust, one call: keystone/api/trusts.py lists them all only when the request has no query parameter at all
  // (a `limit` would select nothing), for an admin under Zed's default policy (identity:list_trusts, admin_required).
  list: {
    kind: "paged",
    path: "/OS-TRUST/trusts",
    resourcesKey: "trusts",
    query: {},
    pageSize: null,
    sendFields: false,
  },
  fields: [
    "id",
    "trustor_user_id",
    "trustee_user_id",
    "project_id",
    "impersonation",
    "expires_at",
    "remaining_uses",
    "redelegated_trust_id",
  ],
  idFields: ["id"],
  // A trust without a project delegates no project role; one with a project lives only as long as it means something.
  ownerField: "project_id",
  nameField: null,
  // Before Keystone 2024.1 (Caracal) only the trustor, the trustee or a system-scoped admin may show or delete it
  // (identity:get_trust, identity:delete_trust): a project-scoped admin's re-read answers 403, and apply skips it.
  show: { path: "/OS-TRUST/trusts/{id}" },
  references: [
    { path: "trustor_user_id", target: "identity.user" },
    { path: "trustee_user_id", target: "identity.user" },
  ],
};
