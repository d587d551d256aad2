// The heartbeat rows (`amphora_health`) of Octavia's ALLOCATED amphorae, from Octavia's database.
import type { ResourceType } from "../resource-type.ts";

export const databaseAmphoraHealth: ResourceType = {
  id: "database.amphora-health",
  service: "load-balancer",
  list: { kind: "deep", source: "database" },
  fields: ["amphora_id", "loadbalancer_id", "compute_id", "lb_network_ip", "role", "last_update", "busy"],
  idFields: ["amphora_id"],
  ownerField: null,
  nameField: null,
  show: null,
  references: [],
};
