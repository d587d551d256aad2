// Cinder's `GET /os-services`: the volume, scheduler and backup services with a state derived from their
// heartbeat, as cinder derives it (`service_down_time`, 60 s by default).

import { Hono } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast } from "../../http/microversion.ts";
import { caller, queryOf } from "../../http/respond.ts";
import { formatTime, parseTime } from "../../http/time-format.ts";
import type { ServiceContext } from "../../service-module.ts";
import { policyRefused } from "./cinder-listing.ts";
import { jsonResponse } from "../../http/json-response.ts";

const SERVICE_DOWN_TIME_MS = 60_000;

/** Cinder's services: `/v3/{project_id}/os-services`. */
export function volumeServiceRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  const services = ctx.state.collection("block-storage.service");
  app.get("/", (c) => {
    if (!caller(c).isAdmin) return policyRefused(c, "volume_extension:services:index");
    const query = queryOf(c);
    const host = query.get("host");
    const binary = query.get("binary");
    const now = new Date();
    const rows = [...services.values()]
      .filter(
        (record) => (host === null || record["host"] === host) && (binary === null || record["binary"] === binary),
      )
      .map((record) => {
        const updatedAt =
          record["fakecloud:heartbeat"] === true
            ? formatTime(now, "iso-micro")
            : (record["updated_at"] as string | null);
        const heartbeat = updatedAt === null ? undefined : parseTime(updatedAt);
        // cinder's utils.service_is_up: a heartbeat in the future counts as up (abs() of the elapsed time).
        const up = heartbeat !== undefined && Math.abs(now.getTime() - heartbeat.getTime()) <= SERVICE_DOWN_TIME_MS;
        const row: Record<string, unknown> = {
          binary: record["binary"],
          host: record["host"],
          zone: record["zone"],
          status: record["status"],
          state: up ? "up" : "down",
          updated_at: updatedAt,
          disabled_reason: record["disabled_reason"],
        };
        if (record["binary"] === "cinder-volume") {
          row["replication_status"] = record["replication_status"];
          row["active_backend_id"] = record["active_backend_id"];
          row["frozen"] = record["frozen"];
        }
        if (atLeast(c.var.microversion, "3.7")) row["cluster"] = record["cluster"];
        if (atLeast(c.var.microversion, "3.49") && record["binary"] === "cinder-volume") {
          row["backend_state"] = up ? record["backend_state"] : "down";
        }
        return row;
      });
    return jsonResponse(c, { services: rows });
  });
  return app;
}
