// hypervisor-domain-unknown: a libvirt domain whose uuid is no instance Nova knows (absent from the complete server
// listing and 404 to GET /servers/{uuid}): a virtual machine Nova deleted but the hypervisor kept, or one Nova never
// knew. A running one burns CPU, memory and licences and holds its disks; Nova's own running_deleted_instance_action
// sees only domains of instances it once had. stacksweep only reports: what to do with it is the operator's call.

import type { Check, Detection } from "../check.ts";
import { isConfirmedMissing, neededRecords } from "../support/inventory-view.ts";
import { bool, pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

export const hypervisorDomainUnknown: Check = {
  id: "hypervisor-domain-unknown",
  title: "Hypervisor domain Nova does not know",
  description:
    "libvirt domains whose uuid is absent from Nova's complete server listing and answered 404 to " +
    "GET /servers/{uuid}; critical when the domain is running.",
  severity: "warning",
  needs: ["compute.hypervisor-domain", "compute.server"],
  thresholds: {},
  remediation: [
    STEP.report("the hypervisor's operator: virsh dumpxml the domain, then virsh destroy and undefine it on its host"),
  ],
  run({ inventory }) {
    const detections: Detection[] = [];
    for (const domain of neededRecords(inventory, "compute.hypervisor-domain")) {
      const uuid = text(domain, "uuid");
      if (uuid === null || !isConfirmedMissing(inventory, "compute.server", uuid)) continue;
      const running = bool(domain, "running") === true;
      detections.push({
        resourceType: "compute.hypervisor-domain",
        resourceId: uuid,
        summary: `${running ? "running" : "stopped"} domain ${text(domain, "name") ?? uuid} on ${text(domain, "host") ?? "?"} is no instance Nova knows`,
        evidence: { ...pick(domain, ["host", "name", "running"]), serverLookup: "GET /servers/{uuid} → 404" },
        since: null,
        severity: running ? "critical" : "warning",
      });
    }
    return detections;
  },
};
