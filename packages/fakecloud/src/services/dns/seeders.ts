// Seeders of Designate's records: zones and recordsets with every field `GET /v2/zones` and `GET /v2/recordsets`
// show. A scenario lists a zone's recordsets itself (the real Designate adds an SOA and an NS set to every zone).

import { formatTime } from "../../http/time-format.ts";
import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { Seeder } from "../../service-module.ts";

/** Designate's default pool (designate.conf [service:central] default_pool_id). */
export const DEFAULT_POOL_ID = "794ccc2c-d751-44fe-b57f-8894c9f5c842";
const ZONE_STATUSES = ["ACTIVE", "PENDING", "ERROR"];
const ACTIONS = ["CREATE", "UPDATE", "DELETE", "NONE"];

function oneOf(partial: Record<string, unknown>, field: string, allowed: readonly string[], fallback: string): string {
  const value = partial[field] ?? fallback;
  if (typeof value !== "string" || !allowed.includes(value))
    throw new InvalidFieldError(field, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
  return value;
}

export const zoneSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const name = partial["name"] ?? `zone-${partial.id.slice(0, 8)}.example.org.`;
    if (typeof name !== "string" || !name.endsWith("."))
      throw new InvalidFieldError("name", `expected a fully qualified name ending in ".", got ${JSON.stringify(name)}`);
    const status = oneOf(partial, "status", ZONE_STATUSES, "ACTIVE");
    const created =
      typeof partial["created_at"] === "string" ? partial["created_at"] : formatTime(ctx.now, "iso-micro");
    return {
      pool_id: DEFAULT_POOL_ID,
      project_id: ctx.adminProjectId,
      email: `hostmaster@${name.slice(0, -1)}`,
      description: null,
      ttl: 3600,
      serial: Math.floor(ctx.now.getTime() / 1000),
      action: status === "ACTIVE" ? "NONE" : "CREATE",
      version: 1,
      attributes: {},
      type: "PRIMARY",
      masters: [],
      created_at: created,
      updated_at: null,
      transferred_at: null,
      ...partial,
      name,
      status,
      ...(partial["action"] === undefined ? {} : { action: oneOf(partial, "action", ACTIONS, "NONE") }),
    };
  },
};

export const recordsetSeeder: Seeder = {
  timeFormat: "iso-micro",
  build(partial, ctx) {
    if (typeof partial["zone_id"] !== "string")
      throw new InvalidFieldError("zone_id", "expected the id of a zone (a recordset lives in one)");
    const zone = ctx.state.collection("dns.zone").get(partial["zone_id"]);
    if (zone === undefined) throw new InvalidFieldError("zone_id", `no zone ${partial["zone_id"]} is seeded before it`);
    const records = partial["records"] ?? ["203.0.113.10"];
    if (!Array.isArray(records) || records.some((r) => typeof r !== "string"))
      throw new InvalidFieldError("records", "expected a list of strings");
    return {
      zone_id: zone.id,
      project_id: zone["project_id"],
      name: `www.${String(zone["name"])}`,
      zone_name: zone["name"],
      type: "A",
      description: null,
      ttl: null,
      status: "ACTIVE",
      action: "NONE",
      version: 1,
      created_at: formatTime(ctx.now, "iso-micro"),
      updated_at: null,
      ...partial,
      records,
    };
  },
};
