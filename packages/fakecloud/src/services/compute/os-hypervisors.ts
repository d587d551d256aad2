// GET /os-hypervisors/detail: one hypervisor per nova-compute service, as Nova shows its compute nodes (sorted by
// node, paged with limit and a uuid marker, a next link whenever a page is full). From 2.53 ids are UUIDs; 2.88 drops
// the usage figures and adds `uptime` (null from drivers that do not report it).

import { createHash } from "node:crypto";
import { Hono } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { atLeast, type ApiVersion } from "../../http/microversion.ts";
import { linkWithMarker, nextMarker } from "../../http/pagination.ts";
import { caller, errorResponse, queryOf } from "../../http/respond.ts";
import type { ServiceContext } from "../../service-module.ts";
import type { ResourceRecord } from "../../state/collection.ts";
import { jsonResponse } from "../../http/json-response.ts";
import { renderComputeService } from "./os-services.ts";
import { NOVA_COMPUTE } from "./server-seeder.ts";
import { novaLimit } from "./servers.ts";

/**
 * The host servers land on when no nova-compute service is seeded (servers.ts `scheduleHost`): a cloud that runs
 * servers has a hypervisor, so one is shown, up and enabled.
 */
const OWN_COMPUTE: ResourceRecord = {
  ...NOVA_COMPUTE,
  id: "7f3c1e52-5d1a-4b8e-9a43-0c0f2a6d1e01",
  "fakecloud:heartbeat": true,
};

/** A compute node's uuid, stable for its service (Nova keeps one node per host with the libvirt driver). */
function hypervisorId(service: ResourceRecord): string {
  const hex = createHash("sha1").update(`compute-node:${service.id}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function renderHypervisor(
  service: ResourceRecord,
  index: number,
  version: ApiVersion | undefined,
  now: Date,
): Record<string, unknown> {
  const withUuid = atLeast(version, "2.53");
  const shown = renderComputeService(service, now, withUuid);
  const host = typeof service["host"] === "string" ? service["host"] : "";
  const hypervisor: Record<string, unknown> = {
    id: withUuid ? hypervisorId(service) : index + 1,
    hypervisor_hostname: host,
    state: shown["state"],
    status: shown["status"],
    hypervisor_type: "QEMU",
    hypervisor_version: 7002000,
    host_ip: service["fakecloud:host_ip"] ?? "127.0.0.1",
    service: { id: shown["id"], host, disabled_reason: shown["disabled_reason"] ?? null },
  };
  if (atLeast(version, "2.88")) {
    hypervisor["uptime"] = null;
    return hypervisor;
  }
  return {
    ...hypervisor,
    vcpus: 8,
    memory_mb: 16384,
    local_gb: 100,
    vcpus_used: 0,
    memory_mb_used: 512,
    local_gb_used: 0,
    free_ram_mb: 15872,
    free_disk_gb: 100,
    current_workload: 0,
    running_vms: 0,
    disk_available_least: 100,
    cpu_info: "{}",
  };
}

/** Nova's hypervisors: `/v2.1/os-hypervisors`. */
export function osHypervisorRoutes(ctx: ServiceContext): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>({ strict: false });
  app.get("/detail", (c) => {
    if (!caller(c).isAdmin) {
      return errorResponse(c, 403, "Policy doesn't allow os_compute_api:os-hypervisors:list-detail to be performed.");
    }
    const query = queryOf(c);
    const limit = novaLimit(c, query.get("limit"));
    if (limit instanceof Response) return limit;
    const version = c.var.microversion;
    const now = new Date();
    const computes = [...ctx.state.collection("compute.service").values()].filter(
      (service) => service["binary"] === "nova-compute",
    );
    const hypervisors = (computes.length > 0 ? computes : [OWN_COMPUTE]).map((service, index) =>
      renderHypervisor(service, index, version, now),
    );
    const marker = query.get("marker") ?? undefined;
    let start = 0;
    if (marker !== undefined) {
      const position = hypervisors.findIndex((hypervisor) => String(hypervisor["id"]) === marker);
      if (position < 0) return errorResponse(c, 400, `marker [${marker}] not found`);
      start = position + 1;
    }
    const items = hypervisors.slice(start, start + limit);
    const body: Record<string, unknown> = { hypervisors: items };
    const last = items.at(-1);
    if (last !== undefined && items.length === limit) {
      body["hypervisors_links"] = [{ rel: "next", href: linkWithMarker(c, nextMarker(c, marker, String(last["id"]))) }];
    }
    return jsonResponse(c, body);
  });
  return app;
}
