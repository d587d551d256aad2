// keypair.delete: deletes a Nova key pair of any user (an admin names the user with `user_id`, microversion 2.10);
// servers booted with it keep their copy of the public key. Done when Nova no longer shows it for that user.
import { deleteAction } from "../define-action.ts";

export const keypairDelete = deleteAction({
  id: "keypair.delete",
  resourceType: "compute.keypair",
  destructive: true,
  // No client command: `openstack keypair delete --user` looks the user up first, and the user is gone.
  request: { method: "DELETE", path: "/os-keypairs/{keypair_name}?user_id={user_id}", microversion: "2.10" },
});
