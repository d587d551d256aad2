// The `openstack` command an operator pastes a finding's resource id into, per resource type: a `show` where the
// CLI has one, otherwise a `list` filtered to that one record (a Cinder service is its binary and host; an image
// member is `<image>/<member>`, listed with its image).
import type { ResourceTypeId } from "../../../src/inventory/resource-type-id.ts";

export interface CliShow {
  /** The command line after `openstack`, with `-f json`. */
  argv: string[];
  /** For a `list`: whether its JSON rows name the record (a `show` answers or fails on its own). */
  found?: (rows: Record<string, unknown>[]) => boolean;
}

const SHOW: Partial<Record<ResourceTypeId, string[]>> = {
  "identity.project": ["project", "show"],
  "identity.domain": ["domain", "show"],
  "identity.trust": ["trust", "show"],
  "compute.server": ["server", "show"],
  "block-storage.volume": ["volume", "show"],
  "block-storage.snapshot": ["volume", "snapshot", "show"],
  "block-storage.backup": ["volume", "backup", "show"],
  "block-storage.attachment": ["--os-volume-api-version", "3.27", "volume", "attachment", "show"],
  "network.network": ["network", "show"],
  "network.subnet": ["subnet", "show"],
  "network.port": ["port", "show"],
  "network.router": ["router", "show"],
  "network.floatingip": ["floating", "ip", "show"],
  "network.security-group": ["security", "group", "show"],
  "network.security-group-rule": ["security", "group", "rule", "show"],
  "network.rbac-policy": ["network", "rbac", "show"],
  "network.agent": ["network", "agent", "show"],
  "load-balancer.loadbalancer": ["loadbalancer", "show"],
  "load-balancer.listener": ["loadbalancer", "listener", "show"],
  "load-balancer.pool": ["loadbalancer", "pool", "show"],
  "load-balancer.healthmonitor": ["loadbalancer", "healthmonitor", "show"],
  "load-balancer.l7policy": ["loadbalancer", "l7policy", "show"],
  "load-balancer.amphora": ["loadbalancer", "amphora", "show"],
  "image.image": ["image", "show"],
  "placement.resource-provider": ["resource", "provider", "show"],
  "placement.allocation": ["resource", "provider", "allocation", "show"],
  "orchestration.stack": ["stack", "show"],
  "dns.zone": ["zone", "show", "--all-projects"],
  "shared-file-system.share": ["share", "show"],
  "shared-file-system.snapshot": ["share", "snapshot", "show"],
  "shared-file-system.share-network": ["share", "network", "show"],
  "shared-file-system.share-replica": ["share", "replica", "show"],
};

/** Null for a type no command takes by id (none today: a test holds every finding's type to one). */
export function cliShow(type: ResourceTypeId, id: string): CliShow | null {
  const show = SHOW[type];
  if (show !== undefined) return { argv: [...show, id] };
  const slash = id.indexOf("/");
  const [first, second] = [id.slice(0, slash), id.slice(slash + 1)];
  switch (type) {
    case "block-storage.service":
      // `<binary>/<host>`: the host may itself hold an `@backend`, never a slash.
      return {
        argv: ["volume", "service", "list", "--service", first, "--host", second],
        found: (rows) => rows.some((row) => row["Binary"] === first && row["Host"] === second),
      };
    case "compute.service":
      return {
        argv: ["--os-compute-api-version", "2.53", "compute", "service", "list"],
        found: (rows) => rows.some((row) => row["ID"] === id),
      };
    case "identity.application-credential":
      // `<user>/<id>`: the client shows only the caller's own, and lists another user's with --user (a live one: it
      // looks the user up first). A deleted user's key pair (`<user>/<name>`) no command takes for the same reason.
      return {
        argv: ["application", "credential", "list", "--user", first],
        found: (rows) => rows.some((row) => row["ID"] === second),
      };
    case "image.member":
      return {
        argv: ["image", "member", "list", first],
        found: (rows) => rows.some((row) => row["Member ID"] === second),
      };
    default:
      return null;
  }
}
