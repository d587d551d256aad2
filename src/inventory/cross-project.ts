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
 * Why the listing cannot be taken as every project's, or null when it is proven to be: the token carries a role that
 * sees every project, and the records show an owner other than the caller's project, or (when every record is the
 * caller's) the same listing asked for a project that does not exist answers nothing, as a service that honours
 * `all_tenants` does, while one that ignores it answers the caller's own records again. An empty listing has nothing
 * to prove from; references from other listings still catch it (reference-confirmer.ts: an absent id that exists).
 */
export async function crossProjectProblem(
  session: InventorySession,
  type: ResourceType,
  records: readonly Record<string, unknown>[],
): Promise<IncompleteCoverage | null> {
  if (type.ownerField === null || type.id === "identity.project") return null;
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
  const ownerField = type.ownerField;
  const owners = new Set(records.map((record) => record[ownerField]).filter((o) => typeof o === "string" && o !== ""));
  if (records.length === 0 || projectId === null || [...owners].some((owner) => owner !== projectId)) return null;
  if (type.list.kind !== "paged" || !asksAllProjects(type.list)) return null;
  return probe(session, type, type.list);
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
