// share-network.delete: deletes a Manila share network (with the share servers Manila made on it, once no share uses
// it); done when Manila no longer shows it.
import { deleteAction } from "../define-action.ts";

export const shareNetworkDelete = deleteAction({
  id: "share-network.delete",
  resourceType: "shared-file-system.share-network",
  destructive: true,
  command: "openstack share network delete {id}",
  request: { method: "DELETE", path: "/share-networks/{id}", microversion: "2.73" },
});
