// share.force-delete: Manila's admin `force_delete`, which deletes a share whatever its status (error_deleting
// included); done when Manila no longer shows it.
import { deleteAction } from "../define-action.ts";

export const shareForceDelete = deleteAction({
  id: "share.force-delete",
  resourceType: "shared-file-system.share",
  destructive: true,
  command: "openstack share delete --force {id}",
  request: { method: "POST", path: "/shares/{id}/action", body: () => ({ force_delete: null }), microversion: "2.73" },
  failedStates: ["error_deleting"],
});
