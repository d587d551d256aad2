// rbac-policy.delete: deletes a Neutron RBAC policy; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const rbacPolicyDelete = deleteAction({
  id: "rbac-policy.delete",
  resourceType: "network.rbac-policy",
  destructive: true,
  command: "openstack network rbac delete {id}",
  request: { method: "DELETE", path: "/v2.0/rbac-policies/{id}" },
});
