// The demo cloud: three live projects with healthy servers, volumes, networks, routers, load balancers and
// images; a deleted project whose resources stayed behind; one planted instance of every finding in the
// findings catalog (each labelled `planted: <check>` in its name or description); and healthy look-alikes
// that a correct scan must not flag. `DEMO_EXPECTED_FINDINGS` lists exactly what a scan should report.

import type { ResourceTypeId } from "../../inventory/resource-type-id.ts";
import type { Scenario } from "@stacksweep/fakecloud";

/** Stable ids, so that the expected findings can name them. */
function uuid(group: number, n: number): string {
  return `de${group.toString(16).padStart(6, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

const GONE_PROJECT = "5e1f0b7c2a4d4e0f9d3b6a8c1e2f4a6b"; // "umbrella", deleted in Keystone
/** A user who left the company's LDAP directory: Keystone was never told, and kept what it owned. */
const GONE_USER = "3c9d2e1f0a4b4c5d8e7f6a5b4c3d2e1f";
const TRUST_OK = "0d4e8b2a6c1f4e3d9b7a5c3e1f2d4b6a";
const TRUST_GONE = "7e0c5a3b1d9f4e2c8a6b4d2f0e1c3a5b";
const ID = {
  // compute
  web1: uuid(1, 1),
  db1: uuid(1, 2),
  app1: uuid(1, 3),
  broken: uuid(1, 4),
  building: uuid(1, 5),
  rebooting: uuid(1, 6),
  cellDown: uuid(1, 7),
  volGhostServer: uuid(1, 8),
  goneServer: uuid(1, 9),
  missingServer: uuid(1, 10),
  deletedServer: uuid(1, 11),
  ampAcme: uuid(1, 12),
  ampError: uuid(1, 13),
  ampStopped: uuid(1, 14),
  ampOld: uuid(1, 15),
  ampOrphan: uuid(1, 16),
  ampSpare: uuid(1, 17),
  ampGone: uuid(1, 18),
  ghostAmpServer: uuid(1, 19),
  computeDown: uuid(1, 20),
  computeDisabled: uuid(1, 21),
  ghostConsumer: uuid(1, 22),
  rp1: uuid(1, 30),
  rp2: uuid(1, 31),
  // block storage
  data: uuid(2, 1),
  scratch: uuid(2, 2),
  volError: uuid(2, 3),
  volCreating: uuid(2, 4),
  volDetaching: uuid(2, 5),
  volGhostAttached: uuid(2, 6),
  volMismatch: uuid(2, 7),
  volGone: uuid(2, 8),
  volCellDown: uuid(2, 9),
  missingVolume: uuid(2, 10),
  snapOk: uuid(2, 11),
  snapError: uuid(2, 12),
  snapStuck: uuid(2, 13),
  snapGone: uuid(2, 14),
  snapVolumeGone: uuid(2, 15),
  backupOk: uuid(2, 21),
  backupError: uuid(2, 22),
  backupStuck: uuid(2, 23),
  backupGone: uuid(2, 24),
  // network
  publicNet: uuid(3, 1),
  publicSubnet: uuid(3, 2),
  acmeNet: uuid(3, 3),
  acmeSubnet: uuid(3, 4),
  globexNet: uuid(3, 5),
  globexSubnet: uuid(3, 6),
  goneNet: uuid(3, 7),
  goneSubnet: uuid(3, 8),
  acmeRouter: uuid(3, 9),
  globexRouter: uuid(3, 10),
  goneRouter: uuid(3, 11),
  portWeb1: uuid(3, 12),
  portDb1: uuid(3, 13),
  portApp1: uuid(3, 14),
  portDeadServer: uuid(3, 15),
  portVipAcme: uuid(3, 16),
  portVipGhost: uuid(3, 17),
  portRouterIf: uuid(3, 18),
  portGateway: uuid(3, 19),
  portGone: uuid(3, 20),
  portDhcpAcme: uuid(3, 21),
  fipAcme: uuid(3, 22),
  fipOld: uuid(3, 23),
  fipFresh: uuid(3, 24),
  fipGone: uuid(3, 25),
  sgAcmeDefault: uuid(3, 26),
  sgGlobexDefault: uuid(3, 27),
  sgInitechDefault: uuid(3, 28),
  sgWeb: uuid(3, 29),
  sgApp: uuid(3, 30),
  sgGone: uuid(3, 31),
  ruleHttps: uuid(3, 32),
  ruleSsh: uuid(3, 33),
  ruleDangling: uuid(3, 34),
  ruleGone: uuid(3, 35),
  missingGroup: uuid(3, 36),
  rbacOk: uuid(3, 37),
  rbacTargetGone: uuid(3, 38),
  rbacGone: uuid(3, 39),
  agentOvs1: uuid(3, 40),
  agentOvs2: uuid(3, 41),
  agentL3: uuid(3, 42),
  agentDhcp: uuid(3, 43),
  // load balancers
  lbAcme: uuid(4, 1),
  lbStuck: uuid(4, 2),
  lbError: uuid(4, 3),
  lbFresh: uuid(4, 4),
  lbInitechWeb: uuid(4, 5),
  lbGlobexWeb: uuid(4, 6),
  lbGone: uuid(4, 7),
  lbGhost: uuid(4, 8),
  listener: uuid(4, 9),
  pool: uuid(4, 10),
  monitor: uuid(4, 11),
  l7policy: uuid(4, 12),
  amphoraAcme: uuid(4, 21),
  amphoraError: uuid(4, 22),
  amphoraStopped: uuid(4, 23),
  amphoraOld: uuid(4, 24),
  amphoraNoServer: uuid(4, 25),
  amphoraOrphan: uuid(4, 26),
  amphoraSpare: uuid(4, 27),
  amphoraGone: uuid(4, 28),
  // images
  cirros: uuid(5, 1),
  amphoraImageOld: uuid(5, 2),
  amphoraImageNew: uuid(5, 3),
  golden: uuid(5, 4),
  queuedStuck: uuid(5, 5),
  queuedFresh: uuid(5, 6),
  goneImage: uuid(5, 7),
  // orchestration
  stackGone: uuid(6, 1),
  stackGoneNested: uuid(6, 2),
  stackFailed: uuid(6, 3),
  stackStuck: uuid(6, 4),
  stackOk: uuid(6, 5),
  stackUpdating: uuid(6, 6),
  // dns
  zoneGone: uuid(7, 1),
  zoneError: uuid(7, 2),
  zonePending: uuid(7, 3),
  zoneOk: uuid(7, 4),
  zoneFresh: uuid(7, 5),
  // shared file systems (Manila) and key manager (Barbican)
  shareOk: uuid(8, 1),
  shareError: uuid(8, 2),
  shareCreating: uuid(8, 3),
  shareGone: uuid(8, 4),
  shareSnapGone: uuid(8, 5),
  shareNetGone: uuid(8, 6),
  shareReplicaActiveGone: uuid(8, 7),
  shareReplicaGone: uuid(8, 8),
  secretOk: uuid(8, 11),
  secretGone: uuid(8, 12),
  containerGone: uuid(8, 13),
} as const;

export interface ExpectedFinding {
  check: string;
  resourceType: ResourceTypeId;
  resourceId: string;
}

const orphan = (resourceType: ResourceTypeId, resourceId: string): ExpectedFinding => ({
  check: "orphaned-resource",
  resourceType,
  resourceId,
});

/** Exactly the findings a scan of the demo cloud reports with default thresholds. */
export const DEMO_EXPECTED_FINDINGS: readonly ExpectedFinding[] = [
  orphan("orchestration.stack", `umbrella-web/${ID.stackGone}`),
  orphan("dns.zone", ID.zoneGone),
  orphan("load-balancer.loadbalancer", ID.lbGone),
  orphan("compute.server", ID.goneServer),
  orphan("network.floatingip", ID.fipGone),
  orphan("network.router", ID.goneRouter),
  orphan("network.port", ID.portGone),
  orphan("network.subnet", ID.goneSubnet),
  orphan("network.network", ID.goneNet),
  orphan("network.security-group-rule", ID.ruleGone),
  orphan("network.security-group", ID.sgGone),
  orphan("block-storage.snapshot", ID.snapGone),
  orphan("block-storage.backup", ID.backupGone),
  orphan("block-storage.volume", ID.volGone),
  orphan("image.image", ID.goneImage),
  orphan("network.rbac-policy", ID.rbacGone),
  orphan("object-store.container", `${GONE_PROJECT}/backups`),
  orphan("object-store.container", `${GONE_PROJECT}/media`),
  orphan("shared-file-system.share-replica", ID.shareReplicaActiveGone),
  orphan("shared-file-system.share-replica", ID.shareReplicaGone),
  orphan("shared-file-system.snapshot", ID.shareSnapGone),
  orphan("shared-file-system.share", ID.shareGone),
  orphan("shared-file-system.share-network", ID.shareNetGone),
  { check: "share-error", resourceType: "shared-file-system.share", resourceId: ID.shareError },
  { check: "share-stuck", resourceType: "shared-file-system.share", resourceId: ID.shareCreating },
  { check: "trust-orphaned", resourceType: "identity.trust", resourceId: TRUST_GONE },
  { check: "volume-error", resourceType: "block-storage.volume", resourceId: ID.volError },
  { check: "volume-stuck", resourceType: "block-storage.volume", resourceId: ID.volCreating },
  { check: "volume-attached-to-missing-server", resourceType: "block-storage.volume", resourceId: ID.volGhostAttached },
  { check: "volume-attach-status-mismatch", resourceType: "block-storage.volume", resourceId: ID.volMismatch },
  { check: "server-volume-missing", resourceType: "compute.server", resourceId: ID.volGhostServer },
  { check: "snapshot-error", resourceType: "block-storage.snapshot", resourceId: ID.snapError },
  { check: "snapshot-volume-missing", resourceType: "block-storage.snapshot", resourceId: ID.snapVolumeGone },
  { check: "snapshot-stuck", resourceType: "block-storage.snapshot", resourceId: ID.snapStuck },
  { check: "backup-error", resourceType: "block-storage.backup", resourceId: ID.backupError },
  { check: "backup-stuck", resourceType: "block-storage.backup", resourceId: ID.backupStuck },
  { check: "server-error", resourceType: "compute.server", resourceId: ID.broken },
  { check: "server-stuck-build", resourceType: "compute.server", resourceId: ID.building },
  { check: "server-stuck-task", resourceType: "compute.server", resourceId: ID.rebooting },
  { check: "loadbalancer-stuck-pending", resourceType: "load-balancer.loadbalancer", resourceId: ID.lbStuck },
  { check: "loadbalancer-error", resourceType: "load-balancer.loadbalancer", resourceId: ID.lbError },
  { check: "amphora-error", resourceType: "load-balancer.amphora", resourceId: ID.amphoraError },
  { check: "amphora-failover-stopped", resourceType: "load-balancer.amphora", resourceId: ID.amphoraStopped },
  { check: "amphora-orphaned", resourceType: "load-balancer.amphora", resourceId: ID.amphoraOrphan },
  { check: "amphora-server-missing", resourceType: "load-balancer.amphora", resourceId: ID.amphoraNoServer },
  { check: "amphora-outdated", resourceType: "load-balancer.amphora", resourceId: ID.amphoraOld },
  { check: "port-device-missing", resourceType: "network.port", resourceId: ID.portDeadServer },
  { check: "port-device-missing", resourceType: "network.port", resourceId: ID.portVipGhost },
  { check: "floatingip-unassociated", resourceType: "network.floatingip", resourceId: ID.fipOld },
  { check: "security-group-rule-dangling", resourceType: "network.security-group-rule", resourceId: ID.ruleDangling },
  { check: "security-group-rule-open", resourceType: "network.security-group-rule", resourceId: ID.ruleSsh },
  { check: "rbac-policy-target-missing", resourceType: "network.rbac-policy", resourceId: ID.rbacTargetGone },
  { check: "image-member-missing", resourceType: "image.member", resourceId: `${ID.golden}/${GONE_PROJECT}` },
  { check: "image-stuck", resourceType: "image.image", resourceId: ID.queuedStuck },
  { check: "allocation-orphaned", resourceType: "placement.allocation", resourceId: ID.ghostConsumer },
  { check: "service-down", resourceType: "compute.service", resourceId: ID.computeDown },
  { check: "service-down", resourceType: "block-storage.service", resourceId: "cinder-volume/cinder-2@lvm" },
  { check: "network-resource-error", resourceType: "network.router", resourceId: ID.globexRouter },
  { check: "clock-skew", resourceType: "network.agent", resourceId: "neutron-openvswitch-agent@compute-2" },
  { check: "stack-failed", resourceType: "orchestration.stack", resourceId: `acme-db/${ID.stackFailed}` },
  { check: "stack-stuck", resourceType: "orchestration.stack", resourceId: `globex-app/${ID.stackStuck}` },
  { check: "zone-error", resourceType: "dns.zone", resourceId: ID.zoneError },
  { check: "zone-stuck-pending", resourceType: "dns.zone", resourceId: ID.zonePending },
];

/** The default security group Neutron gives every project: all egress, ingress only from its own members. */
function defaultGroup(
  id: string,
  project: string,
  group: number,
): { group: Record<string, unknown>; rules: Record<string, unknown>[] } {
  const rule = (n: number, direction: string, ethertype: string): Record<string, unknown> => ({
    id: uuid(6, group * 10 + n),
    project_id: project,
    security_group_id: id,
    direction,
    ethertype,
    belongs_to_default_sg: true,
    ...(direction === "ingress" ? { remote_group_id: id } : {}),
    created_at: "-30d",
  });
  return {
    group: { id, name: "default", description: "Default security group", project_id: project, created_at: "-30d" },
    rules: [
      rule(1, "egress", "IPv4"),
      rule(2, "egress", "IPv6"),
      rule(3, "ingress", "IPv4"),
      rule(4, "ingress", "IPv6"),
    ],
  };
}

export function demoScenario(): Scenario {
  const acmeDefault = defaultGroup(ID.sgAcmeDefault, "@project/acme", 1);
  const globexDefault = defaultGroup(ID.sgGlobexDefault, "@project/globex", 2);
  const initechDefault = defaultGroup(ID.sgInitechDefault, "@project/initech", 3);
  const server = (id: string, name: string, project: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    tenant_id: `@project/${project}`,
    created: "-20d",
    updated: "-20d",
    ...extra,
  });
  const amphoraServer = (id: string) =>
    server(id, `amphora-${id.slice(-4)}`, "service", { created: "-2d", updated: "-2d" });
  const port = (id: string, project: string, network: string, extra: Record<string, unknown>) => ({
    id,
    project_id: project === "" ? "" : `@project/${project}`,
    network_id: network,
    created_at: "-20d",
    ...extra,
  });
  const volume = (id: string, name: string, project: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    "os-vol-tenant-attr:tenant_id": `@project/${project}`,
    created_at: "-10d",
    updated_at: "-10d",
    ...extra,
  });
  const lb = (id: string, name: string, project: string, extra: Record<string, unknown> = {}) => ({
    id,
    name,
    project_id: `@project/${project}`,
    vip_subnet_id: ID.acmeSubnet,
    vip_network_id: ID.acmeNet,
    created_at: "-15d",
    updated_at: "-15d",
    ...extra,
  });
  const amphora = (id: string, lbId: string | null, serverId: string | null, extra: Record<string, unknown> = {}) => ({
    id,
    loadbalancer_id: lbId,
    compute_id: serverId,
    image_id: ID.amphoraImageNew,
    created_at: "-2d",
    updated_at: "-2d",
    ...extra,
  });

  return {
    name: "demo",
    description: "A small cloud with one planted instance of every stacksweep finding and healthy look-alikes.",
    projects: [
      { name: "acme", description: "Acme Corp web shop" },
      { name: "globex", description: "Globex analytics" },
      { name: "initech", description: "Initech internal tools" },
      { id: GONE_PROJECT, name: "umbrella", deleted: true },
    ],
    users: [
      { name: "alice", password: "alice-demo", roles: [{ project: "acme", role: "member" }] },
      { name: "bob", password: "bob-demo", roles: [{ project: "acme", role: "member" }] },
    ],
    resources: {
      "compute.server": [
        server(ID.web1, "web-1", "acme", { image: { id: ID.cirros } }),
        server(ID.db1, "db-1", "acme", {
          "os-extended-volumes:volumes_attached": [{ id: ID.data, delete_on_termination: false }],
        }),
        server(ID.app1, "app-1", "globex", {
          "os-extended-volumes:volumes_attached": [{ id: ID.volDetaching, delete_on_termination: false }],
        }),
        server(ID.broken, "planted: server-error", "globex", { status: "ERROR", updated: "-5h" }),
        server(ID.building, "planted: server-stuck-build", "initech", { status: "BUILD", updated: "-3h" }),
        server(ID.rebooting, "planted: server-stuck-task", "initech", {
          "OS-EXT-STS:task_state": "rebooting",
          updated: "-2h",
        }),
        // Look-alike: a server in a down cell shows UNKNOWN; it is not missing.
        server(ID.cellDown, "healthy: down cell", "initech", {
          "fakecloud:down_cell": true,
          "os-extended-volumes:volumes_attached": [{ id: ID.volCellDown, delete_on_termination: false }],
        }),
        server(ID.volGhostServer, "planted: server-volume-missing", "acme", {
          "os-extended-volumes:volumes_attached": [{ id: ID.missingVolume, delete_on_termination: false }],
        }),
        server(ID.goneServer, "orphan of umbrella", "umbrella"),
        amphoraServer(ID.ampAcme),
        amphoraServer(ID.ampError),
        amphoraServer(ID.ampStopped),
        amphoraServer(ID.ampOld),
        amphoraServer(ID.ampOrphan),
        amphoraServer(ID.ampSpare),
        amphoraServer(ID.ampGone),
      ],
      "compute.service": [
        { binary: "nova-compute", host: "compute-1" },
        { binary: "nova-compute", host: "compute-2" },
        { id: ID.computeDown, binary: "nova-compute", host: "compute-3", state: "down" },
        // Look-alike: a disabled service (maintenance) is down on purpose.
        {
          id: ID.computeDisabled,
          binary: "nova-compute",
          host: "compute-4",
          state: "down",
          status: "disabled",
          disabled_reason: "hardware maintenance",
        },
        { binary: "nova-scheduler", host: "controller-1" },
        { binary: "nova-conductor", host: "controller-1" },
      ],
      "placement.resource-provider": [
        { id: ID.rp1, name: "compute-1" },
        { id: ID.rp2, name: "compute-2" },
      ],
      "placement.allocation": [
        {
          id: ID.web1,
          project_id: "@project/acme",
          allocations: { [ID.rp1]: { resources: { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 } } },
        },
        {
          id: ID.db1,
          project_id: "@project/acme",
          allocations: { [ID.rp2]: { resources: { VCPU: 2, MEMORY_MB: 2048, DISK_GB: 20 } } },
        },
        { id: ID.ghostConsumer, allocations: { [ID.rp1]: { resources: { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 } } } },
      ],
      "block-storage.volume": [
        volume(ID.data, "db-data", "acme", { attachments: [{ server_id: ID.db1, device: "/dev/vdb" }] }),
        volume(ID.scratch, "scratch", "acme"),
        volume(ID.volError, "planted: volume-error", "acme", { status: "error", updated_at: "-1d" }),
        volume(ID.volCreating, "planted: volume-stuck", "globex", { status: "creating", updated_at: "-3h" }),
        // Look-alike: detaching for two minutes is an ordinary detach.
        volume(ID.volDetaching, "healthy: detaching for 2 minutes", "globex", {
          status: "detaching",
          updated_at: "-2m",
          attachments: [{ server_id: ID.app1 }],
        }),
        volume(ID.volGhostAttached, "planted: volume-attached-to-missing-server", "initech", {
          attachments: [{ server_id: ID.missingServer }],
          updated_at: "-2d",
        }),
        volume(ID.volMismatch, "planted: volume-attach-status-mismatch", "initech", {
          status: "in-use",
          updated_at: "-1h",
        }),
        volume(ID.volCellDown, "healthy: attached to a server in a down cell", "initech", {
          attachments: [{ server_id: ID.cellDown }],
        }),
        volume(ID.volGone, "orphan of umbrella", "umbrella"),
      ],
      // The deleted project's Manila debris: a replicated share on its share network, with a snapshot.
      "shared-file-system.share-network": [
        { id: ID.shareNetGone, name: "umbrella-share-net", project_id: "@project/umbrella", created_at: "-60d" },
      ],
      "shared-file-system.share": [
        { id: ID.shareOk, name: "acme-home", project_id: "@project/acme", size: 100, created_at: "-30d" },
        {
          id: ID.shareError,
          name: "planted: share-error",
          project_id: "@project/initech",
          status: "error",
          created_at: "-2d",
        },
        {
          id: ID.shareCreating,
          name: "planted: share-stuck",
          project_id: "@project/initech",
          status: "creating",
          created_at: "-3h",
        },
        {
          id: ID.shareGone,
          name: "orphan of umbrella",
          project_id: "@project/umbrella",
          size: 50,
          share_network_id: ID.shareNetGone,
          replication_type: "readable",
          has_replicas: true,
          created_at: "-40d",
        },
      ],
      "shared-file-system.snapshot": [
        { id: ID.shareSnapGone, name: "orphan of umbrella", share_id: ID.shareGone, created_at: "-10d" },
      ],
      "shared-file-system.share-replica": [
        { id: ID.shareReplicaActiveGone, share_id: ID.shareGone, replica_state: "active", created_at: "-40d" },
        { id: ID.shareReplicaGone, share_id: ID.shareGone, replica_state: "in_sync", created_at: "-40d" },
      ],
      // Barbican keeps the deleted project's TLS certificate too; its API shows it to nobody, an admin included, so
      // a scan can report it only from Barbican's database (deep: database.barbican), which the demo cloud has not.
      "key-manager.secret": [
        { id: ID.secretOk, name: "admin-signing-key", created: "-20d" },
        { id: ID.secretGone, name: "umbrella-tls-key", project_id: "@project/umbrella", created: "-40d" },
      ],
      // The departed user's trust is planted; alice's to bob is the healthy look-alike. Its key pair stays in Nova too,
      // which only Nova's database shows (deep: database.nova), as Barbican's secret above.
      "identity.trust": [
        { id: TRUST_OK, trustor_user_id: "@user/alice", trustee_user_id: "@user/bob", project_id: "@project/acme" },
        { id: TRUST_GONE, trustor_user_id: GONE_USER, trustee_user_id: "@user/bob", project_id: "@project/acme" },
      ],
      "compute.keypair": [
        { name: "alice-laptop", user_id: "@user/alice", created_at: "-90d" },
        { name: "laptop", user_id: GONE_USER, created_at: "-400d" },
      ],
      "key-manager.container": [
        {
          id: ID.containerGone,
          name: "umbrella-tls",
          type: "certificate",
          project_id: "@project/umbrella",
          secret_refs: [{ name: "private_key", secret_id: ID.secretGone }],
          created: "-40d",
        },
      ],
      "block-storage.snapshot": [
        { id: ID.snapOk, name: "db-data-nightly", volume_id: ID.data, created_at: "-1d" },
        {
          id: ID.snapError,
          name: "planted: snapshot-error",
          volume_id: ID.scratch,
          status: "error",
          created_at: "-1d",
        },
        {
          id: ID.snapStuck,
          name: "planted: snapshot-stuck",
          volume_id: ID.volDetaching,
          status: "creating",
          created_at: "-3h",
        },
        { id: ID.snapGone, name: "orphan of umbrella", volume_id: ID.volGone, created_at: "-5d" },
        // Its volume's row was soft-deleted in Cinder's database: no volume of that id is listed or shown.
        {
          id: ID.snapVolumeGone,
          name: "planted: snapshot-volume-missing",
          volume_id: uuid(2, 16),
          "os-extended-snapshot-attributes:project_id": "@project/initech",
          created_at: "-4d",
        },
      ],
      "block-storage.backup": [
        { id: ID.backupOk, name: "db-data-weekly", volume_id: ID.data, created_at: "-3d" },
        {
          id: ID.backupError,
          name: "planted: backup-error",
          volume_id: ID.scratch,
          status: "error",
          created_at: "-1d",
        },
        {
          id: ID.backupStuck,
          name: "planted: backup-stuck",
          volume_id: ID.volDetaching,
          status: "creating",
          created_at: "-8h",
        },
        { id: ID.backupGone, name: "orphan of umbrella", volume_id: ID.volGone, created_at: "-5d" },
      ],
      "block-storage.service": [
        { binary: "cinder-scheduler", host: "controller-1" },
        { binary: "cinder-volume", host: "cinder-1@lvm" },
        { binary: "cinder-volume", host: "cinder-2@lvm", state: "down" },
      ],
      "network.network": [
        // Look-alike: the operator's shared external network has no owner.
        { id: ID.publicNet, name: "public", project_id: "", "router:external": true, shared: true, created_at: "-90d" },
        { id: ID.acmeNet, name: "acme-net", project_id: "@project/acme", created_at: "-30d" },
        { id: ID.globexNet, name: "globex-net", project_id: "@project/globex", created_at: "-30d" },
        { id: ID.goneNet, name: "umbrella-net", project_id: `@project/umbrella`, created_at: "-60d" },
      ],
      "network.subnet": [
        {
          id: ID.publicSubnet,
          name: "public-subnet",
          project_id: "",
          network_id: ID.publicNet,
          cidr: "203.0.113.0/24",
          created_at: "-90d",
        },
        {
          id: ID.acmeSubnet,
          name: "acme-subnet",
          project_id: "@project/acme",
          network_id: ID.acmeNet,
          cidr: "10.1.0.0/24",
          created_at: "-30d",
        },
        {
          id: ID.globexSubnet,
          name: "globex-subnet",
          project_id: "@project/globex",
          network_id: ID.globexNet,
          cidr: "10.2.0.0/24",
          created_at: "-30d",
        },
        {
          id: ID.goneSubnet,
          name: "umbrella-subnet",
          project_id: "@project/umbrella",
          network_id: ID.goneNet,
          cidr: "10.9.0.0/24",
          created_at: "-60d",
        },
      ],
      "network.router": [
        {
          id: ID.acmeRouter,
          name: "acme-router",
          project_id: "@project/acme",
          external_gateway_info: {
            network_id: ID.publicNet,
            enable_snat: true,
            external_fixed_ips: [{ subnet_id: ID.publicSubnet, ip_address: "203.0.113.5" }],
          },
          created_at: "-30d",
        },
        {
          id: ID.globexRouter,
          name: "planted: network-resource-error",
          project_id: "@project/globex",
          status: "ERROR",
          created_at: "-30d",
          updated_at: "-1d",
        },
        { id: ID.goneRouter, name: "orphan of umbrella", project_id: "@project/umbrella", created_at: "-60d" },
      ],
      "network.port": [
        port(ID.portWeb1, "acme", ID.acmeNet, {
          device_owner: "compute:nova",
          device_id: ID.web1,
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.10" }],
          security_groups: [ID.sgAcmeDefault, ID.sgWeb],
        }),
        port(ID.portDb1, "acme", ID.acmeNet, {
          device_owner: "compute:nova",
          device_id: ID.db1,
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.11" }],
          security_groups: [ID.sgAcmeDefault],
        }),
        port(ID.portApp1, "globex", ID.globexNet, {
          device_owner: "compute:nova",
          device_id: ID.app1,
          fixed_ips: [{ subnet_id: ID.globexSubnet, ip_address: "10.2.0.10" }],
          security_groups: [ID.sgGlobexDefault],
        }),
        port(ID.portDhcpAcme, "acme", ID.acmeNet, {
          device_owner: "network:dhcp",
          device_id: `dhcp-${ID.acmeNet}`,
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.2" }],
        }),
        port(ID.portRouterIf, "acme", ID.acmeNet, {
          device_owner: "network:router_interface",
          device_id: ID.acmeRouter,
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.1" }],
        }),
        // Look-alike: a router's gateway port belongs to no project.
        port(ID.portGateway, "", ID.publicNet, {
          device_owner: "network:router_gateway",
          device_id: ID.acmeRouter,
          fixed_ips: [{ subnet_id: ID.publicSubnet, ip_address: "203.0.113.5" }],
        }),
        port(ID.portVipAcme, "acme", ID.acmeNet, {
          name: `octavia-lb-${ID.lbAcme}`,
          device_owner: "Octavia",
          device_id: `lb-${ID.lbAcme}`,
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.100" }],
        }),
        port(ID.portDeadServer, "acme", ID.acmeNet, {
          name: "planted: port-device-missing",
          device_owner: "compute:nova",
          device_id: ID.deletedServer,
          status: "DOWN",
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.12" }],
          created_at: "-3d",
          updated_at: "-1d",
        }),
        port(ID.portVipGhost, "acme", ID.acmeNet, {
          name: `octavia-lb-${ID.lbGhost}`,
          description: "planted: port-device-missing",
          device_owner: "Octavia",
          device_id: `lb-${ID.lbGhost}`,
          status: "DOWN",
          fixed_ips: [{ subnet_id: ID.acmeSubnet, ip_address: "10.1.0.101" }],
          created_at: "-3d",
          updated_at: "-2d",
        }),
        port(ID.portGone, "umbrella", ID.goneNet, {
          name: "orphan of umbrella",
          fixed_ips: [{ subnet_id: ID.goneSubnet, ip_address: "10.9.0.10" }],
          created_at: "-60d",
        }),
      ],
      "network.floatingip": [
        {
          id: ID.fipAcme,
          project_id: "@project/acme",
          floating_network_id: ID.publicNet,
          floating_ip_address: "203.0.113.20",
          port_id: ID.portWeb1,
          fixed_ip_address: "10.1.0.10",
          router_id: ID.acmeRouter,
          created_at: "-20d",
        },
        {
          id: ID.fipOld,
          description: "planted: floatingip-unassociated",
          project_id: "@project/globex",
          floating_network_id: ID.publicNet,
          floating_ip_address: "203.0.113.21",
          created_at: "-30d",
          updated_at: "-10d",
        },
        // Look-alike: released an hour ago, probably about to be reused.
        {
          id: ID.fipFresh,
          description: "healthy: unassociated for an hour",
          project_id: "@project/initech",
          floating_network_id: ID.publicNet,
          floating_ip_address: "203.0.113.22",
          created_at: "-5d",
          updated_at: "-1h",
        },
        {
          id: ID.fipGone,
          description: "orphan of umbrella",
          project_id: "@project/umbrella",
          floating_network_id: ID.publicNet,
          floating_ip_address: "203.0.113.23",
          created_at: "-3d",
        },
      ],
      "network.security-group": [
        acmeDefault.group,
        globexDefault.group,
        initechDefault.group,
        { id: ID.sgWeb, name: "web", project_id: "@project/acme", created_at: "-20d" },
        { id: ID.sgApp, name: "app", project_id: "@project/globex", created_at: "-20d" },
        { id: ID.sgGone, name: "umbrella-sg", project_id: "@project/umbrella", created_at: "-60d" },
      ],
      "network.security-group-rule": [
        ...acmeDefault.rules,
        ...globexDefault.rules,
        ...initechDefault.rules,
        {
          id: ID.ruleHttps,
          description: "healthy: HTTPS from anywhere",
          project_id: "@project/acme",
          security_group_id: ID.sgWeb,
          protocol: "tcp",
          port_range_min: 443,
          port_range_max: 443,
          remote_ip_prefix: "0.0.0.0/0",
          created_at: "-20d",
        },
        {
          id: ID.ruleSsh,
          description: "planted: security-group-rule-open",
          project_id: "@project/acme",
          security_group_id: ID.sgWeb,
          protocol: "tcp",
          port_range_min: 22,
          port_range_max: 22,
          remote_ip_prefix: "0.0.0.0/0",
          created_at: "-20d",
        },
        {
          id: ID.ruleDangling,
          description: "planted: security-group-rule-dangling",
          project_id: "@project/globex",
          security_group_id: ID.sgApp,
          protocol: "tcp",
          port_range_min: 5432,
          port_range_max: 5432,
          remote_group_id: ID.missingGroup,
          created_at: "-1d",
        },
        {
          id: ID.ruleGone,
          description: "orphan of umbrella",
          project_id: "@project/umbrella",
          security_group_id: ID.sgGone,
          direction: "egress",
          created_at: "-60d",
        },
      ],
      "network.rbac-policy": [
        { id: ID.rbacOk, project_id: "@project/acme", object_id: ID.acmeNet, target_tenant: "@project/globex" },
        { id: ID.rbacTargetGone, project_id: "@project/acme", object_id: ID.acmeNet, target_tenant: GONE_PROJECT },
        { id: ID.rbacGone, project_id: "@project/umbrella", object_id: ID.goneNet, target_tenant: "@project/globex" },
      ],
      "network.agent": [
        { id: ID.agentOvs1, host: "compute-1" },
        // Planted clock-skew: compute-2's clock runs ten minutes ahead, so its heartbeat is in the future.
        { id: ID.agentOvs2, host: "compute-2", heartbeat_timestamp: "+10m", description: "planted: clock-skew" },
        { id: ID.agentL3, host: "network-1", agent_type: "L3 agent", binary: "neutron-l3-agent" },
        { id: ID.agentDhcp, host: "network-1", agent_type: "DHCP agent", binary: "neutron-dhcp-agent" },
      ],
      "load-balancer.loadbalancer": [
        lb(ID.lbAcme, "acme-shop", "acme", { vip_port_id: ID.portVipAcme, vip_address: "10.1.0.100" }),
        lb(ID.lbStuck, "planted: loadbalancer-stuck-pending", "globex", {
          provisioning_status: "PENDING_UPDATE",
          updated_at: "-2h",
        }),
        lb(ID.lbError, "planted: loadbalancer-error", "globex", {
          provisioning_status: "ERROR",
          operating_status: "ERROR",
          updated_at: "-1d",
        }),
        // Look-alike: an update in progress for a minute.
        lb(ID.lbFresh, "healthy: PENDING_UPDATE for 1 minute", "initech", {
          provisioning_status: "PENDING_UPDATE",
          updated_at: "-1m",
        }),
        lb(ID.lbInitechWeb, "initech-web", "initech"),
        lb(ID.lbGlobexWeb, "globex-web", "globex"),
        lb(ID.lbGone, "orphan of umbrella", "umbrella"),
      ],
      "load-balancer.listener": [
        {
          id: ID.listener,
          name: "acme-https",
          project_id: "@project/acme",
          loadbalancers: [{ id: ID.lbAcme }],
          protocol: "HTTPS",
          protocol_port: 443,
          default_pool_id: ID.pool,
          l7policies: [{ id: ID.l7policy }],
          created_at: "-15d",
        },
      ],
      "load-balancer.pool": [
        {
          id: ID.pool,
          name: "acme-web",
          project_id: "@project/acme",
          loadbalancers: [{ id: ID.lbAcme }],
          listeners: [{ id: ID.listener }],
          healthmonitor_id: ID.monitor,
          created_at: "-15d",
        },
      ],
      "load-balancer.healthmonitor": [
        {
          id: ID.monitor,
          name: "acme-web-http",
          project_id: "@project/acme",
          pools: [{ id: ID.pool }],
          created_at: "-15d",
        },
      ],
      "load-balancer.l7policy": [
        {
          id: ID.l7policy,
          name: "block-admin",
          project_id: "@project/acme",
          listener_id: ID.listener,
          action: "REJECT",
          created_at: "-15d",
        },
      ],
      "load-balancer.amphora": [
        amphora(ID.amphoraAcme, ID.lbAcme, ID.ampAcme),
        amphora(ID.amphoraError, ID.lbInitechWeb, ID.ampError, { status: "ERROR", role: "MASTER", updated_at: "-3h" }),
        amphora(ID.amphoraStopped, ID.lbInitechWeb, ID.ampStopped, {
          status: "FAILOVER_STOPPED",
          role: "BACKUP",
          updated_at: "-3h",
        }),
        amphora(ID.amphoraOld, ID.lbGlobexWeb, ID.ampOld, { role: "MASTER", image_id: ID.amphoraImageOld }),
        amphora(ID.amphoraNoServer, ID.lbGlobexWeb, ID.ghostAmpServer, { role: "BACKUP" }),
        amphora(ID.amphoraOrphan, ID.lbGhost, ID.ampOrphan),
        // Look-alike: a spare amphora serves no load balancer yet.
        amphora(ID.amphoraSpare, null, ID.ampSpare, { status: "READY", role: null }),
        amphora(ID.amphoraGone, ID.lbGone, ID.ampGone),
      ],
      "image.image": [
        { id: ID.cirros, name: "cirros-0.6.2", visibility: "public", created_at: "-90d" },
        {
          id: ID.amphoraImageOld,
          name: "amphora-x64-haproxy-2024.1",
          owner: "@project/service",
          visibility: "private",
          tags: ["amphora"],
          created_at: "-60d",
        },
        {
          id: ID.amphoraImageNew,
          name: "amphora-x64-haproxy-2024.2",
          owner: "@project/service",
          visibility: "private",
          tags: ["amphora"],
          created_at: "-5d",
        },
        { id: ID.golden, name: "acme-golden", owner: "@project/acme", visibility: "shared", created_at: "-20d" },
        {
          id: ID.queuedStuck,
          name: "planted: image-stuck",
          owner: "@project/globex",
          status: "queued",
          created_at: "-8h",
        },
        {
          id: ID.queuedFresh,
          name: "healthy: upload just started",
          owner: "@project/initech",
          status: "queued",
          created_at: "-10m",
        },
        {
          id: ID.goneImage,
          name: "orphan of umbrella",
          owner: "@project/umbrella",
          visibility: "private",
          created_at: "-60d",
        },
      ],
      "image.member": [
        { image_id: ID.golden, member_id: "@project/globex", status: "accepted" },
        { image_id: ID.golden, member_id: GONE_PROJECT, status: "accepted" },
      ],
      // The costliest debris of a deleted project: its object storage, found through its other leftovers.
      "object-store.container": [
        { project_id: GONE_PROJECT, name: "backups", count: 1240, bytes: 418_612_838_400, last_modified: "-40d" },
        { project_id: GONE_PROJECT, name: "media", count: 86, bytes: 2_147_483_648, last_modified: "-45d" },
        { project_id: "@project/acme", name: "website", count: 12, bytes: 5_242_880 },
      ],
      "orchestration.stack": [
        { id: ID.stackOk, stack_name: "acme-web", project: "@project/acme", creation_time: "-20d" },
        // umbrella's stack, with the nested stack of its ResourceGroup (which goes with it, and is listed only
        // with show_nested).
        { id: ID.stackGone, stack_name: "umbrella-web", project: "@project/umbrella", creation_time: "-60d" },
        {
          id: ID.stackGoneNested,
          stack_name: "umbrella-web-group-x7kq",
          project: "@project/umbrella",
          parent: ID.stackGone,
          creation_time: "-60d",
        },
        {
          id: ID.stackFailed,
          stack_name: "acme-db",
          project: "@project/acme",
          stack_status: "CREATE_FAILED",
          stack_status_reason: "Resource CREATE failed: planted: stack-failed (quota exceeded for instances)",
          creation_time: "-2d",
        },
        {
          id: ID.stackStuck,
          stack_name: "globex-app",
          project: "@project/globex",
          stack_status: "UPDATE_IN_PROGRESS",
          stack_status_reason: "planted: stack-stuck",
          creation_time: "-30d",
          updated_time: "-5h",
        },
        // An update that began ten minutes ago: not stuck.
        {
          id: ID.stackUpdating,
          stack_name: "initech-app",
          project: "@project/initech",
          stack_status: "UPDATE_IN_PROGRESS",
          creation_time: "-90d",
          updated_time: "-10m",
        },
      ],
      "dns.zone": [
        { id: ID.zoneOk, name: "acme.example.", project_id: "@project/acme", created_at: "-30d" },
        { id: ID.zoneGone, name: "umbrella.example.", project_id: "@project/umbrella", created_at: "-60d" },
        {
          id: ID.zoneError,
          name: "planted-zone-error.acme.example.",
          project_id: "@project/acme",
          status: "ERROR",
          action: "UPDATE",
          created_at: "-10d",
          updated_at: "-2h",
        },
        {
          id: ID.zonePending,
          name: "planted-zone-stuck-pending.globex.example.",
          project_id: "@project/globex",
          status: "PENDING",
          action: "CREATE",
          created_at: "-3h",
          updated_at: "-3h",
        },
        // A change a minute old: Designate is still at it.
        {
          id: ID.zoneFresh,
          name: "initech.example.",
          project_id: "@project/initech",
          status: "PENDING",
          action: "UPDATE",
          created_at: "-30d",
          updated_at: "-1m",
        },
      ],
      "dns.recordset": [
        { zone_id: ID.zoneOk, name: "www.acme.example.", type: "A", records: ["203.0.113.20"] },
        { zone_id: ID.zoneGone, name: "www.umbrella.example.", type: "A", records: ["203.0.113.66"] },
        { zone_id: ID.zoneGone, name: "mail.umbrella.example.", type: "MX", records: ["10 mx.umbrella.example."] },
      ],
    },
  };
}
