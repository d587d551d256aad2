// Octavia listeners, pools, members, health monitors, L7 policies and L7 rules in PENDING_*, from Octavia's database (`object` names the table).
import type { ResourceType } from "../resource-type.ts";

export const databaseLoadbalancerChildPending: ResourceType = {
  id: "database.loadbalancer-child-pending",
  service: "load-balancer",
  list: { kind: "deep", source: "database" },
  fields: ["id", "object", "project_id", "provisioning_status", "created_at", "updated_at", "load_balancer_id"],
  idFields: ["id"],
  ownerField: "project_id",
  nameField: null,
  show: null,
  references: [],
};
