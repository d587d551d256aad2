// Swift's catalog endpoint is the caller's own account (`https://swift/v1/AUTH_<project>`). An admin holding the
// reseller-admin role reaches any project's account by replacing that last segment, with the reseller prefix the
// deployment configured (keystoneauth's `reseller_prefix`, `AUTH_` unless changed): both are read from the catalog.

/** Keystoneauth's default reseller prefix, for a catalog URL that does not end with the caller's account. */
export const DEFAULT_RESELLER_PREFIX = "AUTH_";

export interface ObjectStoreBase {
  /** The endpoint without the account: account paths (`/AUTH_<project>/<container>`) are relative to it. */
  base: string;
  /** The reseller prefix put before a project id to name its account. */
  prefix: string;
}

/**
 * Splits an object-store endpoint into its base and the reseller prefix. The last path segment is the caller's
 * account when it ends with the caller's project id; otherwise the endpoint names no account and is the base.
 */
export function splitAccountEndpoint(endpoint: string, callerProjectId: string | null): ObjectStoreBase {
  const url = endpoint.replace(/\/+$/, "");
  const slash = url.lastIndexOf("/");
  const last = url.slice(slash + 1);
  if (callerProjectId !== null && callerProjectId !== "" && last.endsWith(callerProjectId) && slash > 0) {
    return { base: url.slice(0, slash), prefix: last.slice(0, last.length - callerProjectId.length) };
  }
  return { base: url, prefix: DEFAULT_RESELLER_PREFIX };
}

/** The path of a project's account relative to the base: `/AUTH_<project>`. */
export function accountPath(prefix: string, projectId: string): string {
  return `/${prefix}${encodeURIComponent(projectId)}`;
}
