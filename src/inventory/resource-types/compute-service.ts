// Nova services (nova-compute, nova-conductor, ...) with their state and heartbeat: a down service explains stuck servers.
import type { ResourceType } from "../resource-type.ts";

export const computeService: ResourceType = {
  id: "compute.service",
  service: "compute",
  // 2.53: service ids are UUIDs, stable across cells.
  list: {
    kind: "paged",
    path: "/os-services",
    resourcesKey: "services",
    query: {},
    microversion: "2.69",
    pageSize: null,
    sendFields: false,
  },
  fields: ["id", "binary", "host", "zone", "status", "state", "updated_at", "disabled_reason", "forced_down"],
  idFields: ["id"],
  ownerField: null,
  nameField: "host",
  show: null,
  references: [],
  heartbeat: { timeField: "updated_at", labelFields: ["binary", "host"] },
};
