// What the hypervisors' libvirt said, arranged for the checks that compare it with Nova: which hosts were asked, which
// did not answer (their instances are undecided, never "missing"), and on which hosts each uuid has a domain.

import type { Inventory } from "../../inventory/inventory.ts";
import { neededRecords } from "./inventory-view.ts";
import { bool, object, text } from "../../inventory/record-field.ts";

/** The compute host Nova records for a server: the host whose libvirt should hold its domain. */
export const SERVER_HOST = "OS-EXT-SRV-ATTR:host";

export interface DomainPlace {
  host: string;
  name: string | null;
  running: boolean;
}

export interface HypervisorDomains {
  /** Every compute host of Nova's hypervisor listing (each one's libvirt was asked). */
  hosts: ReadonlySet<string>;
  /** Hosts whose libvirt did not answer, with why. */
  failed: ReadonlyMap<string, string>;
  /** Where each domain uuid is defined. */
  places: ReadonlyMap<string, readonly DomainPlace[]>;
}

export function hypervisorDomains(inventory: Inventory): HypervisorDomains {
  const hosts = new Set<string>();
  for (const hypervisor of neededRecords(inventory, "compute.hypervisor")) {
    const service = object(hypervisor, "service");
    const host = service === null ? null : text(service, "host");
    if (host !== null) hosts.add(host);
  }
  const failed = new Map<string, string>();
  const places = new Map<string, DomainPlace[]>();
  for (const domain of neededRecords(inventory, "compute.hypervisor-domain")) {
    const host = text(domain, "host");
    if (host === null) continue;
    const error = text(domain, "error");
    if (error !== null) {
      failed.set(host, error);
      continue;
    }
    const uuid = text(domain, "uuid");
    if (uuid === null) continue;
    let at = places.get(uuid);
    if (at === undefined) places.set(uuid, (at = []));
    at.push({ host, name: text(domain, "name"), running: bool(domain, "running") === true });
  }
  return { hosts, failed, places };
}

/** "host cmp1" or "3 hosts (cmp1, cmp2, cmp3)", for a one-line reason. */
export function describeHosts(hosts: readonly string[]): string {
  const shown = hosts.slice(0, 5).join(", ");
  return hosts.length === 1 ? `host ${shown}` : `${hosts.length} hosts (${shown}${hosts.length > 5 ? ", ..." : ""})`;
}
