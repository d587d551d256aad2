// network.delete: deletes a network; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const networkDelete = deleteAction({
  id: "network.delete",
  resourceType: "network.network",
  destructive: true,
  command: "openstack network delete {id}",
  request: { method: "DELETE", path: "/v2.0/networks/{id}" },
});
