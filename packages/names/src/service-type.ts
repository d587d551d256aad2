// The OpenStack services stacksweep speaks to, named by their official service-types-authority types,
// with the aliases a Keystone catalog may carry instead (older clouds register `volumev3`, `volume`, ...).

export const SERVICE_TYPES = [
  "identity",
  "compute",
  "block-storage",
  "network",
  "load-balancer",
  "image",
  "placement",
] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Catalog types that mean the same service, in order of preference. */
export const SERVICE_TYPE_ALIASES: Readonly<Record<ServiceType, readonly string[]>> = {
  identity: ["identity"],
  compute: ["compute"],
  "block-storage": ["block-storage", "volumev3", "volume", "block-store"],
  network: ["network"],
  "load-balancer": ["load-balancer"],
  image: ["image"],
  placement: ["placement"],
};
