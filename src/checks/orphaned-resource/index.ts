// orphaned-resource: resources whose owner project was deleted in Keystone. Nobody is billed for them, nobody will
// clean them up, and they hold quota-free capacity, addresses and storage.

import { resourceType } from "../../inventory/registry.ts";
import type { Inventory } from "../../inventory/inventory.ts";
import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Check, Detection, RemediationStep } from "../check.ts";
import { completeRecords, isConfirmedMissing, keyOf } from "../support/inventory-view.ts";
import type { ApiRecord } from "../../inventory/record-field.ts";
import { bool, num, object, text } from "../../inventory/record-field.ts";
import { STEP } from "../support/remediation-steps.ts";

/**
 * The owned types this check reads, in delete order, with the delete that removes each. Load balancer children go
 * with their load balancer (cascade), attachments with their server or volume, recordsets with their zone (named in
 * its evidence), image members and placement allocations have their own checks. A stack comes first: Heat deletes
 * what it created, and the steps for those resources then find them gone.
 */
const OWNED: readonly (readonly [ResourceTypeId, string, (record: ApiRecord) => RemediationStep])[] = [
  [
    "orchestration.stack",
    "stack",
    (stack) => STEP.stackDelete(text(stack, "stack_name") ?? "", text(stack, "id") ?? ""),
  ],
  ["dns.zone", "zone", STEP.zoneDelete],
  ["load-balancer.loadbalancer", "load balancer", STEP.loadbalancerDeleteCascade],
  ["compute.server", "server", STEP.serverDelete],
  ["shared-file-system.share-replica", "share replica", STEP.shareReplicaDelete],
  ["shared-file-system.snapshot", "share snapshot", STEP.shareSnapshotDelete],
  ["shared-file-system.share", "share", STEP.shareDelete],
  ["shared-file-system.share-network", "share network", STEP.shareNetworkDelete],
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
  [
    "object-store.container",
    "container",
    (container) =>
      STEP.containerDelete(
        text(container, "project_id"),
        text(container, "name"),
        num(container, "count"),
        num(container, "bytes"),
      ),
  ],
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
  optional: [...OWNED.map(([type]) => type), "dns.recordset"],
  thresholds: {},
  confirms: [{ type: "identity.project", idsFrom: "owner" }],
  remediation: OWNED.map(([, , remove]) => remove({ stack_name: "{stack_name}", id: "{stack_id}" })),
  run({ inventory }) {
    // Images booted by a live server: deleting a public or shared one would break other projects' servers.
    const servers = completeRecords(inventory, "compute.server");
    const imagesInUse = new Set(
      (servers ?? []).map((s) => object(s, "image")).flatMap((i) => (i === null ? [] : [text(i, "id") ?? ""])),
    );
    const detections: Detection[] = [];
    for (const [type, noun, remove] of OWNED) {
      const owners = ownerOf(inventory, type);
      const records = completeRecords(inventory, type);
      if (owners === null || records === null) continue;
      const ownerField = owners.field;
      for (const record of records) {
        const owner = owners.of(record);
        // The owner first: nearly every record has a live one, and its id is then never needed.
        if (owner === null || !isConfirmedMissing(inventory, "identity.project", owner)) continue;
        const id = keyOf(type, record);
        if (id === null) continue;
        detections.push({
          resourceType: type,
          resourceId: id,
          summary: `${noun} owned by deleted project ${owner}${holding(type, record)}`,
          evidence: {
            [ownerField]: owner,
            projectLookup: "GET /v3/projects/{id} → 404",
            ...stateEvidence(record),
            ...(type === "dns.zone" ? zoneRecords(inventory, text(record, "id")) : {}),
          },
          since: null,
          remediation: remediationFor(type, record, remove, servers === null ? null : imagesInUse),
        });
      }
    }
    return detections;
  },
};

/** What a container holds, in its summary: the bytes are why it matters. */
function holding(type: ResourceTypeId, record: ApiRecord): string {
  if (type !== "object-store.container") return "";
  return `: ${String(num(record, "bytes") ?? "?")} bytes in ${String(num(record, "count") ?? "?")} objects`;
}

/**
 * The names a zone of a deleted project still answers for (its recordsets but the SOA and NS that Designate keeps
 * itself): what a stranger inherits by registering the zone again. Absent when the recordsets were not listed.
 */
function zoneRecords(inventory: Inventory, zoneId: string | null): Record<string, unknown> {
  const recordsets = completeRecords(inventory, "dns.recordset");
  if (recordsets === null || zoneId === null) return {};
  const own = recordsets.filter((r) => text(r, "zone_id") === zoneId && !["SOA", "NS"].includes(text(r, "type") ?? ""));
  return { recordsets: own.map((r) => `${text(r, "name") ?? ""} ${text(r, "type") ?? ""}`) };
}

/**
 * How a type's records name their owner project: its owner field, or the owner of the record it belongs to (a share
 * replica's share); null when neither can be read (no owner, or the owning type's listing is incomplete).
 */
function ownerOf(
  inventory: Parameters<Check["run"]>[0]["inventory"],
  type: ResourceTypeId,
): { field: string; of: (record: ApiRecord) => string | null } | null {
  const { ownerField, ownerThrough } = resourceType(type);
  if (ownerField !== null) return { field: ownerField, of: (record) => text(record, ownerField) };
  if (ownerThrough === undefined) return null;
  const parentOwner = resourceType(ownerThrough.type).ownerField;
  const parents = completeRecords(inventory, ownerThrough.type);
  if (parentOwner === null || parents === null) return null;
  const owners = new Map<string, string>();
  for (const parent of parents) {
    const id = text(parent, "id");
    const owner = text(parent, parentOwner);
    if (id !== null && owner !== null) owners.set(id, owner);
  }
  const field = `${ownerThrough.field} → ${parentOwner}`;
  return { field, of: (record) => owners.get(text(record, ownerThrough.field) ?? "") ?? null };
}

function stateEvidence(record: ApiRecord): Record<string, unknown> {
  const evidence: Record<string, unknown> = {};
  for (const field of [
    "status",
    "provisioning_status",
    "stack_status",
    "action",
    "device_owner",
    "visibility",
    "shared",
    "router:external",
    "replica_state",
  ])
    if (field in record) evidence[field] = record[field];
  // A container's objects and bytes: what its deletion removes, stated in the plan.
  for (const field of ["count", "bytes"]) if (field in record) evidence[field] = record[field];
  return evidence;
}

function remediationFor(
  type: ResourceTypeId,
  record: ApiRecord,
  remove: (record: ApiRecord) => RemediationStep,
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
  // The active replica is the share itself: Manila deletes it with the share and refuses to delete it alone.
  if (type === "shared-file-system.share-replica" && text(record, "replica_state") === "active")
    return [STEP.report("nobody: Manila removes the active replica with its share")];
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
  return [remove(record)];
}
