// trust.delete: revokes a Keystone trust (and the tokens issued through it); done when Keystone no longer shows it.
// An admin may since Keystone 2024.1 (and Debian's Zed 22.0.2); before, identity:delete_trust allowed only the trustor
// or a system-scoped admin: against such a Keystone, apply with a cloud whose auth has `system_scope: all`.
import { deleteAction } from "../define-action.ts";

export const trustDelete = deleteAction({
  id: "trust.delete",
  resourceType: "identity.trust",
  destructive: true,
  command: "openstack trust delete {id}",
  request: { method: "DELETE", path: "/OS-TRUST/trusts/{id}" },
});
