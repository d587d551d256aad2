// trust.delete: revokes a Keystone trust (and the tokens issued through it); done when Keystone no longer shows it.
// Before Keystone 2024.1 (Caracal) the default policy lets only the trustor or a system-scoped admin delete a trust
// (identity:delete_trust): against an older Keystone, apply with a cloud whose auth has `system_scope: all`.
import { deleteAction } from "../define-action.ts";

export const trustDelete = deleteAction({
  id: "trust.delete",
  resourceType: "identity.trust",
  destructive: true,
  command: "openstack trust delete {id}",
  request: { method: "DELETE", path: "/OS-TRUST/trusts/{id}" },
});
