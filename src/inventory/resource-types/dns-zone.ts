// Designate zones of every project. Designate scopes every call to the token's project unless the header
// `x-auth-all-projects: true` asks for all of them (admins only, by its default policy); a deleted zone disappears
// from the listing once its delete has reached the backends.
import type { ResourceType } from "../resource-type.ts";

/** Designate's "every project" switch, on listings, shows and changes alike. */
export const DESIGNATE_ALL_PROJECTS = { "x-auth-all-projects": "true" } as const;

export const dnsZone: ResourceType = {
  id: "dns.zone",
  service: "dns",
  list: {
    kind: "paged",
    path: "/v2/zones",
    resourcesKey: "zones",
    query: {},
    headers: DESIGNATE_ALL_PROJECTS,
    pageSize: "max",
    sendFields: false,
  },
  fields: [
    "id",
    "name",
    "project_id",
    "pool_id",
    "type",
    "email",
    "serial",
    // status ACTIVE | PENDING | ERROR; action CREATE | UPDATE | DELETE | NONE: what a PENDING or ERROR zone was doing.
    "status",
    "action",
    "created_at",
    "updated_at",
  ],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: { path: "/v2/zones/{id}", headers: DESIGNATE_ALL_PROJECTS },
  references: [],
  horizonPath: "/project/dnszones/{id}/",
};
