// instance-host-mismatch: a server whose domain is defined on another hypervisor than the compute host Nova records
// (a migration that failed half-way, or an evacuation whose source came back). Nova acts on the wrong host: a reboot
// or delete misses the real machine; a copy running on two hosts writes to the same disks. Not judged while the
// server has a task under way (a live migration has a domain on both hosts by design).

import type { Check, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { hypervisorDomains, SERVER_HOST } from "../support/hypervisor-domains.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const instanceHostMismatch: Check = {
  id: "instance-host-mismatch",
  title: "Server whose domain is on another hypervisor",
  description:
    "Servers with no task under way whose uuid has a libvirt domain on a hypervisor other than the host Nova records; " +
    "critical when it runs on more than one host.",
  severity: "warning",
  needs: ["compute.server", "compute.hypervisor", "compute.hypervisor-domain"],
  thresholds: {},
  remediation: [
    STEP.report(
      "the cloud's operator: find which host's copy is current, then undefine the other or correct the server's host in Nova",
    ),
  ],
  run({ inventory }) {
    const { places } = hypervisorDomains(inventory);
    const detections: Detection[] = [];
    for (const server of neededRecords(inventory, "compute.server")) {
      const id = keyOf("compute.server", server);
      const host = text(server, SERVER_HOST);
      const status = text(server, "status");
      if (id === null || host === null || status === "UNKNOWN" || text(server, "OS-EXT-STS:task_state") !== null)
        continue;
      const at = places.get(id) ?? [];
      const elsewhere = at.filter((place) => place.host !== host);
      if (elsewhere.length === 0) continue;
      const running = at.filter((place) => place.running).map((place) => place.host);
      detections.push({
        resourceType: "compute.server",
        resourceId: id,
        summary: `Nova records host ${host}, but its domain is on ${elsewhere.map((place) => place.host).join(", ")}`,
        evidence: {
          ...pick(server, ["status", SERVER_HOST]),
          domainHosts: at.map((place) => place.host),
          runningOn: running,
        },
        since: stateSince(server, "updated", "created"),
        severity: running.length > 1 ? "critical" : "warning",
      });
    }
    return detections;
  },
};
