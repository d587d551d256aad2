// security-group-rule.delete: deletes a security group rule; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const securityGroupRuleDelete = deleteAction({
  id: "security-group-rule.delete",
  resourceType: "network.security-group-rule",
  destructive: true,
  command: "openstack security group rule delete {id}",
  request: { method: "DELETE", path: "/v2.0/security-group-rules/{id}" },
});
