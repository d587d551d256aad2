// Seeders of Octavia's records: load balancers and their children (listeners, pools, health monitors, L7
// policies), each with provisioning and operating status, and amphorae (owned by the service project).

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { SeedContext, Seeder } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";

// octavia_lib/common/constants.py
export const PROVISIONING_STATUSES = [
  "ACTIVE",
  "DELETED",
  "ERROR",
  "PENDING_CREATE",
  "PENDING_UPDATE",
  "PENDING_DELETE",
];
const OPERATING_STATUSES = ["ONLINE", "OFFLINE", "DEGRADED", "ERROR", "DRAINING", "NO_MONITOR"];
export const AMPHORA_STATUSES = [
  "ALLOCATED",
  "BOOTING",
  "ERROR",
  "FAILOVER_STOPPED",
  "READY",
  "DELETED",
  "PENDING_CREATE",
  "PENDING_DELETE",
];

function oneOf(partial: ResourceRecord, field: string, allowed: readonly string[], fallback: string): string {
  const value = partial[field] ?? fallback;
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new InvalidFieldError(field, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function idList(partial: ResourceRecord, field: string): void {
  const value = partial[field];
  if (value === undefined) return;
  if (
    !Array.isArray(value) ||
    value.some((item) => item === null || typeof (item as { id?: unknown }).id !== "string")
  ) {
    throw new InvalidFieldError(field, "expected a list of {id}");
  }
}

function octaviaSeeder(defaults: (partial: ResourceRecord, ctx: SeedContext) => Record<string, unknown>): Seeder {
  return {
    timeFormat: "iso-micro",
    build(partial, ctx) {
      const created =
        typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-micro");
      const record: ResourceRecord = {
        name: "",
        description: "",
        admin_state_up: true,
        project_id: ctx.adminProjectId,
        tags: [],
        ...defaults(partial, ctx),
        created_at: created,
        updated_at: null,
        ...partial,
        provisioning_status: oneOf(partial, "provisioning_status", PROVISIONING_STATUSES, "ACTIVE"),
        operating_status: oneOf(partial, "operating_status", OPERATING_STATUSES, "ONLINE"),
      };
      // Octavia keeps the creator's project in both names.
      record["tenant_id"] = record["project_id"];
      return record;
    },
  };
}

export const loadBalancerSeeder = octaviaSeeder(() => ({
  provider: "amphora",
  flavor_id: null,
  availability_zone: null,
  vip_address: "10.0.0.100",
  vip_port_id: null,
  vip_subnet_id: null,
  vip_network_id: null,
  vip_qos_policy_id: null,
  listeners: [],
  pools: [],
}));

export const listenerSeeder = octaviaSeeder((partial) => {
  idList(partial, "loadbalancers");
  if (partial["loadbalancers"] === undefined)
    throw new InvalidFieldError("loadbalancers", "expected [{id}] of its load balancer");
  return {
    protocol: "HTTP",
    protocol_port: 80,
    connection_limit: -1,
    default_pool_id: null,
    default_tls_container_ref: null,
    sni_container_refs: [],
    l7policies: [],
    insert_headers: {},
    timeout_client_data: 50000,
    timeout_member_connect: 5000,
    timeout_member_data: 50000,
    timeout_tcp_inspect: 0,
    allowed_cidrs: null,
  };
});

export const poolSeeder = octaviaSeeder((partial) => {
  idList(partial, "loadbalancers");
  idList(partial, "listeners");
  if (partial["loadbalancers"] === undefined)
    throw new InvalidFieldError("loadbalancers", "expected [{id}] of its load balancer");
  return {
    protocol: "HTTP",
    lb_algorithm: "ROUND_ROBIN",
    listeners: [],
    members: [],
    healthmonitor_id: null,
    session_persistence: null,
    tls_enabled: false,
  };
});

export const healthMonitorSeeder = octaviaSeeder((partial) => {
  idList(partial, "pools");
  if (partial["pools"] === undefined) throw new InvalidFieldError("pools", "expected [{id}] of its pool");
  return {
    type: "HTTP",
    delay: 5,
    timeout: 3,
    max_retries: 3,
    max_retries_down: 3,
    http_method: "GET",
    url_path: "/",
    expected_codes: "200",
  };
});

export const l7PolicySeeder = octaviaSeeder((partial) => {
  if (typeof partial["listener_id"] !== "string")
    throw new InvalidFieldError("listener_id", "expected the id of a listener");
  return {
    action: "REJECT",
    position: 1,
    redirect_pool_id: null,
    redirect_url: null,
    redirect_prefix: null,
    redirect_http_code: null,
    rules: [],
  };
});

/** An amphora: ALLOCATED to its load balancer unless the scenario says otherwise. */
export const amphoraSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const status = oneOf(partial, "status", AMPHORA_STATUSES, "ALLOCATED");
    const created =
      typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-micro");
    const expires = formatTime(new Date(ctx.now.getTime() + 730 * 86_400_000), "iso-micro");
    return {
      loadbalancer_id: null,
      compute_id: null,
      lb_network_ip: "192.0.2.10",
      vrrp_ip: "10.0.0.101",
      ha_ip: "10.0.0.100",
      vrrp_port_id: null,
      ha_port_id: null,
      cert_expiration: expires,
      cert_busy: false,
      role: "STANDALONE",
      vrrp_interface: null,
      vrrp_id: 1,
      vrrp_priority: null,
      cached_zone: "nova",
      image_id: null,
      compute_flavor: "65",
      created_at: created,
      updated_at: null,
      ...partial,
      status,
    };
  },
};
