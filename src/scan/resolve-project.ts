// `--project` takes a name or an id, as the `openstack` CLI does, resolved through the project list the scan made
// anyway. A name that matches nothing is an error, never a filter that quietly matches nothing: that would be a
// clean report for a project whose resources were simply not looked at.
import { ConfigError } from "../config/errors.ts";
import type { Inventory } from "../inventory/inventory.ts";

/** What the operator asked for: `--project` and, to tell same-named projects apart, `--project-domain`. */
export interface ProjectChoice {
  project: string;
  domain?: string;
}

/** Keystone's ids: 32 hex digits (uuid4().hex), or a UUID with dashes for an LDAP- or federation-backed project. */
const KEYSTONE_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function looksLikeProjectId(value: string): boolean {
  return KEYSTONE_ID.test(value);
}

/**
 * The id of the chosen project, from the first inventory whose project list is complete. An id Keystone no longer
 * lists is taken as it is (the resources of a deleted project are what stacksweep cleans up); a name must match.
 */
export function resolveProject(choice: ProjectChoice, inventories: readonly Inventory[]): string {
  const { project, domain } = choice;
  const fail = (expected: string): ConfigError =>
    new ConfigError({ file: "command line", key: "--project", expected: `"${project}": ${expected}` });
  const inventory = inventories.find((i) => i.coverage["identity.project"]?.status === "complete");
  if (inventory === undefined) {
    if (looksLikeProjectId(project) && domain === undefined) return project;
    throw fail("the project list could not be read completely, so a name cannot be resolved; give the project's id");
  }
  const projects = inventory.resources["identity.project"] ?? [];
  const domains = inventory.resources["identity.domain"] ?? [];
  const domainIds =
    domain === undefined
      ? undefined
      : new Set([domain, ...domains.filter((d) => d["name"] === domain).map((d) => String(d["id"]))]);
  const inDomain = (p: Record<string, unknown>): boolean =>
    domainIds === undefined || domainIds.has(String(p["domain_id"]));
  const byId = projects.find((p) => p["id"] === project && inDomain(p));
  if (byId !== undefined) return project;
  const named = projects.filter((p) => p["name"] === project && inDomain(p));
  if (named.length === 1) return String(named[0]!["id"]);
  if (named.length > 1) {
    const where = named.map((p) => `${String(p["id"])} in domain ${domainName(domains, String(p["domain_id"]))}`);
    throw fail(`${named.length} projects have this name (${where.join(", ")}): add --project-domain, or give the id`);
  }
  if (looksLikeProjectId(project) && domain === undefined) return project;
  const scope = domain === undefined ? "" : ` in domain "${domain}"`;
  throw fail(
    `no project of this name or id${scope} among the ${projects.length} projects of ${inventory.cloud} (names are case-sensitive)`,
  );
}

function domainName(domains: readonly Record<string, unknown>[], id: string): string {
  const name = domains.find((d) => d["id"] === id)?.["name"];
  return typeof name === "string" ? `${name} (${id})` : id;
}
