// orphaned-resource: resources whose owner project was deleted in Keystone. Nobody is billed for them, nobody will
// clean them up, and they hold quota-free capacity, addresses and storage.

import { resourceType } from "../../inventory/registry.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection, RemediationStep } from "../check.ts";
import { completeRecords, isConfirmedMissing, keyOf } from "../support/inventory-view.ts";
import type { ApiRecord } from "../support/record-field.ts";
import { bool, object, text } from "../support/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/**
 * The owned types this check reads, in delete order, with the delete that removes each. Load balancer children go
 * with their load balancer (cascade), attachments with their server or volume, image members and placement
 * allocations have their own checks.
 */
const OWNED: readonly (readonly [ResourceTypeId, string, () => RemediationStep])[] = [
  ["load-balancer.loadbalancer", "load balancer", STEP.loadbalancerDeleteCascade],
  ["compute.server", "server", STEP.serverDelete],
  ["network.floatingip", "floating IP", STEP.floatingipDelete],
  ["network.router", "router", STEP.routerDelete],
  ["network.port", "port", STEP.portDelete],
  ["network.subnet", "subnet", STEP.subnetDelete],
  ["network.network", "network", STEP.networkDelete],
  ["network.security-group-rule", "security group rule", STEP.securityGroupRuleDelete],
  ["network.security-group", "security group", STEP.securityGroupDelete],
  ["block-storage.snapshot", "snapshot", STEP.snapshotDelete],
  ["block-storage.backup", "backup", STEP.backupDelete],
  ["block-storage.volume", "volume", STEP.volumeDelete],
  ["image.image", "image", STEP.imageDelete],
  ["network.rbac-policy", "RBAC policy", STEP.rbacPolicyDelete],
];

export const orphanedResource: Check = {
  id: "orphaned-resource",
  title: "Resource of a deleted project",
  description:
    "Resources whose owner project is absent from the complete project list and answered 404 to " +
    "GET /v3/projects/{id} (once per distinct id). Resources with no owner (shared or external networks, router " +
    "gateway ports) are never orphans.",
  severity: "warning",
  needs: ["identity.project"],
  optional: OWNED.map(([type]) => type),
  thresholds: {},
  confirms: [{ type: "identity.project", idsFrom: "owner" }],
  remediation: OWNED.map(([, , remove]) => remove()),
  run({ inventory }) {
    // Images booted by a live server: deleting a public or shared one would break other projects' servers.
    const servers = completeRecords(inventory, "compute.server");
    const imagesInUse = new Set(
      (servers ?? []).map((s) => object(s, "image")).flatMap((i) => (i === null ? [] : [text(i, "id") ?? ""])),
    );
    const detections: Detection[] = [];
    for (const [type, noun, remove] of OWNED) {
      const ownerField = resourceType(type).ownerField;
      const records = completeRecords(inventory, type);
      if (ownerField === null || records === null) continue;
      for (const record of records) {
        const owner = text(record, ownerField);
        // The owner first: nearly every record has a live one, and its id is then never needed.
        if (owner === null || !isConfirmedMissing(inventory, "identity.project", owner)) continue;
        const id = keyOf(type, record);
        if (id === null) continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${noun} owned by deleted project ${owner}`,
          evidence: { [ownerField]: owner, projectLookup: "GET /v3/projects/{id} → 404", ...stateEvidence(record) },
          since: null,
          remediation: remediationFor(type, record, remove, servers === null ? null : imagesInUse),
        });
      }
    }
    return detections;
  },
};

function stateEvidence(record: ApiRecord): Record<string, unknown> {
  const evidence: Record<string, unknown> = {};
  for (const field of ["status", "provisioning_status", "device_owner", "visibility", "shared", "router:external"])
    if (field in record) evidence[field] = record[field];
  return evidence;
}

function remediationFor(
  type: ResourceTypeId,
  record: ApiRecord,
  remove: () => RemediationStep,
  imagesInUse: Set<string> | null,
): RemediationStep[] {
  if (type === "image.image") {
    const visibility = text(record, "visibility");
    const id = text(record, "id") ?? "";
    // Other projects may boot from public/shared/community images: only when no live server uses one (and the
    // servers are known) may it go.
    if (visibility !== "private" && (imagesInUse === null || imagesInUse.has(id)))
      return [
        STEP.report("the cloud operator: a public or shared image still used by servers (or servers not listed)"),
      ];
  }
  if (type === "network.network" && (bool(record, "shared") === true || bool(record, "router:external") === true))
    return [STEP.report("the cloud operator: other projects may have ports on this shared or external network")];
  if (type === "network.port") {
    const owner = text(record, "device_owner") ?? "";
    const deviceId = text(record, "device_id");
    if (owner === "network:router_interface" && deviceId !== null) return [STEP.routerRemoveInterface(deviceId)];
    // DHCP, floating IP and gateway ports are Neutron's own: they go with their network, floating IP or router.
    if (owner.startsWith("network:"))
      return [STEP.report("nobody: Neutron removes this port with its network, router or floating IP")];
  }
  return [remove()];
}
