// The OpenID Connect plugins end to end over loopback HTTP: a Keycloak-shaped provider (test/support/services) issues the
// token, fakecloud's Keystone checks it at the provider (introspection) on its federation endpoint and maps the
// user, and the session scopes the federated token to the cloud's project.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { startOidcProvider, type OidcProvider } from "../../../test/support/services/oidc-provider.ts";
import { resolveCloud } from "../../config/clouds.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { AuthError } from "../errors.ts";
import { Session } from "../session.ts";

const IDP_PASSWORD = "idp-password-of-admin";
const CLIENT_SECRET = "stacksweep-client-secret";

let provider: OidcProvider;
let cloud: FakeCloud;
let dir: string;

beforeAll(async () => {
  provider = await startOidcProvider({
    clients: [
      { id: "stacksweep", secret: CLIENT_SECRET },
      { id: "keystone", secret: "keystone-introspection-secret" },
    ],
    users: [{ username: "admin", password: IDP_PASSWORD }],
  });
  cloud = await startFakeCloud({
    scenario: {
      users: [
        {
          name: "service-account-stacksweep",
          password: "unused-local-password",
          roles: [{ project: "admin", role: "admin" }],
        },
      ],
      identityProviders: [
        {
          id: "keycloak",
          protocol: "openid",
          introspectionEndpoint: provider.introspectionEndpoint,
          clientId: "keystone",
          clientSecret: "keystone-introspection-secret",
        },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), "stacksweep-oidc-"));
});
afterAll(async () => {
  await cloud.close();
  await provider.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a session with a clouds.yaml entry of the given auth_type and auth keys (plus the cloud's URL and scope). */
async function open(authType: string, auth: Record<string, string>): Promise<Session> {
  const entry = cloud.cloudsYamlEntry() as { auth: Record<string, string>; region_name: string };
  const file = join(dir, `${authType}.yaml`);
  const cloudEntry = {
    auth_type: authType,
    region_name: entry.region_name,
    auth: { auth_url: entry.auth["auth_url"], project_name: "admin", project_domain_name: "Default", ...auth },
  };
  writeFileSync(file, stringify({ clouds: { federated: cloudEntry } }), { mode: 0o600 });
  const resolved = await resolveCloud({ cloud: "federated", env: { OS_CLIENT_CONFIG_FILE: file }, overrides: {} });
  return Session.open(resolved, { retry: { baseDelayMs: 1, maxDelayMs: 5 } });
}

const oidc = {
  identity_provider: "keycloak",
  protocol: "openid",
  client_id: "stacksweep",
  client_secret: CLIENT_SECRET,
};

describe("OpenID Connect through Keystone federation", () => {
  it("v3oidcpassword: the provider's password grant, found through discovery, then a project-scoped token", async () => {
    const before = provider.tokenRequests.length;
    const session = await open("v3oidcpassword", {
      ...oidc,
      discovery_endpoint: provider.discoveryEndpoint,
      username: "admin",
      password: IDP_PASSWORD,
    });
    try {
      expect(session.regions()).toContain(session.region);
      const form = provider.tokenRequests[before]!;
      expect(Object.fromEntries(form)).toEqual({
        grant_type: "password",
        scope: "openid profile",
        username: "admin",
        password: IDP_PASSWORD,
      });
    } finally {
      await session.close();
    }
  });

  it("v3oidcclientcredentials: the client's own service account, at the named token endpoint", async () => {
    const session = await open("v3oidcclientcredentials", {
      ...oidc,
      access_token_endpoint: provider.tokenEndpoint,
      openid_scope: "openid",
    });
    await session.close();
    expect(Object.fromEntries(provider.tokenRequests.at(-1)!)).toEqual({
      grant_type: "client_credentials",
      scope: "openid",
    });
  });

  it("v3oidcaccesstoken: a token the operator already holds", async () => {
    const answer = await fetch(provider.tokenEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        client_id: "stacksweep",
        username: "admin",
        password: IDP_PASSWORD,
      }),
    });
    const { access_token } = (await answer.json()) as { access_token: string };
    const session = await open("v3oidcaccesstoken", {
      identity_provider: "keycloak",
      protocol: "openid",
      access_token,
    });
    await session.close();
  });

  it("fails as authentication, never showing a secret, when the provider or Keystone says no", async () => {
    const wrongPassword = open("v3oidcpassword", {
      ...oidc,
      access_token_endpoint: provider.tokenEndpoint,
      username: "admin",
      password: "not-the-password",
    });
    await expect(wrongPassword).rejects.toThrow(AuthError);
    await expect(wrongPassword).rejects.toThrow(/refused the password grant \(HTTP 401: Invalid user credentials\)/);
    const unknownToken = open("v3oidcaccesstoken", {
      identity_provider: "keycloak",
      protocol: "openid",
      access_token: "forged-token",
    });
    await expect(unknownToken).rejects.toThrow(
      /refused the token of identity provider keycloak \(protocol openid\) \(HTTP 401/,
    );
    await expect(unknownToken).rejects.not.toThrow(/forged-token/);
    const wrongProvider = open("v3oidcaccesstoken", {
      identity_provider: "nosuch",
      protocol: "openid",
      access_token: "x",
    });
    await expect(wrongProvider).rejects.toThrow(/HTTP 404: Could not find Identity Provider: nosuch/);
  });
});
