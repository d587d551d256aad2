// backup.force-delete: Cinder's admin `os-force_delete`, which deletes a backup whatever its status; done when Cinder no longer shows it.
import { deleteAction } from "../define-action.ts";

export const backupForceDelete = deleteAction({
  id: "backup.force-delete",
  resourceType: "block-storage.backup",
  destructive: true,
  command: "openstack volume backup delete --force {id}",
  request: { method: "POST", path: "/backups/{id}/action", body: () => ({ "os-force_delete": {} }) },
  failedStates: ["error_deleting"],
});
