// security-group-rule-open: ingress rules that open a sensitive port (or every port) to the whole internet.
// Report only: whether that is intended is the tenant's decision, never the scanner's.

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { num, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { listThreshold } from "../support/threshold.ts";

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);
/** Protocols whose port range means ports; for ICMP the range is type and code. */
const PORT_PROTOCOLS = new Set(["tcp", "udp", "sctp", "dccp", "udplite", "6", "17", "132", "33", "136"]);

export const securityGroupRuleOpen: Check = {
  id: "security-group-rule-open",
  title: "Ingress open to the internet on a sensitive port",
  description:
    "Ingress rules from 0.0.0.0/0 or ::/0 (or with no remote at all, which Neutron treats as anywhere) to a " +
    "sensitive port, or to all ports.",
  severity: "warning",
  needs: ["network.security-group-rule"],
  thresholds: { sensitivePorts: ["22", "3389", "3306", "5432", "6379", "9200", "11211", "27017", "2375", "2379"] },
  thresholdReasons: {
    sensitivePorts:
      "SSH, RDP, MySQL, PostgreSQL, Redis, Elasticsearch, memcached, MongoDB, the Docker API and etcd: services that must never be reachable from anywhere",
  },
  remediation: [STEP.report("the project's owner: exposing a port is the tenant's decision")],
  run(context) {
    const sensitive = listThreshold(context, "sensitivePorts").map(Number).filter(Number.isInteger);
    const detections: Detection[] = [];
    for (const rule of neededRecords(context.inventory, "network.security-group-rule")) {
      const id = keyOf("network.security-group-rule", rule);
      if (id === null || text(rule, "direction") !== "ingress") continue;
      const prefix = text(rule, "remote_ip_prefix");
      const noRemote =
        prefix === null && text(rule, "remote_group_id") === null && text(rule, "remote_address_group_id") === null;
      if (!noRemote && (prefix === null || !ANYWHERE.has(prefix))) continue;
      const protocol = text(rule, "protocol")?.toLowerCase() ?? null;
      if (protocol !== null && !PORT_PROTOCOLS.has(protocol)) continue;
      const min = num(rule, "port_range_min");
      const max = num(rule, "port_range_max") ?? min;
      const allPorts = min === null;
      const hit = allPorts ? [] : sensitive.filter((p) => p >= min && max !== null && p <= max);
      if (!allPorts && hit.length === 0) continue;
      const from = prefix ?? (text(rule, "ethertype") === "IPv6" ? "::/0" : "0.0.0.0/0");
      const what = allPorts
        ? `all ${protocol ?? "protocols and"} ports`
        : `${protocol ?? "any"} port ${hit.join(", ")}`;
      detections.push({
        resourceType: "network.security-group-rule",
        resourceId: id,
        summary: `ingress from ${from} to ${what} (group ${text(rule, "security_group_id") ?? "?"})`,
        evidence: pick(rule, [
          "security_group_id",
          "direction",
          "ethertype",
          "protocol",
          "port_range_min",
          "port_range_max",
          "remote_ip_prefix",
        ]),
        since: stateSince(rule),
      });
    }
    return detections;
  },
};
