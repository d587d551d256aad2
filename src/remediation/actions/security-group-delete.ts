// security-group.delete: deletes a security group; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const securityGroupDelete = deleteAction({
  id: "security-group.delete",
  resourceType: "network.security-group",
  destructive: true,
  command: "openstack security group delete {id}",
  request: { method: "DELETE", path: "/v2.0/security-groups/{id}" },
});
