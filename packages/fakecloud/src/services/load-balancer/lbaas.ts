// Octavia's load balancers and their children, and the amphorae behind them: reads for every project (admin)
// or one's own, and the writes whose refusals matter to a cleanup tool — any mutation while the load balancer
// is not ACTIVE is a 409, exactly where octavia/api/v2/controllers refuses.

import { Hono, type Context } from "hono";
import type { FakeEnv } from "../../http/fake-env.ts";
import { caller, errorResponse, jsonBody, queryOf } from "../../http/respond.ts";
import { formatTime } from "../../http/time-format.ts";
import type { SeedContext, Seeder, ServiceContext } from "../../service-module.ts";
import type { Collection, ResourceRecord } from "../../state/collection.ts";
import { newUuid } from "../../state/ids.ts";
import { serverSeeder } from "../compute/server-seeder.ts";
import { octaviaList, present } from "./octavia-listing.ts";
import { octaviaSettings } from "./octavia-settings.ts";
import {
  amphoraSeeder,
  healthMonitorSeeder,
  l7PolicySeeder,
  listenerSeeder,
  loadBalancerSeeder,
  poolSeeder,
} from "./seeders.ts";
import { jsonResponse } from "../../http/json-response.ts";

const POLICY_REFUSED = "Policy does not allow this request to be performed.";
// The roles of octavia's default policy (Zed, deprecated rules in force): a plain `member` is refused.
const READ_ROLES = [
  "load-balancer_member",
  "load-balancer_observer",
  "load-balancer_global_observer",
  "load-balancer_admin",
];
const WRITE_ROLES = ["load-balancer_member", "load-balancer_admin"];

const now = (): string => formatTime(new Date(), "iso-micro");

interface Child {
  plural: "listeners" | "pools" | "healthmonitors" | "l7policies";
  singular: "listener" | "pool" | "healthmonitor" | "l7policy";
  /** octavia's model name in its NotFound ("Listener", "Pool", "Health Monitor", "L7 Policy"). */
  name: string;
  collection: Collection;
  seeder: Seeder;
}

/**
 * Octavia's resources, each a sub-app for its collection path under an API version (`lbaas/loadbalancers`,
 * `lbaas/listeners`, ..., `octavia/amphorae`): one closure, because a child's change settles its load balancer.
 */
export function lbaasRoutes(ctx: ServiceContext): ReadonlyMap<string, Hono<FakeEnv>> {
  const { state } = ctx;
  const lbs = state.collection("load-balancer.loadbalancer");
  const amphorae = state.collection("load-balancer.amphora");
  const children: Child[] = [
    {
      plural: "listeners",
      singular: "listener",
      name: "Listener",
      collection: state.collection("load-balancer.listener"),
      seeder: listenerSeeder,
    },
    {
      plural: "pools",
      singular: "pool",
      name: "Pool",
      collection: state.collection("load-balancer.pool"),
      seeder: poolSeeder,
    },
    {
      plural: "healthmonitors",
      singular: "healthmonitor",
      name: "Health Monitor",
      collection: state.collection("load-balancer.healthmonitor"),
      seeder: healthMonitorSeeder,
    },
    {
      plural: "l7policies",
      singular: "l7policy",
      name: "L7 Policy",
      collection: state.collection("load-balancer.l7policy"),
      seeder: l7PolicySeeder,
    },
  ];
  const [listeners, pools] = [children[0]!.collection, children[1]!.collection];
  const delay = (): number => octaviaSettings(state).provisioningDelayMs;
  /** The controller worker finishing a task after the API answered. */
  const later = (task: () => void): void => {
    setTimeout(task, delay()).unref();
  };

  const roles = (c: Context<FakeEnv>): ReadonlySet<string> => caller(c).roleNames;
  const canRead = (c: Context<FakeEnv>): boolean => caller(c).isAdmin || READ_ROLES.some((r) => roles(c).has(r));
  const canWrite = (c: Context<FakeEnv>): boolean => caller(c).isAdmin || WRITE_ROLES.some((r) => roles(c).has(r));
  const seesAll = (c: Context<FakeEnv>): boolean =>
    caller(c).isAdmin || roles(c).has("load-balancer_admin") || roles(c).has("load-balancer_global_observer");
  const forbidden = (c: Context<FakeEnv>): Response => errorResponse(c, 403, POLICY_REFUSED);
  const notFound = (c: Context<FakeEnv>, name: string, id: string): Response =>
    errorResponse(c, 404, `${name} ${id} not found.`);
  const mine = (c: Context<FakeEnv>, record: ResourceRecord): boolean =>
    seesAll(c) || record["project_id"] === caller(c).projectId;
  /** Octavia hides DELETED rows from the API (`show_deleted=False`). */
  const live = (record: ResourceRecord | undefined): record is ResourceRecord =>
    record !== undefined && record["provisioning_status"] !== "DELETED";
  /** What a listing shows the caller: `live` and `mine`, with the caller's roles read once, not per record. */
  const listScope = (c: Context<FakeEnv>): ((record: ResourceRecord) => boolean) => {
    const all = seesAll(c);
    const projectId = caller(c).projectId;
    return (record) => live(record) && (all || record["project_id"] === projectId);
  };

  /** The load balancer a child belongs to: listeners and pools name it, monitors via their pool, L7 policies via their listener. */
  const lbIdOf = (child: ResourceRecord): string | undefined => {
    const direct = (child["loadbalancers"] as { id: string }[] | undefined)?.[0]?.id;
    if (direct !== undefined) return direct;
    const poolId = (child["pools"] as { id: string }[] | undefined)?.[0]?.id;
    if (poolId !== undefined) return (pools.get(poolId)?.["loadbalancers"] as { id: string }[] | undefined)?.[0]?.id;
    const listenerId = child["listener_id"];
    if (typeof listenerId === "string")
      return (listeners.get(listenerId)?.["loadbalancers"] as { id: string }[] | undefined)?.[0]?.id;
    return undefined;
  };

  /** Marks the load balancer PENDING_UPDATE for a child change, or answers the 409 Octavia answers. */
  const lockForChild = (c: Context<FakeEnv>, lbId: string): Response | undefined => {
    const lb = lbs.get(lbId);
    // octavia/api/v2/controllers/*.py _test_lb_and_*_statuses → ImmutableObject.
    if (lb?.["provisioning_status"] !== "ACTIVE") {
      return errorResponse(c, 409, `Load Balancer ${lbId} is immutable and cannot be updated.`);
    }
    lbs.update(lbId, { provisioning_status: "PENDING_UPDATE", updated_at: now() });
    return undefined;
  };
  const settle = (lbId: string): void => {
    if (lbs.get(lbId)?.["provisioning_status"] === "PENDING_UPDATE")
      lbs.update(lbId, { provisioning_status: "ACTIVE", updated_at: now() });
  };
  /** octavia/common/exceptions.py LBPendingStateError, raised by _test_lb_status. */
  const pendingState = (c: Context<FakeEnv>, lb: ResourceRecord): Response =>
    errorResponse(c, 409, `Invalid state ${String(lb["provisioning_status"])} of loadbalancer resource ${lb.id}`);

  const seedContext = (c: Context<FakeEnv>): SeedContext => ({
    state,
    now: new Date(),
    adminProjectId: caller(c).projectId,
    adminUserId: caller(c).userId,
  });
  const serviceProjectId = (): string => {
    for (const project of state.collection("identity.project").values())
      if (project["name"] === "service") return project.id;
    return "";
  };
  /** A new amphora and the Nova server it runs on, as the controller worker builds them. */
  const buildAmphora = (lbId: string, role: string, imageId: unknown): ResourceRecord => {
    const serverId = newUuid();
    const amphoraId = newUuid();
    const at = new Date();
    state
      .collection("compute.server")
      .insert(
        serverSeeder.build(
          { id: serverId, name: `amphora-${amphoraId}`, tenant_id: serviceProjectId(), metadata: {} },
          { state, now: at, adminProjectId: serviceProjectId(), adminUserId: "" },
        ),
      );
    return amphoraSeeder.build(
      {
        id: amphoraId,
        loadbalancer_id: lbId,
        compute_id: serverId,
        role,
        image_id: imageId ?? null,
        status: "ALLOCATED",
      },
      { state, now: at, adminProjectId: serviceProjectId(), adminUserId: "" },
    );
  };
  /** Replaces one amphora: the old one goes PENDING_DELETE then DELETED (and its server away), a new one is ALLOCATED. */
  const replaceAmphora = (amphora: ResourceRecord): void => {
    amphorae.update(amphora.id, { status: "PENDING_DELETE", updated_at: now() });
    const fresh = buildAmphora(
      String(amphora["loadbalancer_id"]),
      typeof amphora["role"] === "string" ? amphora["role"] : "STANDALONE",
      amphora["image_id"],
    );
    amphorae.insert({ ...fresh, status: "PENDING_CREATE" });
    later(() => {
      amphorae.update(amphora.id, { status: "DELETED", updated_at: now() });
      if (typeof amphora["compute_id"] === "string") state.collection("compute.server").delete(amphora["compute_id"]);
      amphorae.update(fresh.id, { status: "ALLOCATED", updated_at: now() });
      settle(String(amphora["loadbalancer_id"]));
    });
  };

  const resources = new Map<string, Hono<FakeEnv>>();
  {
    const app = new Hono<FakeEnv>({ strict: false });
    resources.set("lbaas/loadbalancers", app);
    // Load balancers.
    app.get("/", (c) => {
      if (!canRead(c)) return forbidden(c);
      return octaviaList(c, { collection: lbs, key: "loadbalancers", scope: listScope(c) });
    });
    app.get("/:id", (c) => {
      if (!canRead(c)) return forbidden(c);
      const lb = lbs.get(c.req.param("id"));
      if (!live(lb) || !mine(c, lb)) return notFound(c, "Load Balancer", c.req.param("id"));
      return jsonResponse(c, { loadbalancer: present(c, lb) });
    });
    app.post("/", async (c) => {
      if (!canWrite(c)) return forbidden(c);
      const body = (await jsonBody(c)) as { loadbalancer?: Record<string, unknown> } | undefined;
      const input = body?.loadbalancer;
      if (
        input === undefined ||
        (input["vip_subnet_id"] === undefined &&
          input["vip_network_id"] === undefined &&
          input["vip_port_id"] === undefined)
      ) {
        return errorResponse(
          c,
          400,
          "Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.",
        );
      }
      const record = loadBalancerSeeder.build(
        {
          ...input,
          id: newUuid(),
          project_id:
            caller(c).isAdmin && typeof input["project_id"] === "string" ? input["project_id"] : caller(c).projectId,
          provisioning_status: "PENDING_CREATE",
          operating_status: "OFFLINE",
        },
        seedContext(c),
      );
      lbs.insert(record);
      later(() => {
        if (lbs.get(record.id)?.["provisioning_status"] !== "PENDING_CREATE") return;
        amphorae.insert(buildAmphora(record.id, "STANDALONE", null));
        lbs.update(record.id, { provisioning_status: "ACTIVE", operating_status: "ONLINE", updated_at: now() });
      });
      return jsonResponse(c, { loadbalancer: present(c, record) }, 201);
    });
    app.put("/:id", async (c) => {
      if (!canWrite(c)) return forbidden(c);
      const lb = lbs.get(c.req.param("id"));
      if (!live(lb) || !mine(c, lb)) return notFound(c, "Load Balancer", c.req.param("id"));
      if (lb["provisioning_status"] !== "ACTIVE") return pendingState(c, lb);
      const body = (await jsonBody(c)) as { loadbalancer?: Record<string, unknown> } | undefined;
      const changes: Record<string, unknown> = {};
      for (const key of ["name", "description", "admin_state_up", "tags"]) {
        if (body?.loadbalancer?.[key] !== undefined) changes[key] = body.loadbalancer[key];
      }
      lbs.update(lb.id, { ...changes, provisioning_status: "PENDING_UPDATE", updated_at: now() });
      later(() => settle(lb.id));
      return jsonResponse(c, { loadbalancer: present(c, lb) });
    });
    app.delete("/:id", (c) => {
      if (!canWrite(c)) return forbidden(c);
      const lb = lbs.get(c.req.param("id"));
      if (!live(lb) || !mine(c, lb)) return notFound(c, "Load Balancer", c.req.param("id"));
      const cascade = ["1", "true", "t", "yes", "y", "on"].includes((queryOf(c).get("cascade") ?? "").toLowerCase());
      const kids = children.map((child) =>
        [...child.collection.values()].filter((r) => lbIdOf(r) === lb.id && live(r)),
      );
      if (!cascade && (kids[0]!.length > 0 || kids[1]!.length > 0)) {
        return errorResponse(c, 400, `Validation failure: Cannot delete Load Balancer ${lb.id} - it has children`);
      }
      // DELETABLE_STATUSES: ACTIVE or ERROR.
      if (lb["provisioning_status"] !== "ACTIVE" && lb["provisioning_status"] !== "ERROR") return pendingState(c, lb);
      lbs.update(lb.id, { provisioning_status: "PENDING_DELETE", updated_at: now() });
      children.forEach((child, index) => {
        for (const r of kids[index]!)
          child.collection.update(r.id, { provisioning_status: "PENDING_DELETE", updated_at: now() });
      });
      later(() => {
        children.forEach((child, index) => kids[index]!.forEach((r) => child.collection.delete(r.id)));
        for (const amphora of [...amphorae.values()]) {
          if (amphora["loadbalancer_id"] !== lb.id) continue;
          amphorae.update(amphora.id, { status: "DELETED", updated_at: now() });
          if (typeof amphora["compute_id"] === "string")
            state.collection("compute.server").delete(amphora["compute_id"]);
        }
        lbs.update(lb.id, { provisioning_status: "DELETED", operating_status: "OFFLINE", updated_at: now() });
      });
      return c.body(null, 204);
    });
    app.put("/:id/failover", (c) => {
      // load-balancer:loadbalancer:put_failover is admin only.
      if (!caller(c).isAdmin && !roles(c).has("load-balancer_admin")) return forbidden(c);
      const lb = lbs.get(c.req.param("id"));
      if (!live(lb)) return notFound(c, "Load Balancer", c.req.param("id"));
      // FAILOVERABLE_STATUSES: ACTIVE or ERROR (set_status_for_failover).
      if (lb["provisioning_status"] !== "ACTIVE" && lb["provisioning_status"] !== "ERROR") return pendingState(c, lb);
      lbs.update(lb.id, { provisioning_status: "PENDING_UPDATE", updated_at: now() });
      const current = [...amphorae.values()].filter((a) => a["loadbalancer_id"] === lb.id && a["status"] !== "DELETED");
      if (current.length === 0) {
        amphorae.insert(buildAmphora(lb.id, "STANDALONE", null));
        later(() => settle(lb.id));
      }
      for (const amphora of current) replaceAmphora(amphora);
      return c.body(null, 202);
    });

    // Children.
    for (const child of children) {
      const app = new Hono<FakeEnv>({ strict: false });
      resources.set(`lbaas/${child.plural}`, app);
      app.get("/", (c) => {
        if (!canRead(c)) return forbidden(c);
        return octaviaList(c, { collection: child.collection, key: child.plural, scope: listScope(c) });
      });
      app.get("/:id", (c) => {
        if (!canRead(c)) return forbidden(c);
        const record = child.collection.get(c.req.param("id"));
        if (!live(record) || !mine(c, record)) return notFound(c, child.name, c.req.param("id"));
        return jsonResponse(c, { [child.singular]: present(c, record) });
      });
      app.post("/", async (c) => {
        if (!canWrite(c)) return forbidden(c);
        const body = (await jsonBody(c)) as Record<string, Record<string, unknown> | undefined> | undefined;
        const input = body?.[child.singular];
        if (input === undefined)
          return errorResponse(
            c,
            400,
            `Invalid input for field/attribute ${child.singular}. Value: 'None'. Mandatory field missing.`,
          );
        const partial: ResourceRecord = {
          ...input,
          id: newUuid(),
          project_id: caller(c).projectId,
          provisioning_status: "PENDING_CREATE",
          operating_status: "OFFLINE",
        };
        // The API takes parent ids; the records show them as lists of {id}.
        if (typeof input["loadbalancer_id"] === "string") partial["loadbalancers"] = [{ id: input["loadbalancer_id"] }];
        if (typeof input["pool_id"] === "string") partial["pools"] = [{ id: input["pool_id"] }];
        if (typeof input["listener_id"] === "string" && child.singular === "pool") {
          partial["listeners"] = [{ id: input["listener_id"] }];
          partial["loadbalancers"] = listeners.get(input["listener_id"])?.["loadbalancers"];
        }
        Reflect.deleteProperty(partial, "loadbalancer_id");
        Reflect.deleteProperty(partial, "pool_id");
        let record: ResourceRecord;
        try {
          record = child.seeder.build(partial, seedContext(c));
        } catch (error) {
          return errorResponse(c, 400, `Validation failure: ${(error as Error).message}`);
        }
        const lbId = lbIdOf(record);
        const lb = lbId === undefined ? undefined : lbs.get(lbId);
        if (lbId === undefined || !live(lb) || !mine(c, lb)) return notFound(c, "Load Balancer", lbId ?? "");
        const refused = lockForChild(c, lbId);
        if (refused !== undefined) return refused;
        child.collection.insert(record);
        later(() => {
          child.collection.update(record.id, {
            provisioning_status: "ACTIVE",
            operating_status: "ONLINE",
            updated_at: now(),
          });
          settle(lbId);
        });
        return jsonResponse(c, { [child.singular]: present(c, record) }, 201);
      });
      app.delete("/:id", (c) => {
        if (!canWrite(c)) return forbidden(c);
        const record = child.collection.get(c.req.param("id"));
        if (!live(record) || !mine(c, record)) return notFound(c, child.name, c.req.param("id"));
        const lbId = lbIdOf(record);
        if (lbId !== undefined) {
          const refused = lockForChild(c, lbId);
          if (refused !== undefined) return refused;
        }
        child.collection.update(record.id, { provisioning_status: "PENDING_DELETE", updated_at: now() });
        later(() => {
          child.collection.delete(record.id);
          if (lbId !== undefined) settle(lbId);
        });
        return c.body(null, 204);
      });
    }
  }
  {
    const app = new Hono<FakeEnv>({ strict: false });
    resources.set("octavia/amphorae", app);
    // Amphorae: admin only (load-balancer:amphora:* is rule:load-balancer:admin).
    const amphoraAdmin = (c: Context<FakeEnv>): boolean => caller(c).isAdmin || roles(c).has("load-balancer_admin");
    app.get("/", (c) => {
      if (!amphoraAdmin(c)) return forbidden(c);
      return octaviaList(c, { collection: amphorae, key: "amphorae", scope: (r) => r["status"] !== "DELETED" });
    });
    app.get("/:id", (c) => {
      if (!amphoraAdmin(c)) return forbidden(c);
      const amphora = amphorae.get(c.req.param("id"));
      if (amphora === undefined || amphora["status"] === "DELETED") return notFound(c, "Amphora", c.req.param("id"));
      return jsonResponse(c, { amphora: present(c, amphora) });
    });
    app.put("/:id/failover", (c) => {
      if (!amphoraAdmin(c)) return forbidden(c);
      const amphora = amphorae.get(c.req.param("id"));
      if (amphora === undefined || amphora["status"] === "DELETED") return notFound(c, "Amphora", c.req.param("id"));
      const lbId = amphora["loadbalancer_id"];
      // octavia/api/v2/controllers/amphora.py FailoverController.put: test_and_set(PENDING_UPDATE, raise_exception).
      if (typeof lbId === "string") {
        const refused = lockForChild(c, lbId);
        if (refused !== undefined) return refused;
      }
      replaceAmphora(amphora);
      return c.body(null, 202);
    });
    // New in API version 2.20: only an ERROR amphora may be deleted; anything else is immutable.
    app.delete("/:id", (c) => {
      if (!amphoraAdmin(c)) return forbidden(c);
      const amphora = amphorae.get(c.req.param("id"));
      if (amphora === undefined || amphora["status"] === "DELETED") return notFound(c, "Amphora", c.req.param("id"));
      if (amphora["status"] !== "ERROR") {
        return errorResponse(c, 409, `Amphora ${amphora.id} is immutable and cannot be updated.`);
      }
      amphorae.update(amphora.id, { status: "PENDING_DELETE", updated_at: now() });
      later(() => {
        amphorae.update(amphora.id, { status: "DELETED", updated_at: now() });
        if (typeof amphora["compute_id"] === "string") state.collection("compute.server").delete(amphora["compute_id"]);
      });
      return c.body(null, 204);
    });
  }
  return resources;
}
