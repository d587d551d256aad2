// application-credential.delete: deletes a Keystone application credential under its user's path, which an admin may
// do for any user (identity:delete_application_credential is admin_or_owner, Zed's deprecated rule still honoured, and
// admin or owner again since 2024.1); done when Keystone no longer shows it.
import { deleteAction } from "../define-action.ts";

export const applicationCredentialDelete = deleteAction({
  id: "application-credential.delete",
  resourceType: "identity.application-credential",
  destructive: true,
  // The client deletes only the caller's own: an operator removes another user's with the API call.
  request: { method: "DELETE", path: "/users/{user_id}/application_credentials/{application_credential_id}" },
});
