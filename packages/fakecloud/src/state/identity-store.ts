// Keystone's records that are not resource types of an inventory: users, roles, role assignments and
// application credentials. Projects and domains live in the `identity.project` / `identity.domain` collections.

export interface User {
  id: string;
  name: string;
  domainId: string;
  password: string;
  enabled: boolean;
  defaultProjectId: string | null;
}

export interface Role {
  id: string;
  name: string;
  /** Roles this one implies; keystone's bootstrap makes admin imply member and member imply reader. */
  implies: string[];
}

export interface RoleAssignment {
  userId: string;
  projectId: string;
  roleId: string;
}

export interface ApplicationCredential {
  id: string;
  name: string;
  secret: string;
  userId: string;
  projectId: string;
  roleIds: string[];
  expiresAt: Date | null;
}

/**
 * A federated identity provider with one protocol, as Keystone sees it behind mod_auth_openidc: the web server
 * checks the Bearer token with the provider (RFC 7662 introspection), and Keystone's mapping turns one claim into a
 * local user (`"type": "local"`), whose own role assignments then scope the token.
 */
export interface IdentityProvider {
  id: string;
  protocol: string;
  introspectionEndpoint: string;
  /** The client the web server introspects as (HTTP Basic), when the provider wants one. */
  clientId: string | null;
  clientSecret: string | null;
  /** The claim the mapping reads, e.g. `preferred_username` (Keystone's `OIDC-preferred_username`). */
  userClaim: string;
  /** The domain of the mapped local users. */
  domainId: string;
}

export class IdentityStore {
  readonly identityProviders = new Map<string, IdentityProvider>();
  readonly users = new Map<string, User>();
  readonly roles = new Map<string, Role>();
  readonly assignments: RoleAssignment[] = [];
  readonly applicationCredentials = new Map<string, ApplicationCredential>();
  /** Keystone's `list_limit`: a projects list longer than this is cut and marked `"truncated": true`. */
  listLimit: number | null = null;

  findUserByName(name: string, domainId: string): User | undefined {
    for (const user of this.users.values()) {
      if (user.name === name && user.domainId === domainId) return user;
    }
    return undefined;
  }

  findRoleByName(name: string): Role | undefined {
    for (const role of this.roles.values()) if (role.name === name) return role;
    return undefined;
  }

  /** The roles a user holds on a project, expanded through implied roles, as keystone puts them in a token. */
  effectiveRoles(userId: string, projectId: string): Role[] {
    const direct = this.assignments
      .filter((a) => a.userId === userId && a.projectId === projectId)
      .map((a) => a.roleId);
    return this.expandRoles(direct);
  }

  expandRoles(roleIds: readonly string[]): Role[] {
    const seen = new Map<string, Role>();
    const pending = [...roleIds];
    while (pending.length > 0) {
      const id = pending.pop()!;
      const role = this.roles.get(id);
      if (role === undefined || seen.has(id)) continue;
      seen.set(id, role);
      pending.push(...role.implies);
    }
    return [...seen.values()];
  }

  assign(userId: string, projectId: string, roleId: string): void {
    const exists = this.assignments.some(
      (a) => a.userId === userId && a.projectId === projectId && a.roleId === roleId,
    );
    if (!exists) this.assignments.push({ userId, projectId, roleId });
  }
}
