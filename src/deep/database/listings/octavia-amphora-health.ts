// The heartbeats of Octavia's ALLOCATED amphorae (`amphora_health`: the health manager's last_update, and `busy`,
// set while a health manager fails the amphora over). The API shows neither. An ALLOCATED amphora without a row
// has not sent its first heartbeat yet and is left out.
import { flag, type DatabaseListing } from "../database-listing.ts";

export const octaviaAmphoraHealth: DatabaseListing = {
  type: "database.amphora-health",
  services: ["octavia"],
  standsIn: false,
  list: async (db) =>
    (
      await db.select(
        "octavia",
        "SELECT a.id AS amphora_id, a.load_balancer_id AS loadbalancer_id, a.compute_id, a.lb_network_ip, " +
          "a.role, h.last_update, h.busy FROM amphora a JOIN amphora_health h ON h.amphora_id = a.id " +
          "WHERE a.status = 'ALLOCATED'",
      )
    ).map((row) => ({ ...row, busy: flag(row.busy) })),
};
