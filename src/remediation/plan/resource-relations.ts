// Which other resources a step's resource must wait for: a parent is deleted only after its children (a network
// after its subnets and ports), and a resource in use only after its user (a volume after the server it is attached
// to). Read from the record when known, else from the finding's evidence.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";

export interface ResourceRef {
  type: ResourceTypeId;
  id: string;
}

const text = (record: Record<string, unknown>, field: string): string | null => {
  const value = record[field];
  return typeof value === "string" && value !== "" ? value : null;
};

const list = (record: Record<string, unknown>, field: string): Record<string, unknown>[] => {
  const value = record[field];
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object")
    : [];
};

/** The parents a record belongs to: their delete waits for this record's. */
export function parentsOf(type: ResourceTypeId, record: Record<string, unknown>): ResourceRef[] {
  const refs: ResourceRef[] = [];
  const add = (target: ResourceTypeId, id: string | null): void => {
    if (id !== null) refs.push({ type: target, id });
  };
  switch (type) {
    case "network.subnet":
      add("network.network", text(record, "network_id"));
      break;
    case "network.port":
      add("network.network", text(record, "network_id"));
      for (const ip of list(record, "fixed_ips")) add("network.subnet", text(ip, "subnet_id"));
      if (text(record, "device_owner") === "network:router_interface") add("network.router", text(record, "device_id"));
      break;
    case "network.security-group-rule":
      add("network.security-group", text(record, "security_group_id"));
      break;
    case "block-storage.snapshot":
      add("block-storage.volume", text(record, "volume_id"));
      break;
    case "shared-file-system.snapshot":
    case "shared-file-system.share-replica":
      add("shared-file-system.share", text(record, "share_id"));
      break;
    case "shared-file-system.share":
      add("shared-file-system.share-network", text(record, "share_network_id"));
      break;
    case "image.member":
      add("image.image", text(record, "image_id"));
      break;
    default:
      break;
  }
  return refs;
}

/** The resources using a record: this record's delete waits for theirs. */
export function usersOf(type: ResourceTypeId, record: Record<string, unknown>): ResourceRef[] {
  if (type === "block-storage.volume")
    return list(record, "attachments").flatMap((a) => {
      const server = text(a, "server_id");
      return server === null ? [] : [{ type: "compute.server" as const, id: server }];
    });
  if (type === "network.port") {
    const owner = text(record, "device_owner") ?? "";
    const device = text(record, "device_id");
    if (device === null || owner === "network:router_interface") return [];
    // A compute port waits for its server; an Octavia VIP port for its load balancer.
    return [
      { type: "compute.server", id: device },
      { type: "load-balancer.loadbalancer", id: device },
    ];
  }
  return [];
}
