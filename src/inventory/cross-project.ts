// A listing of owned records is only the cloud's if it is every project's, and a service can quietly answer with the
// caller's own project instead: Cinder answers a non-admin's `all_tenants=1` that way, and a policy override or a
// proxy can make any service do it. Before a listing is trusted, this proves per listing that it spans projects;
// otherwise the listing is failed with the reason, and the checks that read it are inconclusive.

import { randomUUID } from "node:crypto";
import type { InventorySession } from "./inventory-session.ts";
import type { IncompleteCoverage } from "./listing-failure.ts";
import type { PagedListing, ResourceType } from "./resource-type.ts";

/** Roles that see every project's resources under the services' default policies (system readers since Yoga). */
const ADMIN_ROLES = new Set(["admin"]);
const SYSTEM_READER_ROLES = new Set(["admin", "member", "reader"]);

/** The parameters that ask a service for every project's records. */
const ALL_PROJECTS_PARAMS = ["all_tenants", "all_projects"];

/**
 * What a listing proves about spanning projects: `not-asked` (a type without owners, or a listing that does not ask
 * for every project: only the token's roles are checked); `proven`; `unproven` (asked for every project, yet empty: a service
 * that ignores `all_tenants` answers an admin project without resources the same way, so another listing of the same
 * service must prove it, see `unprovenService`); or why it cannot be taken as every project's.
 */
export type CrossProjectProof = "proven" | "unproven" | "not-asked" | IncompleteCoverage;

/**
 * The token must carry a role that sees every project; then the records must show an owner other than the caller's
 * project, or (when every record is the caller's) the same listing asked for a project that does not exist must
 * answer nothing, as a service that honours `all_tenants` does, while one that ignores it answers the caller's own
 * records again. References from other listings catch the rest (reference-confirmer.ts: an absent id that exists).
 */
export async function crossProjectProof(
  session: InventorySession,
  type: ResourceType,
  records: readonly Record<string, unknown>[],
): Promise<CrossProjectProof> {
  if (type.ownerField === null || type.id === "identity.project") return "not-asked";
  const { roles, system, projectId } = session.identity;
  if (roles !== undefined) {
    const allowed = system === true ? SYSTEM_READER_ROLES : ADMIN_ROLES;
    if (!roles.some((role) => allowed.has(role)))
      return {
        status: "failed",
        reason:
          `the token's roles (${roles.join(", ") || "none"}) do not see every project: ${type.service} would answer ` +
          "with the caller's own project's records only",
      };
  }
  if (type.list.kind !== "paged" || !asksAllProjects(type.list)) return "not-asked";
  if (records.length === 0) return "unproven";
  const ownerField = type.ownerField;
  const owners = new Set(records.map((record) => record[ownerField]).filter((o) => typeof o === "string" && o !== ""));
  if (projectId === null || [...owners].some((owner) => owner !== projectId)) return "proven";
  return (await probe(session, type, type.list)) ?? "proven";
}

/** Why an empty listing of a service none of whose listings proved it spans projects cannot be trusted. */
export function unprovenService(type: ResourceType): IncompleteCoverage {
  return {
    status: "failed",
    reason:
      `nothing proves ${type.service} answers every project's records: its listings asked with ` +
      `${Object.keys(type.list.kind === "paged" ? type.list.query : {}).join(", ")} are all empty, which is also ` +
      "what a service ignoring it answers a caller whose own project has none",
  };
}

function asksAllProjects(listing: PagedListing): boolean {
  return ALL_PROJECTS_PARAMS.some((param) => param in listing.query);
}

async function probe(
  session: InventorySession,
  type: ResourceType,
  listing: PagedListing,
): Promise<IncompleteCoverage | null> {
  const nobody = randomUUID().replaceAll("-", "");
  try {
    const answer = await session.request(type.service, {
      path: listing.path,
      query: { ...listing.query, project_id: nobody, limit: 1 },
      ...(listing.microversion === undefined ? {} : { microversion: listing.microversion }),
    });
    const items =
      answer.body !== null && typeof answer.body === "object"
        ? (answer.body as Record<string, unknown>)[listing.resourcesKey]
        : undefined;
    if (Array.isArray(items) && items.length === 0) return null;
    return {
      status: "failed",
      reason:
        `${type.service} ignores ${Object.keys(listing.query).join(", ")}: every record listed is the caller's ` +
        `project's, and asked for a project that does not exist it answered the caller's records again`,
    };
  } catch (error) {
    return {
      status: "failed",
      reason:
        "every record listed is the caller's project's, and the check that the listing spans projects failed: " +
        (error instanceof Error ? error.message : String(error)),
    };
  }
}
