// port-device-missing: ports whose device is gone: compute ports of deleted servers, and Octavia's own ports
// (VIP `octavia-lb-<lb>`, VRRP `octavia-lb-vrrp-<amphora>`, OVN health monitor `ovn-lb-hm-<subnet>`) left behind
// by a deleted load balancer, amphora or subnet. They hold IP addresses and quota.

import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../support/age.ts";
import { completeRecords, isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import type { ApiRecord } from "../support/record-field.ts";
import { pick, text } from "../support/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";
import { numberThreshold } from "../support/threshold.ts";

/** Ids of a complete listing whose records are not DELETED (Octavia keeps DELETED rows for a while). */
function liveIds(records: ApiRecord[] | null, statusField: string): Set<string> | null {
  if (records === null) return null;
  return new Set(
    records
      .filter((r) => text(r, statusField) !== "DELETED")
      .flatMap((r) => (text(r, "id") === null ? [] : [text(r, "id") ?? ""])),
  );
}

export const portDeviceMissing: Check = {
  id: "port-device-missing",
  title: "Port whose device is gone",
  description:
    "Ports with device_owner compute:* whose server answered 404, and Octavia ports (octavia-lb-*, ovn-lb-hm-*) " +
    "whose load balancer, amphora or subnet is gone.",
  severity: "warning",
  needs: ["network.port"],
  optional: ["compute.server", "load-balancer.loadbalancer", "load-balancer.amphora", "network.subnet"],
  // Octavia ports have no 404 confirmation: one created after its load balancer was listed must not look orphaned.
  thresholds: { minAgeSeconds: 3600 },
  remediation: [STEP.portDelete()],
  run(context) {
    const { inventory } = context;
    const minAge = numberThreshold(context, "minAgeSeconds");
    const lbs = liveIds(completeRecords(inventory, "load-balancer.loadbalancer"), "provisioning_status");
    const amphorae = liveIds(completeRecords(inventory, "load-balancer.amphora"), "status");
    const subnets = liveIds(completeRecords(inventory, "network.subnet"), "status");
    const detections: Detection[] = [];
    for (const port of neededRecords(inventory, "network.port")) {
      const owner = text(port, "device_owner") ?? "";
      const deviceId = text(port, "device_id");
      let gone: string | null = null;
      if (owner.startsWith("compute:")) {
        // Includes Octavia's VRRP ports once Nova plugged them into the amphora's server.
        if (deviceId !== null && isConfirmedMissing(inventory, "compute.server", deviceId)) gone = `server ${deviceId}`;
      } else if (owner === "Octavia" || owner.startsWith("ovn-lb-hm")) {
        const name = text(port, "name") ?? "";
        const unchangedFor = secondsSince(stateSince(port), context.now);
        if (unchangedFor === null || unchangedFor < minAge) continue;
        const vrrp = /^octavia-lb-vrrp-(.+)$/.exec(name);
        const vip = /^octavia-lb-(.+)$/.exec(name);
        const hm = /^ovn-lb-hm-(.+)$/.exec(name);
        if (owner === "Octavia" && vrrp?.[1] !== undefined) {
          if (amphorae !== null && !amphorae.has(vrrp[1])) gone = `amphora ${vrrp[1]}`;
        } else if (owner === "Octavia" && vip?.[1] !== undefined) {
          if (lbs !== null && !lbs.has(vip[1])) gone = `load balancer ${vip[1]}`;
        } else if (owner.startsWith("ovn-lb-hm") && hm?.[1] !== undefined) {
          if (subnets !== null && !subnets.has(hm[1])) gone = `subnet ${hm[1]}`;
        }
      }
      if (gone === null) continue;
      const id = keyOf("network.port", port);
      if (id === null) continue;
      const since = stateSince(port);
      const age = secondsSince(since, context.now);
      detections.push({
        resourceType: "network.port",
        resourceId: id,
        summary: `port of deleted ${gone}${age === null ? "" : ` (unchanged for ${formatDuration(age)})`}`,
        evidence: pick(port, ["device_owner", "device_id", "name", "status", "network_id", "fixed_ips", "updated_at"]),
        since,
      });
    }
    return detections;
  },
};
