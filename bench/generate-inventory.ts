// A synthetic inventory of about N records in a realistic mix, built in memory without a cloud, so the checks can
// be timed alone at sizes no fakecloud run reaches (1,000,000 records). Deterministic: the same N, the same records.

import type { Confirmation, Inventory } from "../src/inventory/inventory.ts";
import type { ResourceTypeId } from "../src/inventory/resource-type-id.ts";

type ApiRecord = Record<string, unknown>;

/**
 * Share of the records per type: ports > servers ≈ volumes > security group rules > floating IPs > load balancers,
 * as in a public cloud of small projects. Per-host types (services, agents, providers) are sized from the hosts.
 */
const MIX = {
  "network.port": 0.24,
  "compute.server": 0.13,
  "block-storage.volume": 0.13,
  "placement.allocation": 0.13,
  "block-storage.attachment": 0.08,
  "network.security-group-rule": 0.1,
  "network.floatingip": 0.04,
  "block-storage.snapshot": 0.03,
  "block-storage.backup": 0.015,
  "network.security-group": 0.015,
  "network.network": 0.01,
  "network.subnet": 0.01,
  "network.router": 0.008,
  "load-balancer.loadbalancer": 0.006,
  "load-balancer.listener": 0.006,
  "load-balancer.pool": 0.006,
  "load-balancer.healthmonitor": 0.004,
  "load-balancer.l7policy": 0.002,
  "load-balancer.amphora": 0.012,
  "image.image": 0.004,
  "image.member": 0.002,
  "network.rbac-policy": 0.001,
} as const satisfies Partial<Record<ResourceTypeId, number>>;

/** One project per this many records: a few thousand projects per 100,000 records. */
const RECORDS_PER_PROJECT = 40;
/** One in this many projects was deleted in Keystone: its resources are orphans. */
const DELETED_PROJECT_EVERY = 97;
/** One in this many references to a server points at one that no longer exists. */
const MISSING_SERVER_EVERY = 211;
const RECORDS_PER_HOST = 800;

const SCANNED_AT = "2025-06-01T12:00:00.000Z";

/** A UUID-shaped id, unique per (kind, index), so records cost what real ones cost. */
function uuid(kind: number, index: number): string {
  const hex = index.toString(16).padStart(12, "0");
  return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${hex}`;
}

function isoMinutesAgo(minutes: number): string {
  return new Date(Date.parse(SCANNED_AT) - minutes * 60_000).toISOString();
}

export function generateInventory(total: number): Inventory {
  const count = (type: keyof typeof MIX): number => Math.max(1, Math.round(total * MIX[type]));
  const projectCount = Math.max(10, Math.round(total / RECORDS_PER_PROJECT));
  const hostCount = Math.max(2, Math.round(total / RECORDS_PER_HOST));
  const projectId = (index: number): string => uuid(1, index % projectCount);
  const isDeleted = (index: number): boolean => (index % projectCount) % DELETED_PROJECT_EVERY === 7;
  const owner = (index: number, salt: number): string => projectId(index * 7919 + salt);
  const host = (index: number): string => `compute-${index % hostCount}`;

  const servers = count("compute.server");
  const serverId = (index: number): string =>
    index % MISSING_SERVER_EVERY === 3 ? uuid(2, servers + index) : uuid(2, index % servers);
  const volumes = count("block-storage.volume");
  const loadbalancers = count("load-balancer.loadbalancer");
  const securityGroups = count("network.security-group");
  const networks = count("network.network");
  const images = count("image.image");

  const resources: Partial<Record<ResourceTypeId, ApiRecord[]>> = {};
  const fill = (type: ResourceTypeId, size: number, make: (index: number) => ApiRecord): void => {
    const records: ApiRecord[] = new Array<ApiRecord>(size);
    for (let index = 0; index < size; index++) records[index] = make(index);
    // Through JSON, as a scan receives them: flat strings and plain objects, not the concatenations built here.
    resources[type] = JSON.parse(JSON.stringify(records)) as ApiRecord[];
  };

  const projects: ApiRecord[] = [];
  for (let index = 0; index < projectCount; index++) {
    if (isDeleted(index)) continue;
    projects.push({
      id: projectId(index),
      name: `project-${index}`,
      domain_id: "default",
      parent_id: "default",
      is_domain: false,
      enabled: true,
    });
  }
  resources["identity.project"] = JSON.parse(JSON.stringify(projects)) as ApiRecord[];

  fill("compute.server", servers, (i) => ({
    id: uuid(2, i),
    name: `vm-${i}`,
    status: i % 101 === 0 ? "ERROR" : i % 503 === 0 ? "BUILD" : "ACTIVE",
    tenant_id: owner(i, 2),
    user_id: uuid(30, i % 5000),
    created: isoMinutesAgo(10_000 + (i % 50_000)),
    updated: isoMinutesAgo(i % 10_000),
    locked: false,
    fault: i % 101 === 0 ? { code: 500, message: "No valid host was found." } : null,
    image: { id: uuid(20, i % images) },
    metadata: {},
    tags: [],
    "OS-EXT-STS:task_state": i % 307 === 0 ? "deleting" : null,
    "OS-EXT-STS:vm_state": i % 101 === 0 ? "error" : "active",
    "OS-EXT-SRV-ATTR:host": host(i),
    "OS-EXT-AZ:availability_zone": "nova",
    "os-extended-volumes:volumes_attached": i < volumes ? [{ id: uuid(3, i) }] : [],
  }));
  fill("compute.service", hostCount + 2, (i) => ({
    id: uuid(40, i),
    binary: i < hostCount ? "nova-compute" : i === hostCount ? "nova-scheduler" : "nova-conductor",
    host: i < hostCount ? host(i) : "controller",
    zone: i < hostCount ? "nova" : "internal",
    status: "enabled",
    state: i === 1 ? "down" : "up",
    updated_at: isoMinutesAgo(i === 1 ? 180 : 0),
    disabled_reason: null,
    forced_down: false,
  }));

  fill("block-storage.volume", volumes, (i) => {
    const attached = i % 3 !== 0;
    return {
      id: uuid(3, i),
      name: `volume-${i}`,
      status: i % 97 === 0 ? "error" : i % 401 === 0 ? "creating" : attached ? "in-use" : "available",
      size: 10 + (i % 90),
      attachments: attached
        ? [
            {
              id: uuid(4, i),
              attachment_id: uuid(4, i),
              server_id: serverId(i),
              volume_id: uuid(3, i),
              device: "/dev/vdb",
            },
          ]
        : [],
      multiattach: false,
      migration_status: null,
      volume_type: "__DEFAULT__",
      metadata: {},
      created_at: isoMinutesAgo(20_000 + (i % 40_000)),
      updated_at: isoMinutesAgo(i % 20_000),
      "os-vol-tenant-attr:tenant_id": owner(i, 3),
      "os-vol-host-attr:host": `cinder@lvm#pool${i % 4}`,
    };
  });
  fill("block-storage.attachment", count("block-storage.attachment"), (i) => ({
    id: uuid(4, i),
    status: "attached",
    instance: serverId(i),
    volume_id: uuid(3, i % volumes),
    attached_at: isoMinutesAgo(5000 + (i % 5000)),
    detached_at: null,
    attach_mode: "rw",
  }));
  fill("block-storage.snapshot", count("block-storage.snapshot"), (i) => ({
    id: uuid(5, i),
    name: `snap-${i}`,
    status: i % 89 === 0 ? "error" : i % 307 === 0 ? "creating" : "available",
    volume_id: uuid(3, i % volumes),
    size: 10,
    metadata: {},
    created_at: isoMinutesAgo(3000 + (i % 3000)),
    updated_at: isoMinutesAgo(3000 + (i % 3000)),
    "os-extended-snapshot-attributes:project_id": owner(i, 5),
    "os-extended-snapshot-attributes:progress": "100%",
  }));
  fill("block-storage.backup", count("block-storage.backup"), (i) => ({
    id: uuid(6, i),
    name: `backup-${i}`,
    status: i % 83 === 0 ? "error" : "available",
    volume_id: uuid(3, i % volumes),
    snapshot_id: null,
    size: 10,
    is_incremental: i % 2 === 0,
    fail_reason: i % 83 === 0 ? "backup driver failed" : null,
    created_at: isoMinutesAgo(6000 + (i % 3000)),
    updated_at: isoMinutesAgo(6000 + (i % 3000)),
    "os-backup-project-attr:project_id": owner(i, 6),
  }));
  fill("block-storage.service", 4, (i) => ({
    binary: i === 0 ? "cinder-scheduler" : "cinder-volume",
    host: i === 0 ? "controller" : `cinder@lvm${i}`,
    zone: "nova",
    status: "enabled",
    state: "up",
    updated_at: isoMinutesAgo(0),
    disabled_reason: null,
    cluster: null,
    frozen: false,
  }));

  fill("network.network", networks, (i) => ({
    id: uuid(7, i),
    name: `net-${i}`,
    project_id: owner(i, 7),
    status: i % 199 === 0 ? "ERROR" : "ACTIVE",
    shared: false,
    "router:external": i === 0,
    admin_state_up: true,
    tags: [],
    created_at: isoMinutesAgo(50_000),
    updated_at: isoMinutesAgo(50_000),
  }));
  fill("network.subnet", count("network.subnet"), (i) => ({
    id: uuid(8, i),
    name: `subnet-${i}`,
    project_id: owner(i, 7),
    network_id: uuid(7, i % networks),
    cidr: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
    ip_version: 4,
    tags: [],
    created_at: isoMinutesAgo(50_000),
    updated_at: isoMinutesAgo(50_000),
  }));
  fill("network.port", count("network.port"), (i) => {
    const kind = i % 10;
    // Most ports are servers'; the rest are Neutron's own (DHCP, router interfaces) or unbound.
    const deviceOwner =
      kind < 6 ? "compute:nova" : kind === 6 ? "network:dhcp" : kind === 7 ? "network:router_interface" : "";
    const deviceId = kind < 6 ? serverId(i) : kind === 6 ? `dhcp-${i % networks}` : kind === 7 ? uuid(9, i % 1000) : "";
    return {
      id: uuid(10, i),
      name: "",
      project_id: owner(i, 10),
      network_id: uuid(7, i % networks),
      device_owner: deviceOwner,
      device_id: deviceId,
      status: deviceOwner === "" ? "DOWN" : "ACTIVE",
      fixed_ips: [
        { subnet_id: uuid(8, i % networks), ip_address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      ],
      admin_state_up: true,
      "binding:host_id": kind < 6 ? host(i) : "",
      "binding:vif_type": kind < 8 ? "ovs" : "unbound",
      tags: [],
      created_at: isoMinutesAgo(10_000 + (i % 10_000)),
      updated_at: isoMinutesAgo(i % 10_000),
    };
  });
  fill("network.router", count("network.router"), (i) => ({
    id: uuid(9, i),
    name: `router-${i}`,
    project_id: owner(i, 9),
    status: "ACTIVE",
    admin_state_up: true,
    external_gateway_info: { network_id: uuid(7, 0) },
    tags: [],
    created_at: isoMinutesAgo(40_000),
    updated_at: isoMinutesAgo(40_000),
  }));
  fill("network.floatingip", count("network.floatingip"), (i) => ({
    id: uuid(11, i),
    floating_ip_address: `203.0.${(i >> 8) & 255}.${i & 255}`,
    project_id: owner(i, 11),
    port_id: i % 5 === 0 ? null : uuid(10, i),
    router_id: i % 5 === 0 ? null : uuid(9, i % 1000),
    fixed_ip_address: i % 5 === 0 ? null : "10.0.0.5",
    floating_network_id: uuid(7, 0),
    status: i % 5 === 0 ? "DOWN" : "ACTIVE",
    description: "",
    tags: [],
    created_at: isoMinutesAgo(20_000 + (i % 20_000)),
    updated_at: isoMinutesAgo(20_000 + (i % 20_000)),
  }));
  fill("network.security-group", securityGroups, (i) => ({
    id: uuid(12, i),
    name: i % 2 === 0 ? "default" : `sg-${i}`,
    project_id: owner(i, 12),
    stateful: true,
    description: "",
    tags: [],
    created_at: isoMinutesAgo(40_000),
    updated_at: isoMinutesAgo(40_000),
  }));
  fill("network.security-group-rule", count("network.security-group-rule"), (i) => {
    const open = i % 50 === 0;
    return {
      id: uuid(13, i),
      project_id: owner(i % securityGroups, 12),
      security_group_id: uuid(12, i % securityGroups),
      direction: i % 3 === 0 ? "egress" : "ingress",
      ethertype: "IPv4",
      protocol: open ? "tcp" : i % 4 === 0 ? null : "tcp",
      port_range_min: open ? 22 : 443,
      port_range_max: open ? 22 : 443,
      remote_ip_prefix: open ? "0.0.0.0/0" : i % 5 === 0 ? null : "10.0.0.0/8",
      // One in a thousand rules allows a group that no longer exists.
      remote_group_id: i % 5 === 0 ? uuid(12, i % 1000 === 0 ? securityGroups + i : i % securityGroups) : null,
      remote_address_group_id: null,
      description: "",
      created_at: isoMinutesAgo(40_000),
      updated_at: isoMinutesAgo(40_000),
    };
  });
  fill("network.rbac-policy", count("network.rbac-policy"), (i) => ({
    id: uuid(14, i),
    project_id: owner(i, 14),
    object_type: "network",
    object_id: uuid(7, i % networks),
    action: "access_as_shared",
    target_tenant: i % 4 === 0 ? "*" : owner(i, 15),
  }));
  fill("network.agent", hostCount + 3, (i) => ({
    id: uuid(15, i),
    agent_type: i < hostCount ? "Open vSwitch agent" : i === hostCount ? "DHCP agent" : "L3 agent",
    binary: i < hostCount ? "neutron-openvswitch-agent" : i === hostCount ? "neutron-dhcp-agent" : "neutron-l3-agent",
    host: i < hostCount ? host(i) : "network-1",
    alive: i !== 2,
    admin_state_up: true,
    availability_zone: i < hostCount ? null : "nova",
    heartbeat_timestamp: isoMinutesAgo(i === 2 ? 120 : 0)
      .replace("T", " ")
      .replace("Z", ""),
    started_at: isoMinutesAgo(100_000).replace("T", " ").replace("Z", ""),
    created_at: isoMinutesAgo(100_000).replace("T", " ").replace("Z", ""),
  }));

  const lbStatus = (i: number): string => (i % 151 === 0 ? "PENDING_UPDATE" : i % 139 === 0 ? "ERROR" : "ACTIVE");
  const lbChild = (type: ResourceTypeId, kind: number, extra: (i: number) => ApiRecord): void =>
    fill(type, count(type as keyof typeof MIX), (i) => ({
      id: uuid(kind, i),
      name: `${type.split(".")[1] ?? "lb"}-${i}`,
      project_id: owner(i % loadbalancers, 16),
      provisioning_status: lbStatus(i),
      operating_status: "ONLINE",
      created_at: isoMinutesAgo(30_000),
      updated_at: isoMinutesAgo(i % 10_000),
      ...extra(i),
    }));
  lbChild("load-balancer.loadbalancer", 16, (i) => ({
    provider: "amphora",
    vip_address: `10.1.${(i >> 8) & 255}.${i & 255}`,
    vip_port_id: uuid(10, i),
    vip_subnet_id: uuid(8, i % networks),
    vip_network_id: uuid(7, i % networks),
    flavor_id: null,
    tags: [],
  }));
  lbChild("load-balancer.listener", 17, (i) => ({
    protocol: "HTTP",
    protocol_port: 80,
    loadbalancers: [{ id: uuid(16, i % loadbalancers) }],
  }));
  lbChild("load-balancer.pool", 18, (i) => ({
    protocol: "HTTP",
    loadbalancers: [{ id: uuid(16, i % loadbalancers) }],
    listeners: [{ id: uuid(17, i) }],
  }));
  lbChild("load-balancer.healthmonitor", 19, (i) => ({ type: "HTTP", pools: [{ id: uuid(18, i) }] }));
  lbChild("load-balancer.l7policy", 21, (i) => ({ action: "REJECT", listener_id: uuid(17, i) }));
  fill("load-balancer.amphora", count("load-balancer.amphora"), (i) => ({
    id: uuid(22, i),
    loadbalancer_id: uuid(16, (i >> 1) % loadbalancers),
    compute_id: i % 173 === 0 ? uuid(2, servers + 1_000_000 + i) : uuid(2, i % servers),
    status: i % 131 === 0 ? "ERROR" : "ALLOCATED",
    role: i % 2 === 0 ? "MASTER" : "BACKUP",
    lb_network_ip: `172.16.${(i >> 8) & 255}.${i & 255}`,
    ha_ip: `10.1.${(i >> 8) & 255}.${i & 255}`,
    image_id: uuid(20, 0),
    compute_flavor: "amphora",
    cert_expiration: isoMinutesAgo(-500_000),
    created_at: isoMinutesAgo(30_000),
    updated_at: isoMinutesAgo(30_000),
  }));

  fill("image.image", images, (i) => ({
    id: uuid(20, i),
    name: `image-${i}`,
    status: i % 61 === 0 ? "queued" : "active",
    visibility: i % 10 === 0 ? "public" : i % 3 === 0 ? "shared" : "private",
    owner: owner(i, 20),
    os_hidden: false,
    protected: false,
    disk_format: "qcow2",
    container_format: "bare",
    size: 1 << 30,
    tags: [],
    created_at: isoMinutesAgo(60_000),
    updated_at: isoMinutesAgo(i % 60_000),
  }));
  fill("image.member", count("image.member"), (i) => ({
    image_id: uuid(20, (i * 3) % images),
    member_id: owner(i, 21),
    status: "accepted",
    created_at: isoMinutesAgo(50_000),
    updated_at: isoMinutesAgo(50_000),
  }));

  fill("placement.resource-provider", hostCount, (i) => ({
    uuid: uuid(23, i),
    name: host(i),
    generation: 10,
    parent_provider_uuid: null,
    root_provider_uuid: uuid(23, i),
  }));
  fill("placement.allocation", count("placement.allocation"), (i) => ({
    consumer_uuid: serverId(i),
    resource_provider_uuid: uuid(23, i % hostCount),
    resources: { VCPU: 2, MEMORY_MB: 4096, DISK_GB: 20 },
    consumer_generation: 1,
  }));

  return {
    schemaVersion: 1,
    cloud: "generated",
    region: "RegionOne",
    scannedAt: SCANNED_AT,
    caller: { userId: uuid(30, 0), projectId: projectId(0), domainId: "default" },
    resources,
    coverage: Object.fromEntries(
      Object.entries(resources).map(([type, records]) => [
        type,
        { status: "complete", count: records.length, requests: Math.ceil(records.length / 1000) },
      ]),
    ),
    confirmations: {
      "identity.project": missingIds(projectCount, isDeleted, projectId),
      "compute.server": missingServers(resources),
    },
    clock: [],
  };
}

function missingIds(
  count: number,
  isMissing: (index: number) => boolean,
  id: (index: number) => string,
): Record<string, Confirmation> {
  const confirmations: Record<string, Confirmation> = {};
  for (let index = 0; index < count; index++) if (isMissing(index)) confirmations[id(index)] = "missing";
  return confirmations;
}

/** What `collect()` would have confirmed: every referenced server id absent from the server listing answers 404. */
function missingServers(resources: Partial<Record<ResourceTypeId, ApiRecord[]>>): Record<string, Confirmation> {
  const present = new Set((resources["compute.server"] ?? []).map((server) => server.id as string));
  const confirmations: Record<string, Confirmation> = {};
  const note = (value: unknown): void => {
    if (typeof value === "string" && value !== "" && !present.has(value)) confirmations[value] = "missing";
  };
  for (const port of resources["network.port"] ?? []) {
    if (String(port.device_owner).startsWith("compute:")) note(port.device_id);
  }
  for (const attachment of resources["block-storage.attachment"] ?? []) note(attachment.instance);
  for (const amphora of resources["load-balancer.amphora"] ?? []) note(amphora.compute_id);
  for (const allocation of resources["placement.allocation"] ?? []) note(allocation.consumer_uuid);
  for (const volume of resources["block-storage.volume"] ?? []) {
    for (const attachment of volume.attachments as ApiRecord[]) note(attachment.server_id);
  }
  return confirmations;
}
