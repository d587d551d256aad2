// GET /os-services: nova's services with their heartbeat state, as an operator sees them after an outage.

import { Hono } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { caller, errorResponse, queryOf } from "../../http/respond.ts";
import { formatTime, parseTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { jsonResponse } from "../../http/json-response.ts";

/** nova.conf service_down_time: a service whose last heartbeat is older than this is "down". */
const SERVICE_DOWN_TIME_MS = 60_000;

export function renderComputeService(record: ResourceRecord, now: Date, withUuid: boolean): Record<string, unknown> {
  const heartbeat = record["fakecloud:heartbeat"] === true;
  const updatedAt = heartbeat ? formatTime(now, "iso-micro") : record["updated_at"];
  const last = typeof updatedAt === "string" ? parseTime(updatedAt) : undefined;
  const up =
    record["forced_down"] !== true && last !== undefined && now.getTime() - last.getTime() <= SERVICE_DOWN_TIME_MS;
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!key.startsWith("fakecloud:")) shown[key] = value;
  // From 2.53 services are identified by UUID; before, by an integer.
  if (!withUuid) shown["id"] = typeof record["fakecloud:number"] === "number" ? record["fakecloud:number"] : 1;
  shown["updated_at"] = updatedAt ?? null;
  shown["state"] = up ? "up" : "down";
  return shown;
}

/** Nova's services: `/v2.1/os-services`. */
export function osServiceRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  app.get("/", (c) => {
    if (!caller(c).isAdmin)
      return errorResponse(c, 403, "Policy doesn't allow os_compute_api:os-services:list to be performed.");
    const query = queryOf(c);
    const host = query.get("host");
    const binary = query.get("binary");
    const now = new Date();
    const withUuid = atLeast(c.var.microversion, "2.53");
    const services = [...ctx.state.collection("compute.service").values()]
      .filter(
        (record) => (host === null || record["host"] === host) && (binary === null || record["binary"] === binary),
      )
      .map((record) => renderComputeService(record, now, withUuid));
    return jsonResponse(c, { services });
  });
  return app;
}
