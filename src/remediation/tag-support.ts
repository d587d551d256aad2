// Which resource types carry tags or metadata (where the protect tag and tag rules can be read), which have names,
// and for the types that have neither, the parent whose protect tag covers them.

import type { ResourceTypeId } from "../inventory/resource-type-id.ts";

/** The record fields holding labels: `tags` (a list) or `metadata`/`properties` (a map whose keys count). */
export const LABEL_FIELDS: Partial<Record<ResourceTypeId, readonly ("tags" | "metadata")[]>> = {
  "compute.server": ["tags", "metadata"],
  "block-storage.volume": ["metadata"],
  "block-storage.snapshot": ["metadata"],
  "block-storage.backup": ["metadata"],
  "network.network": ["tags"],
  "network.subnet": ["tags"],
  "network.port": ["tags"],
  "network.router": ["tags"],
  "network.floatingip": ["tags"],
  "network.security-group": ["tags"],
  "load-balancer.loadbalancer": ["tags"],
  "image.image": ["tags"],
  "shared-file-system.share": ["metadata"],
};

/**
 * A type without labels is covered by its parent's protect tag: a rule goes with its security group, a member with
 * its image, an amphora with its load balancer, an attachment with its volume, an RBAC policy with its network.
 */
export const PROTECTING_PARENT: Partial<
  Record<ResourceTypeId, { field: string; type: ResourceTypeId; when?: { field: string; equals: string } }>
> = {
  "network.security-group-rule": { field: "security_group_id", type: "network.security-group" },
  "image.member": { field: "image_id", type: "image.image" },
  "load-balancer.amphora": { field: "loadbalancer_id", type: "load-balancer.loadbalancer" },
  "block-storage.attachment": { field: "volume_id", type: "block-storage.volume" },
  "shared-file-system.snapshot": { field: "share_id", type: "shared-file-system.share" },
  "shared-file-system.share-replica": { field: "share_id", type: "shared-file-system.share" },
  "network.rbac-policy": {
    field: "object_id",
    type: "network.network",
    when: { field: "object_type", equals: "network" },
  },
};

export function hasLabels(type: ResourceTypeId): boolean {
  return LABEL_FIELDS[type] !== undefined;
}

/** The labels of a record: its tags, and its metadata as both `key` and `key=value`. */
export function labelsOf(type: ResourceTypeId, record: Record<string, unknown>): Set<string> {
  const labels = new Set<string>();
  for (const field of LABEL_FIELDS[type] ?? []) {
    const value = record[field === "metadata" && type === "image.image" ? "properties" : field];
    if (Array.isArray(value)) for (const tag of value) if (typeof tag === "string") labels.add(tag);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        labels.add(key);
        if (typeof v === "string") labels.add(`${key}=${v}`);
      }
    }
  }
  return labels;
}
