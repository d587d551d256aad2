// loadbalancer.db-set-error: the opt-in database fix for a load balancer stuck in PENDING_* (the API answers 409 to
// everything): one conditional UPDATE of its row to ERROR, the old row kept in the audit log. The step after it
// (failover or cascade delete) finishes the repair through the API.
import type { Action } from "../action.ts";
import { defineAction, stateOf } from "../define-action.ts";
import { fillPath } from "../fill-template.ts";

const STATEMENT =
  "UPDATE load_balancer SET provisioning_status='ERROR' WHERE id='{id}' AND provisioning_status='{provisioning_status}'";

const base = defineAction({
  id: "loadbalancer.db-set-error",
  resourceType: "load-balancer.loadbalancer",
  destructive: false,
  stateAfter: () => ({ provisioning_status: "ERROR" }),
  preparesNext: true,
  // Never sent: execute below goes to the database. Declared so settle reads the load balancer through the API.
  request: { method: "GET", path: "/v2/lbaas/loadbalancers/{id}" },
  progress: (live) => ({ done: live !== null && stateOf(live) === "ERROR" }),
});

export const loadbalancerDbSetError: Action = {
  ...base,
  writesDatabase: true,
  describeCall: (step, fill = fillPath) => fill(STATEMENT, step),
  async execute(_session, step, context) {
    if (context.octaviaDatabase === null)
      throw new Error("no Octavia database connection is configured (remediation.octaviaDatabase in stacksweep.yaml)");
    const expected = String(step.params["provisioning_status"] ?? "");
    const { previous, changed } = await context.octaviaDatabase.setLoadBalancerError(step.target.id, expected);
    if (!changed) {
      throw new Error(
        `load_balancer row ${step.target.id} no longer shows provisioning_status ${expected}` +
          ` (now ${previous?.provisioning_status ?? "absent"}): nothing changed`,
      );
    }
    return { requestIds: [], previousState: previous, detail: { rowsChanged: 1 } };
  },
};
