// Octavia's child objects left in PENDING_* (a controller died mid-flow): listeners, pools, members, health monitors,
// L7 policies and L7 rules, in one SELECT. Members and L7 rules have no listing in stacksweep's API inventory (one
// request per pool or policy), so only the database shows a member stuck on its own.
import type { DatabaseListing } from "../database-listing.ts";

const PENDING = "provisioning_status IN ('PENDING_CREATE', 'PENDING_UPDATE', 'PENDING_DELETE')";

/** Each child table with the column that leads to its load balancer (members and rules through their parent). */
const CHILDREN = [
  [
    "listener",
    "SELECT 'listener' AS object, c.id, c.project_id, c.provisioning_status, c.created_at, c.updated_at, c.load_balancer_id FROM listener c",
  ],
  [
    "pool",
    "SELECT 'pool' AS object, c.id, c.project_id, c.provisioning_status, c.created_at, c.updated_at, c.load_balancer_id FROM pool c",
  ],
  [
    "member",
    "SELECT 'member' AS object, c.id, c.project_id, c.provisioning_status, c.created_at, c.updated_at, p.load_balancer_id FROM member c LEFT JOIN pool p ON p.id = c.pool_id",
  ],
  [
    "health_monitor",
    "SELECT 'health_monitor' AS object, c.id, c.project_id, c.provisioning_status, c.created_at, c.updated_at, p.load_balancer_id FROM health_monitor c LEFT JOIN pool p ON p.id = c.pool_id",
  ],
  [
    "l7policy",
    "SELECT 'l7policy' AS object, c.id, c.project_id, c.provisioning_status, c.created_at, c.updated_at, l.load_balancer_id FROM l7policy c LEFT JOIN listener l ON l.id = c.listener_id",
  ],
  [
    "l7rule",
    "SELECT 'l7rule' AS object, c.id, c.project_id, c.provisioning_status, c.created_at, c.updated_at, l.load_balancer_id FROM l7rule c LEFT JOIN l7policy p ON p.id = c.l7policy_id LEFT JOIN listener l ON l.id = p.listener_id",
  ],
] as const;

export const octaviaPendingChildren: DatabaseListing = {
  type: "database.loadbalancer-child-pending",
  services: ["octavia"],
  standsIn: false,
  list: (db) => db.select("octavia", CHILDREN.map(([, select]) => `${select} WHERE c.${PENDING}`).join(" UNION ALL ")),
};
