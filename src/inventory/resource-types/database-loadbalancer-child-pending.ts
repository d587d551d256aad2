// Octavia listeners, pools, members, health monitors, L7 policies and L7 rules in PENDING_*, from Octavia's database (`object` names the table).
import type { ResourceType } from "../resource-type.ts";
import { listedFromDatabase } from "./listed-from-database.ts";

export const databaseLoadbalancerChildPending: ResourceType = listedFromDatabase({
  id: "database.loadbalancer-child-pending",
  service: "load-balancer",
  fields: ["id", "object", "project_id", "provisioning_status", "created_at", "updated_at", "load_balancer_id"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
});
