// The heartbeat rows (`amphora_health`) of Octavia's ALLOCATED amphorae, from Octavia's database.
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseAmphoraHealth: ResourceType = listedFromDatabase({
  id: "database.amphora-health",
  service: "load-balancer",
  fields: ["amphora_id", "loadbalancer_id", "compute_id", "lb_network_ip", "role", "last_update", "busy"],
  idFields: ["amphora_id"],
  ownerField: null,
  nameField: null,
});
