// A deterministic cloud of about N resources in the mix a real cloud has (ports > servers ≈ volumes > security
// group rules > floating IPs > load balancers; a few thousand projects at 100k), with some orphans of deleted
// projects and some errors, for benchmarks and `stacksweep fakecloud --resources N`. Records carry absolute ids
// and times (no references to resolve), so seeding 100k stays fast.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Scenario } from "@stacksweep/fakecloud";

export interface GeneratedCloud {
  scenario: Scenario;
  /** Resources generated per type (projects not counted). */
  counts: Partial<Record<ResourceTypeId, number>>;
  /** How many findings of each planted kind a scan with default thresholds reports. */
  expectedFindings: Record<string, number>;
}

/** mulberry32: a small, fast, seedable generator; the same seed always gives the same cloud. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORPHAN_EVERY = 50; // one project in 50 was deleted in Keystone
const SERVER_ERROR_RATE = 0.01;
const VOLUME_ERROR_RATE = 0.01;
const FIP_STALE_RATE = 0.03;

/** The names of a generated cloud's regions: devstack's first, then RegionTwo, RegionThree... */
export function regionNames(count: number): string[] {
  const words = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"];
  return Array.from({ length: count }, (_, index) => `Region${words[index] ?? String(index + 1)}`);
}

/**
 * `resources` per region; `regions` (default 1) clouds of that size behind one Keystone, whose projects own
 * resources in every region (each region its own networks, servers, volumes...).
 */
export function generateCloud(options: { resources: number; seed?: number; regions?: number }): GeneratedCloud {
  const total = Math.max(10, Math.floor(options.resources));
  const next = random(options.seed ?? 1);
  let serial = 0;
  /** A UUID that is unique in this cloud and the same for the same seed. */
  const uuid = (): string => {
    serial += 1;
    const hex = (Math.floor(next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, "0");
    const tail = serial.toString(16).padStart(12, "0");
    return `${hex}-${tail.slice(0, 4)}-4${tail.slice(4, 7)}-8${tail.slice(7, 10)}-${hex}${tail.slice(10, 12)}${hex.slice(0, 2)}`;
  };
  const base = Date.UTC(2026, 0, 1);
  const now = Date.now();
  const isoZ = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const isoMicro = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}.000000`;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

  const projectCount = Math.max(3, Math.round(total / 35));
  const projects: { id: string; name: string; deleted: boolean }[] = [];
  for (let index = 0; index < projectCount; index++) {
    projects.push({
      id: uuid().replaceAll("-", ""),
      name: `tenant-${String(index).padStart(5, "0")}`,
      deleted: index % ORPHAN_EVERY === ORPHAN_EVERY - 1,
    });
  }
  const counts: Partial<Record<ResourceTypeId, number>> = {};
  const expected: Record<string, number> = {};
  const expect = (check: string): void => {
    expected[check] = (expected[check] ?? 0) + 1;
  };
  const owned = (project: { deleted: boolean }): void => {
    if (project.deleted) expect("orphaned-resource");
  };

  /** One region's resources, owned by the cloud's projects. */
  const regionResources = (): Record<string, Record<string, unknown>[]> => {
    const resources: Record<string, Record<string, unknown>[]> = {};
    const add = (type: ResourceTypeId, record: Record<string, unknown>): void => {
      (resources[type] ??= []).push(record);
      counts[type] = (counts[type] ?? 0) + 1;
    };
    // Shared infrastructure: an external network every project's routers and floating IPs use.
    const publicNet = uuid();
    const publicSubnet = uuid();
    add("network.network", { id: publicNet, name: "public", project_id: "", "router:external": true, shared: true });
    add("network.subnet", {
      id: publicSubnet,
      name: "public-subnet",
      project_id: "",
      network_id: publicNet,
      cidr: "198.18.0.0/15",
    });

    // Per project: network, subnet, router, default security group with its four rules.
    const perProject = new Map<string, { subnet: string; network: string; group: string; ports: string[] }>();
    for (const project of projects) {
      const at = isoZ(base + Math.floor(next() * 86_400_000 * 30));
      const network = uuid();
      const subnet = uuid();
      const group = uuid();
      add("network.network", { id: network, name: `${project.name}-net`, project_id: project.id, created_at: at });
      add("network.subnet", {
        id: subnet,
        name: `${project.name}-subnet`,
        project_id: project.id,
        network_id: network,
        cidr: "10.0.0.0/24",
        created_at: at,
      });
      add("network.router", { id: uuid(), name: `${project.name}-router`, project_id: project.id, created_at: at });
      add("network.security-group", { id: group, name: "default", project_id: project.id, created_at: at });
      for (const [direction, ethertype] of [
        ["egress", "IPv4"],
        ["egress", "IPv6"],
        ["ingress", "IPv4"],
        ["ingress", "IPv6"],
      ] as const) {
        add("network.security-group-rule", {
          id: uuid(),
          project_id: project.id,
          security_group_id: group,
          direction,
          ethertype,
          created_at: at,
          ...(direction === "ingress" ? { remote_group_id: group } : {}),
        });
      }
      for (let i = 0; i < 8; i++) owned(project); // network, subnet, router, group and its four rules
      perProject.set(project.id, { subnet, network, group, ports: [] });
    }

    const remaining = Math.max(0, total - 2 - projectCount * 8);
    const servers = Math.round(remaining * 0.25);
    const extraPorts = Math.round(remaining * 0.1);
    const volumes = Math.round(remaining * 0.24);
    const floatingips = Math.round(remaining * 0.08);
    const loadbalancers = Math.round(remaining * 0.03);
    const images = Math.max(0, remaining - servers * 2 - extraPorts - volumes - floatingips - loadbalancers);

    const serverIds: {
      id: string;
      project: (typeof projects)[number];
      volumes: { id: string; delete_on_termination: boolean }[];
    }[] = [];
    for (let index = 0; index < servers; index++) {
      const project = pick(projects);
      const net = perProject.get(project.id)!;
      const id = uuid();
      const at = base + Math.floor(next() * 86_400_000 * 60);
      const error = next() < SERVER_ERROR_RATE;
      const attached: { id: string; delete_on_termination: boolean }[] = [];
      add("compute.server", {
        id,
        name: `vm-${index}`,
        tenant_id: project.id,
        status: error ? "ERROR" : "ACTIVE",
        created: isoZ(at),
        updated: isoZ(at),
        "os-extended-volumes:volumes_attached": attached,
      });
      if (error) expect("server-error");
      owned(project);
      const portId = uuid();
      add("network.port", {
        id: portId,
        project_id: project.id,
        network_id: net.network,
        device_owner: "compute:nova",
        device_id: id,
        fixed_ips: [{ subnet_id: net.subnet, ip_address: `10.0.${(index >> 8) & 255}.${(index & 255) + 1}` }],
        security_groups: [net.group],
        created_at: isoZ(at),
      });
      owned(project);
      net.ports.push(portId);
      serverIds.push({ id, project, volumes: attached });
    }
    for (let index = 0; index < extraPorts; index++) {
      const project = pick(projects);
      const net = perProject.get(project.id)!;
      add("network.port", {
        id: uuid(),
        name: `spare-${index}`,
        project_id: project.id,
        network_id: net.network,
        created_at: isoZ(base),
      });
      owned(project);
    }
    for (let index = 0; index < volumes; index++) {
      const id = uuid();
      const at = isoMicro(base + Math.floor(next() * 86_400_000 * 60));
      const server = serverIds.length > 0 && next() < 0.5 ? pick(serverIds) : undefined;
      const project = server?.project ?? pick(projects);
      const error = next() < VOLUME_ERROR_RATE;
      const record: Record<string, unknown> = {
        id,
        name: `vol-${index}`,
        size: pick([10, 20, 50, 100]),
        "os-vol-tenant-attr:tenant_id": project.id,
        created_at: at,
        updated_at: at,
      };
      if (error) {
        record["status"] = "error";
        expect("volume-error");
      } else if (server !== undefined) {
        record["attachments"] = [
          { server_id: server.id, device: `/dev/vd${String.fromCharCode(98 + Math.min(server.volumes.length, 24))}` },
        ];
        server.volumes.push({ id, delete_on_termination: false });
      }
      add("block-storage.volume", record);
      owned(project);
    }
    for (let index = 0; index < floatingips; index++) {
      const project = pick(projects);
      const net = perProject.get(project.id)!;
      const stale = next() < FIP_STALE_RATE;
      const portId = !stale && net.ports.length > 0 && next() < 0.7 ? pick(net.ports) : undefined;
      const updated = stale ? now - 10 * 86_400_000 : now - 3_600_000;
      add("network.floatingip", {
        id: uuid(),
        project_id: project.id,
        floating_network_id: publicNet,
        floating_ip_address: `198.18.${(index >> 8) & 255}.${index & 255}`,
        created_at: isoZ(updated - 86_400_000),
        updated_at: isoZ(updated),
        ...(portId === undefined ? {} : { port_id: portId }),
      });
      if (stale) expect("floatingip-unassociated");
      owned(project);
    }
    for (let index = 0; index < loadbalancers; index++) {
      const project = pick(projects);
      const net = perProject.get(project.id)!;
      add("load-balancer.loadbalancer", {
        id: uuid(),
        name: `lb-${index}`,
        project_id: project.id,
        vip_subnet_id: net.subnet,
        vip_network_id: net.network,
        created_at: isoMicro(base),
        updated_at: isoMicro(base),
      });
      owned(project);
    }
    for (let index = 0; index < images; index++) {
      const project = pick(projects);
      add("image.image", {
        id: uuid(),
        name: `image-${index}`,
        owner: project.id,
        visibility: "private",
        created_at: isoZ(base),
      });
      owned(project);
    }
    // Orchestration, DNS, Manila and object storage beside the budget above: a stack in one project of 20, a zone in one
    // of 4 with two records, a share on its share network with a snapshot in one of 25 (a Manila with no share at all
    // would leave its listings unproven, and every check on them inconclusive).
    projects.forEach((project, index) => {
      if (index % 25 === 0) {
        const shareNetwork = uuid();
        const share = uuid();
        add("shared-file-system.share-network", {
          id: shareNetwork,
          name: `share-net-${index}`,
          project_id: project.id,
          created_at: isoMicro(base),
        });
        add("shared-file-system.share", {
          id: share,
          name: `share-${index}`,
          project_id: project.id,
          share_network_id: shareNetwork,
          size: 10,
          created_at: isoMicro(base),
        });
        add("shared-file-system.snapshot", { id: uuid(), share_id: share, created_at: isoMicro(base) });
        for (let each = 0; each < 3; each++) owned(project);
      }
      if (index % 20 === 0) {
        add("orchestration.stack", {
          id: uuid(),
          stack_name: `stack-${index}`,
          project: project.id,
          creation_time: isoZ(base),
        });
        owned(project);
      }
      if (index % 4 === 0) {
        const zone = uuid();
        const name = `${project.name}.example.`;
        add("dns.zone", { id: zone, name, project_id: project.id, created_at: isoMicro(base) });
        owned(project);
        for (const host of ["www", "mail"])
          add("dns.recordset", { id: uuid(), zone_id: zone, name: `${host}.${name}`, created_at: isoMicro(base) });
      }
      // Object storage: a container of backups in one project of 10, every deleted project's among them (49, 99, ...).
      if (index % 10 === 9) {
        add("object-store.container", {
          project_id: project.id,
          name: "backups",
          count: 40,
          bytes: 40 * 2 ** 26,
          last_modified: isoMicro(base),
        });
        owned(project);
      }
    });
    return resources;
  };
  const [, ...others] = regionNames(Math.max(1, options.regions ?? 1));
  const resources = regionResources();
  const regions = Object.fromEntries(others.map((name) => [name, { resources: regionResources() }]));

  return {
    scenario: {
      name: `generated-${total}`,
      projects: projects.map((project) => ({
        id: project.id,
        name: project.name,
        ...(project.deleted ? { deleted: true } : {}),
      })),
      resources,
      ...(others.length === 0 ? {} : { regions }),
    },
    counts,
    expectedFindings: expected,
  };
}
