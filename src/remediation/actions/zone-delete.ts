// zone.delete: deletes a Designate zone with all its recordsets; done when Designate no longer shows it (a zone is
// PENDING with action DELETE until the pool's backends dropped it). Another project's zone needs x-auth-all-projects.
import { DESIGNATE_ALL_PROJECTS } from "../../inventory/resource-types/dns-zone.ts";
import { deleteAction } from "../define-action.ts";

export const zoneDelete = deleteAction({
  id: "zone.delete",
  resourceType: "dns.zone",
  destructive: true,
  command: "openstack zone delete --all-projects {id}",
  request: { method: "DELETE", path: "/v2/zones/{id}", headers: DESIGNATE_ALL_PROJECTS },
  failedStates: ["ERROR"],
});
