// Keystone trusts: a trustor's roles on a project delegated to a trustee (Heat's deferred auth, Magnum, Aodh). Keystone
// deletes a SQL user's trusts (as trustor or trustee) with the user and a project's with the project
// (resource/core.py _post_delete_cleanup_project), but is never told when an LDAP or federated user vanishes from its
// backend: that user's trusts stay, naming someone who is gone (and a project deleted in the database stays named).
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
  // An admin may show and delete any trust since Keystone 2024.1 (Debian's Zed 22.0.2 carries that policy); upstream
  // Zed and older allow only the trustor, the trustee or a system-scoped admin: a project admin's re-read answers 403
  // and apply skips the step, so apply there with a cloud whose auth has `system_scope: all`.
  show: { path: "/OS-TRUST/trusts/{id}" },
  references: [
    { path: "trustor_user_id", target: "identity.user" },
    { path: "trustee_user_id", target: "identity.user" },
  ],
};
