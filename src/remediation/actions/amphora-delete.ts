// amphora.delete: deletes an amphora (Octavia accepts only amphorae in ERROR); done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const amphoraDelete = deleteAction({
  id: "amphora.delete",
  resourceType: "load-balancer.amphora",
  destructive: true,
  command: "openstack loadbalancer amphora delete {id}",
  request: { method: "DELETE", path: "/v2/octavia/amphorae/{id}" },
});
