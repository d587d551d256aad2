// The catalog's delete order (FINDINGS.md "Delete order"): children before parents, detach before delete,
// disassociate before release. A step's rank comes from its action, else from the type it acts on.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";

const TYPE_ORDER: readonly ResourceTypeId[] = [
  // A stack first: Heat deletes what it created in its own order, and the steps for those resources then find them
  // already gone (apply re-reads each one).
  "orchestration.stack",
  // A zone's recordsets go with it; nothing else depends on a zone.
  "dns.zone",
  "load-balancer.loadbalancer",
  "load-balancer.amphora",
  "compute.server",
  // A share network's share servers hold ports on the project's network: Manila goes before Neutron.
  "shared-file-system.share-replica",
  "shared-file-system.snapshot",
  "shared-file-system.share",
  "shared-file-system.share-network",
  "network.floatingip",
  "network.router", // interfaces (router.remove-interface) rank before, see ACTION_RANK
  "network.port",
  "network.subnet",
  "network.network",
  "network.security-group-rule",
  "network.security-group",
  "block-storage.snapshot",
  "block-storage.backup",
  "block-storage.attachment",
  "block-storage.volume",
  "image.member",
  "image.image",
  "network.rbac-policy",
  "object-store.container",
  "placement.allocation",
];

/** Actions whose place differs from their target type's: an interface leaves its router before the router goes. */
const ACTION_RANK: Readonly<Record<string, number>> = {
  "router.remove-interface": TYPE_ORDER.indexOf("network.router") - 0.5,
  // Detaching a volume from a server is part of the server's cleanup, before any volume is touched.
};

export function deleteRank(action: string, target: ResourceTypeId): number {
  const byAction = ACTION_RANK[action];
  if (byAction !== undefined) return byAction;
  const index = TYPE_ORDER.indexOf(target);
  return index === -1 ? TYPE_ORDER.length : index;
}
