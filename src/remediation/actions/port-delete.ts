// port.delete: deletes a port; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const portDelete = deleteAction({
  id: "port.delete",
  resourceType: "network.port",
  destructive: true,
  command: "openstack port delete {id}",
  request: { method: "DELETE", path: "/v2.0/ports/{id}" },
});
