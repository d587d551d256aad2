// Every kind of record an inventory can hold, named `<service-type>.<resource>` in OpenStack's own words.

export const RESOURCE_TYPE_IDS = [
  "identity.project",
  "identity.domain",
  "compute.server",
  "compute.service",
  "block-storage.volume",
  "block-storage.attachment",
  "block-storage.snapshot",
  "block-storage.backup",
  "block-storage.service",
  "network.network",
  "network.subnet",
  "network.port",
  "network.router",
  "network.floatingip",
  "network.security-group",
  "network.security-group-rule",
  "network.rbac-policy",
  "network.agent",
  "load-balancer.loadbalancer",
  "load-balancer.listener",
  "load-balancer.pool",
  "load-balancer.healthmonitor",
  "load-balancer.l7policy",
  "load-balancer.amphora",
  "image.image",
  "image.member",
  "placement.resource-provider",
  "placement.allocation",
] as const;

export type ResourceTypeId = (typeof RESOURCE_TYPE_IDS)[number];
