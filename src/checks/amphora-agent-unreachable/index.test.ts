import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { runChecks } from "../run.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { amphoraAgentUnreachable } from "./index.ts";

const loadBalancers = [
  { id: "lb-active", provisioning_status: "ACTIVE" },
  { id: "lb-updating", provisioning_status: "PENDING_UPDATE" },
];

describe("amphora-agent-unreachable", () => {
  it("reports each silent agent of an ACTIVE load balancer with the reason, fixed by a failover", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.loadbalancer": loadBalancers,
        "load-balancer.amphora-agent": [
          { id: "a-ok", loadbalancer_id: "lb-active", answered: true, disk: { used: 1, available: 9 } },
          {
            id: "a-refused",
            loadbalancer_id: "lb-active",
            lb_network_ip: "192.0.2.11",
            answered: false,
            failure: "connection",
            reason: "192.0.2.11:9443: ECONNREFUSED",
          },
          {
            id: "a-impostor",
            loadbalancer_id: "lb-active",
            answered: false,
            failure: "agent-certificate",
            reason: "the certificate of 192.0.2.12:9443 is refused: Hostname/IP does not match certificate's altnames",
          },
        ],
      },
    });
    const detections = detect(amphoraAgentUnreachable, inventory);
    expect(detections.map((d) => d.resourceId)).toEqual(["a-refused", "a-impostor"]);
    expect(detections[0]).toMatchObject({
      resourceType: "load-balancer.amphora",
      summary: "amphora's agent does not answer: 192.0.2.11:9443: ECONNREFUSED",
      evidence: { failure: "connection", lb_network_ip: "192.0.2.11", loadbalancer_id: "lb-active" },
    });
    expect(detections[1]?.evidence).toMatchObject({ failure: "agent-certificate" });
    expect(detections[0]?.remediation?.[0]).toMatchObject({ action: "amphora.failover" });
  });

  it("leaves an amphora not probed, or of a load balancer mid-change, undecided: partial, not a finding", () => {
    const inventory = testInventory({
      resources: {
        "load-balancer.loadbalancer": loadBalancers,
        "load-balancer.amphora-agent": [
          { id: "a-rebooting", loadbalancer_id: "lb-updating", answered: false, failure: "timeout", reason: "x" },
          { id: "a-elsewhere", loadbalancer_id: "lb-active", answered: false, failure: "not-probed", reason: "y" },
        ],
      },
    });
    expect(detect(amphoraAgentUnreachable, inventory)).toEqual([]);
    expect(runChecks(inventory, [amphoraAgentUnreachable]).inconclusive[0]?.reason).toBe(
      "partial: amphora a-elsewhere not probed: lb_network_ip outside the networks the settings name; " +
        "the agent of amphora a-rebooting did not answer, but its load balancer is not ACTIVE",
    );
  });

  it("is inconclusive when the load balancer listing failed", () => {
    const inventory = testInventory({
      incomplete: { "load-balancer.loadbalancer": { status: "failed", reason: "octavia answered 503" } },
    });
    expect(runCheck(amphoraAgentUnreachable, inventory).inconclusive).toBe(true);
  });
});
