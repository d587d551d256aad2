// Designate recordsets of every zone of every project (`GET /v2/recordsets` spans zones), with the SOA and NS sets
// Designate manages itself. They go with their zone: the orphan check names a zone's records as its evidence.
import type { ResourceType } from "../resource-type.ts";
import { DESIGNATE_ALL_PROJECTS } from "./dns-zone.ts";

export const dnsRecordset: ResourceType = {
  id: "dns.recordset",
  service: "dns",
  list: {
    kind: "paged",
    path: "/v2/recordsets",
    resourcesKey: "recordsets",
    query: {},
    headers: DESIGNATE_ALL_PROJECTS,
    pageSize: "max",
    sendFields: false,
  },
  fields: ["id", "name", "type", "records", "zone_id", "zone_name", "project_id", "status", "action", "updated_at"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: "name",
  show: null,
  references: [],
};
