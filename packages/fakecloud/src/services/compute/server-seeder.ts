// Seeders of Nova's records: servers with every field `GET /servers/detail` shows, and compute services.

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { Seeder } from "../../service-module.ts";

// nova/compute/vm_states.py and the API status each maps to (nova/api/openstack/common.py _STATE_MAP).
export const VM_STATE_OF_STATUS: Readonly<Record<string, string>> = {
  ACTIVE: "active",
  BUILD: "building",
  ERROR: "error",
  SHUTOFF: "stopped",
  PAUSED: "paused",
  SUSPENDED: "suspended",
  RESCUE: "rescued",
  RESIZE: "active",
  VERIFY_RESIZE: "resized",
  SHELVED: "shelved",
  SHELVED_OFFLOADED: "shelved_offloaded",
  SOFT_DELETED: "soft-delete",
  DELETED: "deleted",
  REBOOT: "active",
  HARD_REBOOT: "active",
  MIGRATING: "active",
  REBUILD: "active",
  UNKNOWN: "active",
};

// nova/compute/power_state.py: 0 NOSTATE, 1 RUNNING, 3 PAUSED, 4 SHUTDOWN, 6 CRASHED, 7 SUSPENDED.
const POWER_STATE_OF_STATUS: Readonly<Record<string, number>> = {
  ACTIVE: 1,
  BUILD: 0,
  ERROR: 0,
  SHUTOFF: 4,
  PAUSED: 3,
  SUSPENDED: 7,
};

// Defaults shared by every seeded server (frozen: records are changed by replacing fields, never in place).
// Sharing them keeps 100k servers small.
const DEFAULT_IMAGE = Object.freeze({ id: "00000000-0000-0000-0000-000000000001" });
const DEFAULT_FLAVOR = Object.freeze({
  vcpus: 1,
  ram: 512,
  disk: 1,
  ephemeral: 0,
  swap: 0,
  original_name: "m1.tiny",
  extra_specs: Object.freeze({}),
});
const DEFAULT_SECURITY_GROUPS = Object.freeze([Object.freeze({ name: "default" })]);
const EMPTY_OBJECT = Object.freeze({});
const EMPTY_LIST = Object.freeze([]);

let instanceCounter = 0;
let serviceCounter = 0;

export const serverSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial, ctx) {
    const status = typeof partial["status"] === "string" ? partial["status"] : "ACTIVE";
    if (!(status in VM_STATE_OF_STATUS)) {
      throw new InvalidFieldError(
        "status",
        `expected one of ${Object.keys(VM_STATE_OF_STATUS).join(", ")}, got "${status}"`,
      );
    }
    const volumes = partial["os-extended-volumes:volumes_attached"];
    if (volumes !== undefined && !Array.isArray(volumes)) {
      throw new InvalidFieldError(
        "os-extended-volumes:volumes_attached",
        "expected a list of {id, delete_on_termination}",
      );
    }
    const now = formatTime(ctx.now, "iso-z");
    const created = typeof partial["created"] === "string" ? partial["created"] : now;
    const host = typeof partial["OS-EXT-SRV-ATTR:host"] === "string" ? partial["OS-EXT-SRV-ATTR:host"] : "compute-1";
    instanceCounter += 1;
    const record = {
      name: `server-${partial.id.slice(0, 8)}`,
      status,
      tenant_id: ctx.adminProjectId,
      user_id: ctx.adminUserId,
      metadata: EMPTY_OBJECT,
      tags: EMPTY_LIST,
      locked: false,
      locked_reason: null,
      description: null,
      hostId: "",
      image: DEFAULT_IMAGE,
      flavor: DEFAULT_FLAVOR,
      addresses: EMPTY_OBJECT,
      accessIPv4: "",
      accessIPv6: "",
      key_name: null,
      config_drive: "",
      progress: 0,
      security_groups: DEFAULT_SECURITY_GROUPS,
      "OS-DCF:diskConfig": "MANUAL",
      "OS-EXT-AZ:availability_zone": "nova",
      "OS-EXT-SRV-ATTR:host": host,
      "OS-EXT-SRV-ATTR:hypervisor_hostname": host,
      "OS-EXT-SRV-ATTR:instance_name": `instance-${instanceCounter.toString(16).padStart(8, "0")}`,
      "OS-EXT-STS:task_state": null,
      "OS-EXT-STS:vm_state": VM_STATE_OF_STATUS[status],
      "OS-EXT-STS:power_state": POWER_STATE_OF_STATUS[status] ?? 0,
      "OS-SRV-USG:launched_at": status === "BUILD" ? null : created.replace("Z", ".000000"),
      "OS-SRV-USG:terminated_at": null,
      "os-extended-volumes:volumes_attached": EMPTY_LIST,
      created,
      updated: created,
      ...partial,
    };
    if (status === "ERROR" && record["fault" as keyof typeof record] === undefined) {
      return { ...record, fault: { code: 500, created: record.updated, message: "No valid host was found. " } };
    }
    return record;
  },
};

/** A nova-compute service as a scenario gets it unless it says otherwise: fakecloud's own host, enabled. */
export const NOVA_COMPUTE = {
  binary: "nova-compute",
  host: "compute-1",
  zone: "nova",
  status: "enabled",
  disabled_reason: null,
  forced_down: false,
} as const;

export const computeServiceSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    if (partial["state"] !== undefined && partial["state"] !== "up" && partial["state"] !== "down") {
      throw new InvalidFieldError("state", `expected "up" or "down", got ${JSON.stringify(partial["state"])}`);
    }
    // A service that a scenario says is down, or whose heartbeat it sets, stops heartbeating; every other
    // service heartbeats for as long as fakecloud runs (its updated_at is always recent).
    const heartbeat = partial["state"] === undefined && partial["updated_at"] === undefined;
    const downSince = formatTime(new Date(ctx.now.getTime() - 10 * 60_000), "iso-micro");
    const { state: _state, ...rest } = partial;
    return {
      ...NOVA_COMPUTE,
      updated_at: heartbeat ? null : downSince,
      "fakecloud:heartbeat": heartbeat,
      // the integer id nova shows before microversion 2.53
      "fakecloud:number": ++serviceCounter,
      ...rest,
    };
  },
};
