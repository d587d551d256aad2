// Octavia's load balancers, listeners, pools, health monitors, L7 policies and amphorae read from its database,
// shaped as `GET /v2/lbaas/...` answers, for when octavia-api is down or wedged (a scan during the outage still sees
// what is stuck in PENDING_*). As the API does, rows in DELETED are left out. Tags are not read: the fallback's
// records serve detection; every action re-reads the resource live through the API first.
import type { DatabaseListing } from "../database-listing.ts";

const live = "provisioning_status <> 'DELETED'";

export const octaviaLoadbalancers: DatabaseListing = {
  type: "load-balancer.loadbalancer",
  services: ["octavia"],
  standsIn: true,
  list: (db) =>
    db.select(
      "octavia",
      "SELECT lb.id, lb.name, lb.project_id, lb.provisioning_status, lb.operating_status, lb.provider, lb.flavor_id, " +
        "lb.created_at, lb.updated_at, v.ip_address AS vip_address, v.port_id AS vip_port_id, " +
        "v.subnet_id AS vip_subnet_id, v.network_id AS vip_network_id " +
        `FROM load_balancer lb LEFT JOIN vip v ON v.load_balancer_id = lb.id WHERE lb.${live}`,
    ),
};

export const octaviaListeners: DatabaseListing = {
  type: "load-balancer.listener",
  services: ["octavia"],
  standsIn: true,
  list: async (db) =>
    (
      await db.select(
        "octavia",
        "SELECT id, name, project_id, provisioning_status, operating_status, protocol, protocol_port, " +
          `load_balancer_id, created_at, updated_at FROM listener WHERE ${live}`,
      )
    ).map(({ load_balancer_id, ...row }) => ({ ...row, loadbalancers: idList(load_balancer_id) })),
};

export const octaviaPools: DatabaseListing = {
  type: "load-balancer.pool",
  services: ["octavia"],
  standsIn: true,
  list: async (db) =>
    (
      await db.select(
        "octavia",
        "SELECT id, name, project_id, provisioning_status, operating_status, protocol, load_balancer_id, " +
          `created_at, updated_at FROM pool WHERE ${live}`,
      )
    ).map(({ load_balancer_id, ...row }) => ({ ...row, loadbalancers: idList(load_balancer_id) })),
};

export const octaviaHealthmonitors: DatabaseListing = {
  type: "load-balancer.healthmonitor",
  services: ["octavia"],
  standsIn: true,
  list: async (db) =>
    (
      await db.select(
        "octavia",
        "SELECT id, name, project_id, provisioning_status, operating_status, type, pool_id, created_at, updated_at " +
          `FROM health_monitor WHERE ${live}`,
      )
    ).map(({ pool_id, ...row }) => ({ ...row, pools: idList(pool_id) })),
};

export const octaviaL7policies: DatabaseListing = {
  type: "load-balancer.l7policy",
  services: ["octavia"],
  standsIn: true,
  list: (db) =>
    db.select(
      "octavia",
      "SELECT id, name, project_id, provisioning_status, operating_status, action, listener_id, created_at, " +
        `updated_at FROM l7policy WHERE ${live}`,
    ),
};

export const octaviaAmphorae: DatabaseListing = {
  type: "load-balancer.amphora",
  services: ["octavia"],
  standsIn: true,
  list: (db) =>
    db.select(
      "octavia",
      "SELECT id, load_balancer_id AS loadbalancer_id, compute_id, status, role, lb_network_ip, ha_ip, image_id, " +
        "compute_flavor, cert_expiration, created_at, updated_at FROM amphora WHERE status <> 'DELETED'",
    ),
};

function idList(id: unknown): { id: unknown }[] {
  return id === null || id === undefined ? [] : [{ id }];
}
