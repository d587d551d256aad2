// How nova shows a server at a given microversion and to whom: admin-only attributes, fields that appear
// at later microversions, and the minimal record of a server in a down cell (2.69).

import { compareVersions, type ApiVersion } from "../../http/microversion.ts";
import { copyWithout, isInternalFlag } from "../../http/record-copy.ts";
import type { ResourceRecord } from "../../state/collection.ts";

/** The internal flag a scenario or the control API sets on a server whose cell database is unreachable. */
export const DOWN_CELL_FLAG = "fakecloud:down_cell";

// Attributes whose default policy is admin-only (os_compute_api:os-extended-server-attributes).
const ADMIN_ONLY_PREFIX = "OS-EXT-SRV-ATTR:";

/** Fields that appear only from a microversion on (parsed once: a page renders up to 1000 servers). */
const ADDED_IN: readonly [string, ApiVersion][] = [
  ["locked", { major: 2, minor: 9 }],
  ["description", { major: 2, minor: 19 }],
  ["tags", { major: 2, minor: 26 }],
  ["locked_reason", { major: 2, minor: 73 }],
];
const V2_3: ApiVersion = { major: 2, minor: 3 };
const V2_16: ApiVersion = { major: 2, minor: 16 };
const V2_47: ApiVersion = { major: 2, minor: 47 };
const V2_63: ApiVersion = { major: 2, minor: 63 };
const V2_90: ApiVersion = { major: 2, minor: 90 };

/**
 * nova's `host_status` of a server's compute host (2.16+, admin policy): UP, DOWN (forced down), MAINTENANCE
 * (disabled), UNKNOWN (no recent heartbeat) or "" for a server on no host. Worked out once per request.
 */
export type HostStatusOf = (host: unknown) => string;

/** nova/utils.py sanitize_hostname: what `OS-EXT-SRV-ATTR:hostname` defaults to for a server's name. */
function sanitizeHostname(name: unknown): string {
  const text = typeof name === "string" ? name : "";
  const cleaned = text
    .toLowerCase()
    .replace(/[ _]/g, "-")
    .replace(/[^\w.-]+/g, "")
    .replace(/^[.-]+|[.-]+$/g, "")
    .slice(0, 63);
  return cleaned === "" ? "server" : cleaned;
}

/**
 * The extended attributes nova shows from 2.3 (admin only; the hostname to everyone from 2.90). A record may set
 * any of them; the rest are what nova's libvirt driver gives a server booted from an image.
 */
function addExtendedAttributes(shown: Record<string, unknown>, record: ResourceRecord, isAdmin: boolean): void {
  if (isAdmin) {
    shown["OS-EXT-SRV-ATTR:reservation_id"] = ownOr(
      record,
      "OS-EXT-SRV-ATTR:reservation_id",
      `r-${record.id.slice(0, 8)}`,
    );
    shown["OS-EXT-SRV-ATTR:launch_index"] = ownOr(record, "OS-EXT-SRV-ATTR:launch_index", 0);
    shown["OS-EXT-SRV-ATTR:kernel_id"] = ownOr(record, "OS-EXT-SRV-ATTR:kernel_id", "");
    shown["OS-EXT-SRV-ATTR:ramdisk_id"] = ownOr(record, "OS-EXT-SRV-ATTR:ramdisk_id", "");
    shown["OS-EXT-SRV-ATTR:root_device_name"] = ownOr(record, "OS-EXT-SRV-ATTR:root_device_name", "/dev/vda");
    shown["OS-EXT-SRV-ATTR:user_data"] = ownOr(record, "OS-EXT-SRV-ATTR:user_data", null);
  }
  shown["OS-EXT-SRV-ATTR:hostname"] = ownOr(record, "OS-EXT-SRV-ATTR:hostname", sanitizeHostname(record["name"]));
}

/**
 * The record's value for `key` when it sets one (null included), else the default. A plain function, not a
 * closure per server: this runs for every server of a page.
 */
function ownOr(record: ResourceRecord, key: string, fallback: unknown): unknown {
  return key in record ? record[key] : fallback;
}

function since(version: ApiVersion | undefined, wanted: ApiVersion): boolean {
  return version !== undefined && compareVersions(version, wanted) >= 0;
}

export function serverLinks(baseUrl: string, id: string): { rel: string; href: string }[] {
  return [
    { rel: "self", href: `${baseUrl}/compute/v2.1/servers/${id}` },
    { rel: "bookmark", href: `${baseUrl}/compute/servers/${id}` },
  ];
}

export function isInDownCell(record: ResourceRecord): boolean {
  return record[DOWN_CELL_FLAG] === true;
}

/** The minimal record nova returns for a server in a down cell from 2.69 (status UNKNOWN). */
function downCellServer(record: ResourceRecord, baseUrl: string, detail: boolean): Record<string, unknown> {
  const minimal: Record<string, unknown> = {
    id: record.id,
    status: "UNKNOWN",
    tenant_id: record["tenant_id"],
    created: record["created"],
    links: serverLinks(baseUrl, record.id),
  };
  if (detail) {
    minimal["user_id"] = record["user_id"];
    minimal["OS-EXT-AZ:availability_zone"] = record["OS-EXT-AZ:availability_zone"];
    minimal["OS-EXT-STS:power_state"] = 0;
    minimal["flavor"] = record["flavor"];
    minimal["image"] = record["image"];
  }
  return minimal;
}

/** How one request shows a server record (`serverRenderer`). */
export type ServerRenderer = (record: ResourceRecord) => Record<string, unknown>;

/**
 * A renderer of servers for one request: the microversion comparisons and the fields to hide are worked out
 * once, not for each of up to 1000 servers of a page.
 */
export function serverRenderer(
  version: ApiVersion | undefined,
  isAdmin: boolean,
  baseUrl: string,
  detail = true,
  hostStatusOf: HostStatusOf = () => "UP",
): ServerRenderer {
  if (!detail) {
    return (record) =>
      isInDownCell(record)
        ? downCellServer(record, baseUrl, false)
        : { id: record.id, name: record["name"], links: serverLinks(baseUrl, record.id) };
  }
  const notYetAdded = new Set(ADDED_IN.filter(([, added]) => !since(version, added)).map(([field]) => field));
  const leftOut = (key: string): boolean =>
    isInternalFlag(key) || notYetAdded.has(key) || (!isAdmin && key.startsWith(ADMIN_ONLY_PREFIX));
  const extended = since(version, V2_3) && (isAdmin || since(version, V2_90));
  const hostStatus = since(version, V2_16) && isAdmin;
  const trustedCertificates = since(version, V2_63);
  // `delete_on_termination` is shown from 2.3 on.
  const deleteOnTermination = since(version, V2_3);
  // Before 2.47 a server shows its flavor as a link; from 2.47 as the flavor's details.
  const flavorLink = !since(version, V2_47);
  return (record) => {
    if (isInDownCell(record)) return downCellServer(record, baseUrl, true);
    const shown = copyWithout(record, leftOut);
    if (extended) addExtendedAttributes(shown, record, isAdmin);
    if (hostStatus) shown["host_status"] = hostStatusOf(record["OS-EXT-SRV-ATTR:host"]);
    if (trustedCertificates) shown["trusted_image_certificates"] = record["trusted_image_certificates"] ?? null;
    // A server booted from an image links it; one booted from a volume shows "" (nova's views/servers.py).
    const image = record["image"];
    if (image !== null && typeof image === "object" && typeof (image as { id?: unknown }).id === "string") {
      const imageId = (image as { id: string }).id;
      shown["image"] = { id: imageId, links: [{ rel: "bookmark", href: `${baseUrl}/compute/images/${imageId}` }] };
    }
    const volumes = record["os-extended-volumes:volumes_attached"];
    shown["os-extended-volumes:volumes_attached"] = Array.isArray(volumes)
      ? (volumes as Record<string, unknown>[]).map((volume) =>
          deleteOnTermination
            ? { id: volume["id"], delete_on_termination: volume["delete_on_termination"] ?? false }
            : { id: volume["id"] },
        )
      : [];
    if (flavorLink) shown["flavor"] = { id: "1", links: [{ rel: "bookmark", href: `${baseUrl}/compute/flavors/1` }] };
    shown["links"] = serverLinks(baseUrl, record.id);
    return shown;
  };
}

/** One server as one request shows it (a listing builds a `serverRenderer` once instead). */
export function renderServer(
  record: ResourceRecord,
  version: ApiVersion | undefined,
  isAdmin: boolean,
  baseUrl: string,
  detail = true,
  hostStatusOf: HostStatusOf = () => "UP",
): Record<string, unknown> {
  return serverRenderer(version, isAdmin, baseUrl, detail, hostStatusOf)(record);
}
