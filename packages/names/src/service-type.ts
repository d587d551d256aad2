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
  "object-store",
  "orchestration",
  "dns",
  "key-manager",
  "shared-file-system",
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
  "object-store": ["object-store"],
  orchestration: ["orchestration"],
  dns: ["dns"],
  "key-manager": ["key-manager"],
  // Manila's v2 API; devstack and python-manilaclient register it as `sharev2` too.
  "shared-file-system": ["shared-file-system", "sharev2"],
};
