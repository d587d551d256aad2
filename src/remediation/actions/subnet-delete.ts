// subnet.delete: deletes a subnet; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const subnetDelete = deleteAction({
  id: "subnet.delete",
  resourceType: "network.subnet",
  destructive: true,
  command: "openstack subnet delete {id}",
  request: { method: "DELETE", path: "/v2.0/subnets/{id}" },
});
