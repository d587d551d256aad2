// Keystone v3 token requests for the methods stacksweep supports (password, application credential, token, totp;
// the OpenID Connect plugins end with the token method, see oidc.ts) with project, domain or system scope, and the
// schema of the token Keystone answers with.

import * as z from "zod";
import type { CloudCredentials, ResolvedCloud } from "../../config/clouds.ts";
import { catalogSchema } from "../catalog.ts";

/** `POST {auth_url}/auth/tokens`: the URL, whatever version suffix the operator wrote. */
export function tokensUrl(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, "");
  if (/\/v3$/.test(base)) return `${base}/auth/tokens`;
  // keystoneauth discovers the v3 endpoint; `<root>/v3` is where every Keystone since Queens serves it.
  return `${base.replace(/\/v2\.0$/, "")}/v3/auth/tokens`;
}

export function authRequestBody(cloud: Pick<ResolvedCloud, "authType" | "auth">): unknown {
  const a = cloud.auth;
  switch (cloud.authType) {
    case "password":
      return {
        auth: {
          identity: { methods: ["password"], password: { user: { ...user(a), password: a.password?.reveal() ?? "" } } },
          ...scope(a),
        },
      };
    case "token":
      return tokenMethodBody(a.token?.reveal() ?? "", a);
    case "v3totp":
      return {
        auth: {
          identity: { methods: ["totp"], totp: { user: { ...user(a), passcode: a.passcode?.reveal() ?? "" } } },
          ...scope(a),
        },
      };
    case "v3applicationcredential": {
      const credential =
        a.applicationCredentialId !== undefined
          ? { id: a.applicationCredentialId, secret: a.applicationCredentialSecret?.reveal() ?? "" }
          : { name: a.applicationCredentialName, secret: a.applicationCredentialSecret?.reveal() ?? "", user: user(a) };
      // An application credential is bound to its project: Keystone rejects a scope in the request.
      return { auth: { identity: { methods: ["application_credential"], application_credential: credential } } };
    }
    default:
      // The OpenID Connect plugins first buy a federated token (oidc.ts), then scope it with tokenMethodBody.
      throw new Error(`${cloud.authType} does not authenticate at /auth/tokens directly`);
  }
}

/** The token method: a token (the operator's, or a federated unscoped one) exchanged for one with the cloud's scope. */
export function tokenMethodBody(tokenId: string, a: CloudCredentials): unknown {
  return { auth: { identity: { methods: ["token"], token: { id: tokenId } }, ...scope(a) } };
}

function user(a: CloudCredentials): Record<string, unknown> {
  if (a.userId !== undefined) return { id: a.userId };
  return { name: a.username, domain: domainRef(a.userDomainId, a.userDomainName) };
}

function domainRef(id: string | undefined, name: string | undefined): Record<string, string> {
  return id !== undefined ? { id } : { name: name ?? "" };
}

function scope(a: CloudCredentials): { scope?: unknown } {
  if (a.projectId !== undefined) return { scope: { project: { id: a.projectId } } };
  if (a.projectName !== undefined) {
    return { scope: { project: { name: a.projectName, domain: domainRef(a.projectDomainId, a.projectDomainName) } } };
  }
  if (a.domainId !== undefined || a.domainName !== undefined)
    return { scope: { domain: domainRef(a.domainId, a.domainName) } };
  if (a.systemScope !== undefined) return { scope: { system: { all: true } } };
  return {};
}

const ref = z.looseObject({ id: z.string(), name: z.string().optional() });

export const tokenResponseSchema = z.looseObject({
  token: z.looseObject({
    expires_at: z.string(),
    issued_at: z.string().optional(),
    user: ref.extend({ domain: ref.optional() }),
    project: ref.extend({ domain: ref.optional() }).optional(),
    domain: ref.optional(),
    system: z.record(z.string(), z.unknown()).optional(),
    roles: z.array(z.looseObject({ id: z.string().optional(), name: z.string() })).optional(),
    catalog: catalogSchema.optional(),
  }),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;
