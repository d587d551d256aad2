// allocation.delete: deletes every placement allocation of a consumer that is no server, giving the capacity back
// to its resource providers; done when placement shows no allocation for it.
import { deleteAction } from "../define-action.ts";

export const allocationDelete = deleteAction({
  id: "allocation.delete",
  resourceType: "placement.allocation",
  destructive: true,
  command: "openstack resource provider allocation delete {consumer_uuid}",
  request: { method: "DELETE", path: "/allocations/{consumer_uuid}" },
});
