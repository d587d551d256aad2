// OpenID Connect through Keystone federation, as keystoneauth's v3oidc* plugins do it: a token from the identity
// provider's token endpoint (Keycloak's `/realms/R/protocol/openid-connect/token`, named directly or by the
// discovery document), sent as a Bearer token to `{v3}/OS-FEDERATION/identity_providers/{idp}/protocols/{protocol}/auth`,
// which answers an unscoped Keystone token; the caller then scopes it with the token method.
import * as z from "zod";
import type { OidcCredentials, OidcAuthType, ResolvedCloud } from "../../config/clouds.ts";
import { AuthError } from "../errors.ts";
import { serviceMessage } from "../service-message.ts";
import type { HttpClient } from "../transport/http-client.ts";
import type { Redactor } from "../transport/redact.ts";
import { tokensUrl } from "./keystone-v3.ts";

/** The OAuth 2.0 grant each plugin asks the provider for. */
const GRANT: Record<Exclude<OidcAuthType, "v3oidcaccesstoken">, string> = {
  v3oidcpassword: "password",
  v3oidcclientcredentials: "client_credentials",
};

export function federatedAuthUrl(
  authUrl: string,
  oidc: Pick<OidcCredentials, "identityProvider" | "protocol">,
): string {
  const v3 = tokensUrl(authUrl).replace(/\/auth\/tokens$/, "");
  const idp = encodeURIComponent(oidc.identityProvider);
  return `${v3}/OS-FEDERATION/identity_providers/${idp}/protocols/${encodeURIComponent(oidc.protocol)}/auth`;
}

interface Exchange {
  http: HttpClient;
  redactor: Redactor;
  userAgent: string;
}

/** The unscoped Keystone token (its id) that the identity provider's token buys. */
export async function federatedToken(cloud: ResolvedCloud, oidc: OidcCredentials, io: Exchange): Promise<string> {
  const accessToken =
    cloud.authType === "v3oidcaccesstoken"
      ? (oidc.accessToken?.reveal() ?? "")
      : await providerToken(cloud, oidc, GRANT[cloud.authType as keyof typeof GRANT], io);
  io.redactor.add(accessToken);
  const url = federatedAuthUrl(cloud.auth.authUrl, oidc);
  const response = await io.http.send({
    service: "identity",
    method: "POST",
    url,
    headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json", "User-Agent": io.userAgent },
  });
  const requestId = response.headers["x-openstack-request-id"] ?? null;
  const token = response.headers["x-subject-token"];
  if (response.status !== 201 && response.status !== 200) {
    const because = serviceMessage(response.text);
    throw new AuthError(
      io.redactor.text(
        `Keystone at ${cloud.auth.authUrl} refused the token of identity provider ${oidc.identityProvider} (protocol ${oidc.protocol}) (HTTP ${response.status}${because ? `: ${because}` : ""})`,
      ),
      { status: response.status, requestId },
    );
  }
  if (token === undefined || token === "") {
    throw new AuthError(`Keystone at ${cloud.auth.authUrl} issued no X-Subject-Token for the federated login`, {
      requestId,
    });
  }
  io.redactor.add(token);
  return token;
}

const discoverySchema = z.looseObject({
  token_endpoint: z.string().optional(),
  grant_types_supported: z.array(z.string()).optional(),
});
const tokenAnswerSchema = z.record(z.string(), z.unknown());

async function providerToken(
  cloud: ResolvedCloud,
  oidc: OidcCredentials,
  grant: string,
  io: Exchange,
): Promise<string> {
  const fail = (what: string): AuthError =>
    new AuthError(io.redactor.text(`identity provider of cloud ${cloud.name}: ${what}`), {
      status: null,
      requestId: null,
    });
  let endpoint = oidc.accessTokenEndpoint;
  if (oidc.discoveryEndpoint !== undefined) {
    const answer = await io.http.send({
      service: "identity",
      method: "GET",
      url: oidc.discoveryEndpoint,
      headers: { Accept: "application/json", "User-Agent": io.userAgent },
    });
    const parsed = answer.status === 200 ? discoverySchema.safeParse(parseJson(answer.text)) : undefined;
    if (parsed?.success !== true)
      throw fail(`no discovery document at ${oidc.discoveryEndpoint} (HTTP ${answer.status})`);
    const grants = parsed.data.grant_types_supported;
    if (grants !== undefined && !grants.includes(grant)) {
      throw fail(`it does not support the ${grant} grant (it supports ${grants.join(", ")})`);
    }
    endpoint ??= parsed.data.token_endpoint;
    if (endpoint === undefined) throw fail(`its discovery document names no token_endpoint`);
  }
  const form = new URLSearchParams({ grant_type: grant, scope: oidc.openidScope });
  if (grant === "password") {
    form.set("username", cloud.auth.username ?? "");
    form.set("password", cloud.auth.password?.reveal() ?? "");
  }
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
    "User-Agent": io.userAgent,
  };
  // A confidential client authenticates with HTTP Basic (RFC 6749 2.3.1); a public one names itself in the form.
  const secret = oidc.clientSecret?.reveal();
  if (secret !== undefined && secret !== "") {
    const pair = `${encodeURIComponent(oidc.clientId ?? "")}:${encodeURIComponent(secret)}`;
    headers["Authorization"] = `Basic ${Buffer.from(pair).toString("base64")}`;
  } else {
    form.set("client_id", oidc.clientId ?? "");
  }
  const answer = await io.http.send({
    service: "identity",
    method: "POST",
    url: endpoint!,
    headers,
    body: form.toString(),
  });
  const body = tokenAnswerSchema.safeParse(parseJson(answer.text));
  if (answer.status !== 200 || !body.success) {
    const error = body.success ? (body.data["error_description"] ?? body.data["error"]) : undefined;
    throw fail(
      `${endpoint!} refused the ${grant} grant (HTTP ${answer.status}${typeof error === "string" ? `: ${error}` : ""})`,
    );
  }
  const token = body.data[oidc.accessTokenType];
  if (typeof token !== "string" || token === "") throw fail(`${endpoint!} answered no ${oidc.accessTokenType}`);
  return token;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
