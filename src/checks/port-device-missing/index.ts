// port-device-missing: ports whose device is gone: compute ports of deleted servers, and Octavia's own ports
// (VIP `octavia-lb-<lb>`, VRRP `octavia-lb-vrrp-<amphora>`, OVN health monitor `ovn-lb-hm-<subnet>`) left behind
// by a deleted load balancer, amphora or subnet. They hold IP addresses and quota.

import { resourceType } from "../../inventory/registry.ts";
import { referenceValues } from "../../inventory/references-of.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection } from "../check.ts";
import { formatDuration, secondsSince, stateSince } from "../../inventory/age.ts";
import { completeRecords, isConfirmedMissing, keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/**
 * The devices a port's references name (declared on `network.port`: `device_id`, and the ids Octavia writes into
 * its ports' names), with the status field of a row the device's service keeps after deleting it, if any.
 */
const DEVICES: ReadonlyMap<ResourceTypeId, { noun: string; deletedStatus: string | null }> = new Map([
  ["compute.server", { noun: "server", deletedStatus: null }],
  ["load-balancer.loadbalancer", { noun: "load balancer", deletedStatus: "provisioning_status" }],
  ["load-balancer.amphora", { noun: "amphora", deletedStatus: "status" }],
  ["network.subnet", { noun: "subnet", deletedStatus: null }],
]);

const REFERENCES = resourceType("network.port").references.filter((reference) => DEVICES.has(reference.target));

export const portDeviceMissing: Check = {
  id: "port-device-missing",
  title: "Port whose device is gone",
  description:
    "Ports with device_owner compute:* whose server answered 404, and Octavia ports (octavia-lb-*, ovn-lb-hm-*) " +
    "whose load balancer, amphora or subnet answered 404 (or is listed DELETED).",
  severity: "warning",
  needs: ["network.port"],
  optional: [...DEVICES.keys()],
  thresholds: {},
  confirms: [
    { type: "compute.server", idsFrom: "device_id" },
    // Octavia's ports name their device; one listed DELETED has no 404 to look for again.
    { type: "load-balancer.loadbalancer", idsFrom: "name", onlyIf404: "device.lookup" },
    { type: "load-balancer.amphora", idsFrom: "name", onlyIf404: "device.lookup" },
    { type: "network.subnet", idsFrom: "name", onlyIf404: "device.lookup" },
  ],
  remediation: [STEP.portDelete()],
  run({ inventory, now }) {
    // Octavia's API hides DELETED rows, but a database source (or an older API) may list them: gone all the same.
    const deleted = new Map<ResourceTypeId, Set<string>>();
    for (const [type, { deletedStatus }] of DEVICES) {
      if (deletedStatus === null) continue;
      const ids = new Set<string>();
      for (const record of completeRecords(inventory, type) ?? []) {
        const id = text(record, "id");
        if (id !== null && text(record, deletedStatus) === "DELETED") ids.add(id);
      }
      deleted.set(type, ids);
    }
    const detections: Detection[] = [];
    for (const port of neededRecords(inventory, "network.port")) {
      let gone: { type: ResourceTypeId; id: string; how: string } | null = null;
      for (const reference of REFERENCES) {
        for (const value of referenceValues(port, reference)) {
          const show = resourceType(reference.target).show?.path ?? "";
          if (isConfirmedMissing(inventory, reference.target, value))
            gone = { type: reference.target, id: value, how: `GET ${show} → 404` };
          else if (deleted.get(reference.target)?.has(value) === true)
            gone = { type: reference.target, id: value, how: "listed DELETED" };
        }
      }
      const id = keyOf("network.port", port);
      if (gone === null || id === null) continue;
      const since = stateSince(port);
      const age = secondsSince(since, now);
      detections.push({
        resourceType: "network.port",
        resourceId: id,
        summary:
          `port of deleted ${DEVICES.get(gone.type)!.noun} ${gone.id}` +
          (age === null ? "" : ` (unchanged for ${formatDuration(age)})`),
        evidence: {
          ...pick(port, ["device_owner", "device_id", "name", "status", "network_id", "fixed_ips", "updated_at"]),
          device: { type: gone.type, id: gone.id, lookup: gone.how },
        },
        since,
      });
    }
    return detections;
  },
};
