// amphora-agent-unreachable: an ALLOCATED amphora of an ACTIVE load balancer whose agent does not answer the
// controller, or refuses its certificate. Heartbeats may still arrive (they are UDP from the amphora), so the health
// manager sees nothing wrong, but the next change to the load balancer fails on this amphora and sends it to ERROR.
// A load balancer that is not ACTIVE may be mid-change (an amphora rebooting): its agent's silence proves nothing.

import type { Check, CheckContext, Detection } from "../check.ts";
import { describeAmphorae, unansweredAgents } from "../support/amphora-agents.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { bool, pick, text, type ApiRecord } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import type { Inventory } from "../../inventory/inventory.ts";

/** The source's mark for an amphora outside the networks the scanner reaches: asked nothing, so nothing proven. */
const NOT_PROBED = "not-probed";

export const amphoraAgentUnreachable: Check = {
  id: "amphora-agent-unreachable",
  title: "Amphora agent not answering",
  description:
    "ALLOCATED amphorae of an ACTIVE load balancer whose agent does not answer GET /1.0/details with the " +
    "controller's certificate (refused, timed out, a certificate not for this amphora, or the controller's refused).",
  severity: "critical",
  needs: ["load-balancer.amphora-agent", "load-balancer.loadbalancer"],
  thresholds: {},
  remediation: [STEP.amphoraFailover("{loadbalancer_id}")],
  run({ inventory }) {
    const active = activeLoadBalancers(inventory);
    const detections: Detection[] = [];
    for (const agent of neededRecords(inventory, "load-balancer.amphora-agent")) {
      const id = keyOf("load-balancer.amphora-agent", agent);
      const lbId = text(agent, "loadbalancer_id");
      if (id === null || lbId === null || bool(agent, "answered") !== false || !active.has(lbId)) continue;
      if (text(agent, "failure") === NOT_PROBED) continue;
      detections.push({
        resourceType: "load-balancer.amphora",
        resourceId: id,
        summary: `amphora's agent does not answer: ${text(agent, "reason") ?? "no reason given"}`,
        evidence: pick(agent, ["failure", "reason", "lb_network_ip", "loadbalancer_id"]),
        since: null,
        remediation: [STEP.amphoraFailover(lbId), STEP.loadbalancerFailoverOf(lbId)],
      });
    }
    return detections;
  },
  undecided(context: CheckContext) {
    const active = activeLoadBalancers(context.inventory);
    const notProbed = unansweredAgents(context.inventory, (agent) => text(agent, "failure") === NOT_PROBED);
    const mute = unansweredAgents(context.inventory, (agent: ApiRecord) => {
      const lbId = text(agent, "loadbalancer_id");
      return text(agent, "failure") !== NOT_PROBED && (lbId === null || !active.has(lbId));
    });
    return [
      ...(notProbed.length === 0
        ? []
        : [`${describeAmphorae(notProbed)} not probed: lb_network_ip outside the networks the settings name`]),
      ...(mute.length === 0
        ? []
        : [`the agent of ${describeAmphorae(mute)} did not answer, but its load balancer is not ACTIVE`]),
    ];
  },
};

function activeLoadBalancers(inventory: Inventory): Set<string> {
  const ids = new Set<string>();
  for (const lb of neededRecords(inventory, "load-balancer.loadbalancer")) {
    const id = text(lb, "id");
    if (id !== null && text(lb, "provisioning_status") === "ACTIVE") ids.add(id);
  }
  return ids;
}
