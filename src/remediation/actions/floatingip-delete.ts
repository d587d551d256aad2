// floatingip.delete: releases a floating IP; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const floatingipDelete = deleteAction({
  id: "floatingip.delete",
  resourceType: "network.floatingip",
  destructive: true,
  command: "openstack floating ip delete {id}",
  request: { method: "DELETE", path: "/v2.0/floatingips/{id}" },
});
