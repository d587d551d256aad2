// instance-domain-missing: an ACTIVE or SHUTOFF server whose compute host's libvirt has no domain with its uuid (and
// no other host has one either: that is instance-host-mismatch). Nova shows a machine that does not exist; the owner's
// start or reboot fails. A host whose libvirt did not answer proves nothing: its servers are undecided, never missing.
// A server with a task under way (building, migrating, deleting) may be between domains and is not judged.

import type { Check, CheckContext, Detection } from "../check.ts";
import { stateSince } from "../../inventory/age.ts";
import { describeHosts, hypervisorDomains, SERVER_HOST } from "../support/hypervisor-domains.ts";
import { keyOf, neededRecords } from "../support/inventory-view.ts";
import { pick, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

const JUDGED_STATUSES = new Set(["ACTIVE", "SHUTOFF"]);

export const instanceDomainMissing: Check = {
  id: "instance-domain-missing",
  title: "Server with no domain on its hypervisor",
  description:
    "ACTIVE or SHUTOFF servers with no task under way whose compute host's libvirt answered without a domain of " +
    "their uuid, and no other hypervisor has one; critical when ACTIVE.",
  severity: "warning",
  needs: ["compute.server", "compute.hypervisor", "compute.hypervisor-domain"],
  thresholds: {},
  remediation: [
    STEP.report(
      'the server\'s operator: a hard reboot (POST /servers/{id}/action {"reboot":{"type":"HARD"}}) has Nova define the domain again from its records',
    ),
  ],
  run({ inventory }) {
    const { hosts, failed, places } = hypervisorDomains(inventory);
    const detections: Detection[] = [];
    for (const server of neededRecords(inventory, "compute.server")) {
      const id = keyOf("compute.server", server);
      const status = text(server, "status");
      const host = text(server, SERVER_HOST);
      if (id === null || host === null || status === null || !JUDGED_STATUSES.has(status)) continue;
      if (text(server, "OS-EXT-STS:task_state") !== null || !hosts.has(host) || failed.has(host)) continue;
      if (places.has(id)) continue;
      detections.push({
        resourceType: "compute.server",
        resourceId: id,
        summary: `${status} server has no domain on its host ${host}, nor on any other hypervisor`,
        evidence: { ...pick(server, ["status", SERVER_HOST, "OS-EXT-STS:vm_state"]), hypervisorsAsked: hosts.size },
        since: stateSince(server, "updated", "created"),
        severity: status === "ACTIVE" ? "critical" : "warning",
      });
    }
    return detections;
  },
  undecided({ inventory }: CheckContext) {
    const { hosts, failed } = hypervisorDomains(inventory);
    const silent = new Set<string>();
    const unlisted = new Set<string>();
    for (const server of neededRecords(inventory, "compute.server")) {
      const host = text(server, SERVER_HOST);
      const status = text(server, "status");
      if (host === null || status === null || !JUDGED_STATUSES.has(status)) continue;
      if (failed.has(host)) silent.add(host);
      else if (!hosts.has(host)) unlisted.add(host);
    }
    const reasons: string[] = [];
    for (const host of silent) reasons.push(`the servers of host ${host} are undecided: ${failed.get(host) ?? ""}`);
    if (unlisted.size > 0) {
      reasons.push(`the servers of ${describeHosts([...unlisted])} are undecided: no hypervisor of Nova's names it`);
    }
    return reasons;
  },
};
