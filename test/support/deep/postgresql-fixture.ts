// For the database source's PostgreSQL test: the columns of Zed's tables that the listings read, with PostgreSQL's
// types as oslo.db creates them there (booleans for Glance, Cinder and Octavia, integer `deleted` for Nova), all in
// one database (no two services share a table name), and rows planted next to healthy look-alikes.

const T = "timestamp without time zone";

export const ZED_TABLES = [
  // Glance
  `CREATE TABLE images (id varchar(36) PRIMARY KEY, name varchar(255), size bigint, status varchar(30) NOT NULL,
    created_at ${T} NOT NULL, updated_at ${T}, deleted_at ${T}, deleted boolean NOT NULL, disk_format varchar(20),
    container_format varchar(20), owner varchar(255), protected boolean NOT NULL, visibility varchar(20),
    os_hidden boolean NOT NULL)`,
  // Octavia
  `CREATE TABLE load_balancer (project_id varchar(36), id varchar(36) PRIMARY KEY, name varchar(255),
    provisioning_status varchar(16), operating_status varchar(16) NOT NULL, provider varchar(64), flavor_id varchar(36),
    created_at ${T}, updated_at ${T})`,
  `CREATE TABLE vip (load_balancer_id varchar(36) PRIMARY KEY, ip_address varchar(64), port_id varchar(36),
    subnet_id varchar(36), network_id varchar(36))`,
  `CREATE TABLE listener (project_id varchar(36), id varchar(36) PRIMARY KEY, name varchar(255), protocol varchar(16),
    protocol_port integer, load_balancer_id varchar(36), default_pool_id varchar(36), provisioning_status varchar(16),
    operating_status varchar(16), created_at ${T}, updated_at ${T})`,
  `CREATE TABLE pool (project_id varchar(36), id varchar(36) PRIMARY KEY, name varchar(255), protocol varchar(16),
    load_balancer_id varchar(36), provisioning_status varchar(16), operating_status varchar(16), created_at ${T},
    updated_at ${T})`,
  `CREATE TABLE member (project_id varchar(36), id varchar(36) PRIMARY KEY, pool_id varchar(36),
    provisioning_status varchar(16), created_at ${T}, updated_at ${T})`,
  `CREATE TABLE health_monitor (project_id varchar(36), id varchar(36) PRIMARY KEY, name varchar(255),
    pool_id varchar(36), type varchar(36), provisioning_status varchar(16), operating_status varchar(16),
    created_at ${T}, updated_at ${T})`,
  `CREATE TABLE l7policy (project_id varchar(36), id varchar(36) PRIMARY KEY, name varchar(255),
    listener_id varchar(36), action varchar(36), provisioning_status varchar(16), operating_status varchar(16),
    created_at ${T}, updated_at ${T})`,
  `CREATE TABLE l7rule (project_id varchar(36), id varchar(36) PRIMARY KEY, l7policy_id varchar(36),
    provisioning_status varchar(16), created_at ${T}, updated_at ${T})`,
  `CREATE TABLE amphora (id varchar(36) PRIMARY KEY, compute_id varchar(36), status varchar(36) NOT NULL,
    load_balancer_id varchar(36), lb_network_ip varchar(64), ha_ip varchar(64), role varchar(36), image_id varchar(36),
    compute_flavor varchar(255), cert_expiration ${T}, created_at ${T}, updated_at ${T})`,
  `CREATE TABLE amphora_health (amphora_id varchar(36) PRIMARY KEY, last_update ${T} NOT NULL, busy boolean NOT NULL)`,
  // Placement
  `CREATE TABLE resource_providers (id serial PRIMARY KEY, uuid varchar(36) NOT NULL, name varchar(200))`,
  `CREATE TABLE resource_classes (id integer PRIMARY KEY, name varchar(255) NOT NULL)`,
  `CREATE TABLE projects (id serial PRIMARY KEY, external_id varchar(255) NOT NULL)`,
  `CREATE TABLE consumers (id serial PRIMARY KEY, uuid varchar(36) NOT NULL, project_id integer NOT NULL)`,
  `CREATE TABLE allocations (id serial PRIMARY KEY, resource_provider_id integer NOT NULL, consumer_id varchar(36) NOT NULL,
    resource_class_id integer NOT NULL, used integer NOT NULL, created_at ${T}, updated_at ${T})`,
  // Nova API
  `CREATE TABLE cell_mappings (id serial PRIMARY KEY, uuid varchar(36) NOT NULL, name varchar(255),
    database_connection text)`,
  `CREATE TABLE instance_mappings (id serial PRIMARY KEY, instance_uuid varchar(36) NOT NULL, cell_id integer,
    project_id varchar(255) NOT NULL, created_at ${T}, updated_at ${T})`,
  `CREATE TABLE build_requests (id serial PRIMARY KEY, instance_uuid varchar(36), project_id varchar(255) NOT NULL,
    created_at ${T}, updated_at ${T})`,
  `CREATE TABLE key_pairs (id serial PRIMARY KEY, name varchar(255) NOT NULL, user_id varchar(255) NOT NULL,
    fingerprint varchar(255), public_key text, type varchar(5) NOT NULL DEFAULT 'ssh', created_at ${T}, updated_at ${T})`,
  // Keystone (its expires_at is DateTimeInt: microseconds since the epoch)
  `CREATE TABLE application_credential (internal_id serial PRIMARY KEY, id varchar(64) NOT NULL, name varchar(255) NOT NULL,
    secret_hash varchar(255) NOT NULL, description text, user_id varchar(64) NOT NULL, project_id varchar(64),
    system varchar(64), expires_at bigint, unrestricted boolean)`,
  // Nova cell
  `CREATE TABLE instances (id serial PRIMARY KEY, uuid varchar(36) NOT NULL, project_id varchar(255),
    vm_state varchar(255), deleted integer)`,
  `CREATE TABLE migrations (id serial PRIMARY KEY, uuid varchar(36), status varchar(255), deleted integer)`,
  `CREATE TABLE block_device_mapping (id serial PRIMARY KEY, instance_uuid varchar(36), volume_id varchar(36),
    device_name varchar(255), attachment_id varchar(36), destination_type varchar(255), deleted integer,
    created_at ${T}, updated_at ${T})`,
  // Cinder
  `CREATE TABLE volume_types (id varchar(36) PRIMARY KEY, name varchar(255))`,
  `CREATE TABLE volumes (id varchar(36) PRIMARY KEY, status varchar(255), deleted boolean, deleted_at ${T},
    project_id varchar(255), size integer, volume_type_id varchar(36), use_quota boolean NOT NULL DEFAULT true)`,
  `CREATE TABLE snapshots (id varchar(36) PRIMARY KEY, volume_id varchar(36), deleted boolean, deleted_at ${T},
    project_id varchar(255), volume_size integer, volume_type_id varchar(36), use_quota boolean NOT NULL DEFAULT true)`,
  `CREATE TABLE backups (id varchar(36) PRIMARY KEY, project_id varchar(255), size integer, deleted boolean)`,
  `CREATE TABLE quota_usages (id serial PRIMARY KEY, project_id varchar(255), resource varchar(300), in_use integer,
    reserved integer, deleted boolean, updated_at ${T})`,
  `CREATE TABLE volume_attachment (id varchar(36) PRIMARY KEY, volume_id varchar(36) NOT NULL,
    instance_uuid varchar(36), attached_host varchar(255), attach_status varchar(255), deleted boolean,
    created_at ${T}, updated_at ${T})`,
  ...["volume_metadata", "volume_admin_metadata", "volume_glance_metadata"].map(
    (table) =>
      `CREATE TABLE ${table} (id serial PRIMARY KEY, volume_id varchar(36), deleted boolean, created_at ${T}, updated_at ${T})`,
  ),
  `CREATE TABLE snapshot_metadata (id serial PRIMARY KEY, snapshot_id varchar(36) NOT NULL, deleted boolean,
    created_at ${T}, updated_at ${T})`,
];

/** Rows the checks must find (ids ending in `-bad`) next to healthy look-alikes (ids ending in `-ok`). */
export function zedRows(cellUrl: string): string[] {
  const old = "'2026-01-01 10:00:00'";
  return [
    `INSERT INTO images VALUES
      ('img-killed-bad', 'k', 0, 'killed', ${old}, ${old}, NULL, false, 'qcow2', 'bare', 'p1', false, 'private', false),
      ('img-pending-bad', 'p', 9, 'pending_delete', ${old}, ${old}, ${old}, true, 'raw', 'bare', 'p1', false, 'private', false),
      ('img-active-ok', 'a', 9, 'active', ${old}, ${old}, NULL, false, 'raw', 'bare', 'p1', true, 'public', true),
      ('img-deleted-ok', 'd', 9, 'deleted', ${old}, ${old}, ${old}, true, 'raw', 'bare', 'p1', false, 'private', false)`,
    `INSERT INTO load_balancer VALUES
      ('p1', 'lb-pending-bad', 'lb1', 'PENDING_UPDATE', 'ONLINE', 'amphora', NULL, ${old}, ${old}),
      ('p1', 'lb-active-ok', 'lb2', 'ACTIVE', 'ONLINE', 'amphora', NULL, ${old}, ${old}),
      ('p1', 'lb-deleted-ok', 'lb3', 'DELETED', 'OFFLINE', 'amphora', NULL, ${old}, ${old})`,
    `INSERT INTO vip VALUES ('lb-pending-bad', '10.0.0.5', 'port-1', 'subnet-1', 'net-1')`,
    `INSERT INTO listener VALUES
      ('p1', 'listener-pending-bad', 'l1', 'HTTP', 80, 'lb-active-ok', NULL, 'PENDING_CREATE', 'OFFLINE', ${old}, NULL),
      ('p1', 'listener-active-ok', 'l2', 'HTTP', 81, 'lb-active-ok', NULL, 'ACTIVE', 'ONLINE', ${old}, ${old})`,
    `INSERT INTO pool VALUES ('p1', 'pool-active-ok', 'pool', 'HTTP', 'lb-active-ok', 'ACTIVE', 'ONLINE', ${old}, ${old})`,
    `INSERT INTO member VALUES
      ('p1', 'member-pending-bad', 'pool-active-ok', 'PENDING_DELETE', ${old}, ${old}),
      ('p1', 'member-active-ok', 'pool-active-ok', 'ACTIVE', ${old}, ${old})`,
    `INSERT INTO health_monitor VALUES ('p1', 'hm-active-ok', 'hm', 'pool-active-ok', 'HTTP', 'ACTIVE', 'ONLINE', ${old}, ${old})`,
    `INSERT INTO l7policy VALUES ('p1', 'l7p-active-ok', 'p', 'listener-active-ok', 'REJECT', 'ACTIVE', 'ONLINE', ${old}, ${old})`,
    `INSERT INTO l7rule VALUES ('p1', 'l7r-pending-bad', 'l7p-active-ok', 'PENDING_UPDATE', ${old}, ${old})`,
    `INSERT INTO amphora VALUES
      ('amp-stale-bad', 'vm-1', 'ALLOCATED', 'lb-active-ok', '192.0.2.1', NULL, 'STANDALONE', NULL, NULL, NULL, ${old}, ${old}),
      ('amp-ready-ok', NULL, 'READY', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${old}, ${old}),
      ('amp-deleted-ok', NULL, 'DELETED', NULL, NULL, NULL, NULL, NULL, NULL, NULL, ${old}, ${old})`,
    `INSERT INTO amphora_health VALUES ('amp-stale-bad', ${old}, true), ('amp-ready-ok', ${old}, false)`,
    `INSERT INTO resource_providers (uuid, name) VALUES ('rp-1', 'compute-1')`,
    `INSERT INTO resource_classes VALUES (0, 'VCPU'), (1, 'MEMORY_MB')`,
    `INSERT INTO projects (external_id) VALUES ('p1')`,
    `INSERT INTO consumers (uuid, project_id) VALUES ('consumer-gone-bad', 1), ('server-live-ok', 1), ('migration-ok', 1)`,
    `INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used, created_at) VALUES
      (1, 'consumer-gone-bad', 0, 2, ${old}), (1, 'consumer-gone-bad', 1, 512, ${old}),
      (1, 'server-live-ok', 0, 1, ${old}), (1, 'migration-ok', 0, 1, ${old})`,
    `INSERT INTO key_pairs (name, user_id, fingerprint, public_key, created_at) VALUES
      ('laptop', 'u-gone', 'aa:bb', 'ssh-ed25519 AAAA', ${old})`,
    `INSERT INTO application_credential (id, name, secret_hash, user_id, project_id, expires_at, unrestricted) VALUES
      ('ac-1', 'ci', '$2b$04$notarealhash', 'u-1', 'p-gone', 1767261600000000, false)`,
    `INSERT INTO cell_mappings (uuid, name, database_connection) VALUES ('cell-1', 'cell1', '${cellUrl}')`,
    `INSERT INTO instance_mappings (instance_uuid, cell_id, project_id, created_at, updated_at) VALUES
      ('mapping-without-cell-bad', NULL, 'p1', ${old}, ${old}), ('server-live-ok', 1, 'p1', ${old}, ${old}),
      ('booting-ok', NULL, 'p1', ${old}, ${old}), ('build-request-left-bad', 1, 'p1', ${old}, ${old})`,
    `INSERT INTO build_requests (instance_uuid, project_id, created_at, updated_at) VALUES
      ('booting-ok', 'p1', ${old}, ${old}), ('build-request-left-bad', 'p1', ${old}, ${old})`,
    `INSERT INTO instances (uuid, project_id, vm_state, deleted) VALUES
      ('server-live-ok', 'p1', 'active', 0), ('consumer-gone-bad', 'p1', 'deleted', 7)`,
    `INSERT INTO migrations (uuid, status, deleted) VALUES ('migration-ok', 'running', 0)`,
    `INSERT INTO block_device_mapping (instance_uuid, volume_id, device_name, destination_type, deleted, created_at) VALUES
      ('server-live-ok', 'vol-deleted', '/dev/vdb', 'volume', 0, ${old}),
      ('server-live-ok', 'vol-live', '/dev/vdc', 'volume', 0, ${old}),
      ('server-live-ok', 'vol-deleted', '/dev/vdd', 'volume', 5, ${old}),
      ('consumer-gone-bad', 'vol-deleted', '/dev/vdb', 'volume', 0, ${old})`,
    `INSERT INTO volume_types VALUES ('type-1', '__DEFAULT__')`,
    `INSERT INTO volumes (id, status, deleted, deleted_at, project_id, size, volume_type_id, use_quota) VALUES
      ('vol-deleted', 'deleted', true, ${old}, 'p1', 5, 'type-1', true),
      ('vol-live', 'in-use', false, NULL, 'p1', 10, 'type-1', true),
      ('vol-temporary', 'available', false, NULL, 'p1', 10, 'type-1', false)`,
    `INSERT INTO snapshots (id, volume_id, deleted, deleted_at, project_id, volume_size, volume_type_id) VALUES
      ('snap-deleted', 'vol-live', true, ${old}, 'p1', 10, 'type-1'),
      ('snap-live', 'vol-live', false, NULL, 'p1', 10, 'type-1')`,
    `INSERT INTO backups VALUES ('backup-live', 'p1', 10, false)`,
    // p1 really holds 1 volume, 20 GB (10 of them a snapshot's), 1 snapshot, 1 backup of 10 GB.
    `INSERT INTO quota_usages (project_id, resource, in_use, reserved, deleted, updated_at) VALUES
      ('p1', 'volumes', 3, 0, false, ${old}), ('p1', 'gigabytes', 20, 0, false, ${old}),
      ('p1', 'volumes___DEFAULT__', 1, 0, false, ${old}), ('p1', 'snapshots', 1, 0, false, ${old}),
      ('p1', 'backups', 1, 0, false, ${old}), ('p1', 'backup_gigabytes', 0, 0, false, ${old}),
      ('p1', 'groups', 4, 0, false, ${old}), ('p2', 'volumes', 0, 0, false, ${old}),
      ('p2', 'gigabytes', 7, 0, true, ${old})`,
    `INSERT INTO volume_attachment VALUES
      ('att-bad', 'vol-deleted', 'server-live-ok', 'host-1', 'attached', false, ${old}, ${old}),
      ('att-ok', 'vol-live', 'server-live-ok', 'host-1', 'attached', false, ${old}, ${old}),
      ('att-deleted-ok', 'vol-deleted', 'server-live-ok', 'host-1', 'detached', true, ${old}, ${old})`,
    `INSERT INTO volume_metadata (volume_id, deleted) VALUES ('vol-deleted', false), ('vol-live', false), ('vol-purged', false)`,
    `INSERT INTO snapshot_metadata (snapshot_id, deleted) VALUES ('snap-deleted', false)`,
  ];
}
