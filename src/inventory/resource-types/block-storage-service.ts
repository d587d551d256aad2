// Cinder services (cinder-volume per backend, cinder-scheduler, ...) with state and heartbeat. They have no id:
// a service is its binary on its host.
import type { ResourceType } from "../resource-type.ts";

export const blockStorageService: ResourceType = {
  id: "block-storage.service",
  service: "block-storage",
  list: {
    kind: "paged",
    path: "/os-services",
    resourcesKey: "services",
    query: {},
    microversion: "3.70",
    pageSize: null,
    sendFields: false,
  },
  fields: ["binary", "host", "zone", "status", "state", "updated_at", "disabled_reason", "cluster", "frozen"],
  idFields: ["binary", "host"],
  ownerField: null,
  nameField: "host",
  show: null,
  references: [],
  heartbeat: { timeField: "updated_at", labelFields: ["binary", "host"] },
};
