import { describe, expect, it } from "vitest";
import { testInventory } from "../../inventory/test-inventory.ts";
import { detect, runCheck } from "../support/check-harness.ts";
import { securityGroupRuleOpen } from "./index.ts";
import { describeStep } from "../../remediation/plan/describe-step.ts";

const rule = (id: string, fields: Record<string, unknown>) => ({
  id,
  security_group_id: "sg1",
  direction: "ingress",
  ethertype: "IPv4",
  protocol: "tcp",
  port_range_min: null,
  port_range_max: null,
  remote_ip_prefix: null,
  remote_group_id: null,
  remote_address_group_id: null,
  ...fields,
});

describe("security-group-rule-open", () => {
  it("reports SSH from anywhere, a range covering a database port, all ports, and a rule with no remote at all", () => {
    const inventory = testInventory({
      resources: {
        "network.security-group-rule": [
          rule("r1", { port_range_min: 22, port_range_max: 22, remote_ip_prefix: "0.0.0.0/0" }),
          rule("r2", { port_range_min: 5000, port_range_max: 6000, remote_ip_prefix: "::/0", ethertype: "IPv6" }),
          rule("r3", { protocol: null, remote_ip_prefix: "0.0.0.0/0" }),
          rule("r4", { port_range_min: 3389, port_range_max: 3389 }),
        ],
      },
    });
    const detections = detect(securityGroupRuleOpen, inventory);
    expect(detections.map((d) => d.summary)).toEqual([
      "ingress from 0.0.0.0/0 to tcp port 22 (group sg1)",
      "ingress from ::/0 to tcp port 5432 (group sg1)",
      "ingress from 0.0.0.0/0 to all protocols and ports (group sg1)",
      "ingress from 0.0.0.0/0 to tcp port 3389 (group sg1)",
    ]);
    expect(detections.every((d) => d.remediation === undefined)).toBe(true);
    expect(
      securityGroupRuleOpen.remediation.map((step) =>
        describeStep(step, { type: securityGroupRuleOpen.needs[0]!, id: "x" }),
      ),
    ).toEqual([expect.objectContaining({ action: "report", destructive: false })]);
  });

  it("does not fire on HTTPS from anywhere, SSH from a private range, egress, ICMP, or the default group's self rule", () => {
    const inventory = testInventory({
      resources: {
        "network.security-group-rule": [
          rule("r1", { port_range_min: 443, port_range_max: 443, remote_ip_prefix: "0.0.0.0/0" }),
          rule("r2", { port_range_min: 22, port_range_max: 22, remote_ip_prefix: "10.0.0.0/8" }),
          rule("r3", { direction: "egress", remote_ip_prefix: "0.0.0.0/0", protocol: null }),
          rule("r4", { protocol: "icmp", port_range_min: 8, port_range_max: 0, remote_ip_prefix: "0.0.0.0/0" }),
          rule("r5", { protocol: null, remote_group_id: "sg1" }),
        ],
      },
    });
    expect(detect(securityGroupRuleOpen, inventory)).toEqual([]);
  });

  it("uses the operator's list of sensitive ports", () => {
    const inventory = testInventory({
      resources: {
        "network.security-group-rule": [
          rule("r1", { port_range_min: 8080, port_range_max: 8080, remote_ip_prefix: "0.0.0.0/0" }),
        ],
      },
    });
    expect(detect(securityGroupRuleOpen, inventory, { sensitivePorts: ["8080"] })).toHaveLength(1);
  });

  it("is inconclusive when the rule listing is incomplete", () => {
    const inventory = testInventory({
      incomplete: { "network.security-group-rule": { status: "failed", reason: "500" } },
    });
    expect(runCheck(securityGroupRuleOpen, inventory).inconclusive).toBe(true);
  });
});
