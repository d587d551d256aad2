// backup.delete: deletes a volume backup; done when the service no longer shows it.
import { deleteAction } from "../define-action.ts";

export const backupDelete = deleteAction({
  id: "backup.delete",
  resourceType: "block-storage.backup",
  destructive: true,
  command: "openstack volume backup delete {id}",
  request: { method: "DELETE", path: "/backups/{id}" },
  failedStates: ["error", "error_deleting"],
});
