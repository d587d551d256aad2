import { describe, expect, it } from "vitest";
import { Secret } from "../../config/secret.ts";
import { authRequestBody } from "./keystone-v3.ts";
import { federatedAuthUrl } from "./oidc.ts";

describe("Keystone v3 auth requests", () => {
  it("v3totp sends the user and passcode under the totp method, with the scope", () => {
    const body = authRequestBody({
      authType: "v3totp",
      auth: {
        authUrl: "https://keystone.example.org/v3",
        username: "ops",
        userDomainName: "Default",
        passcode: new Secret("123456"),
        projectId: "0123456789abcdef0123456789abcdef",
      },
    });
    expect(body).toEqual({
      auth: {
        identity: {
          methods: ["totp"],
          totp: { user: { name: "ops", domain: { name: "Default" }, passcode: "123456" } },
        },
        scope: { project: { id: "0123456789abcdef0123456789abcdef" } },
      },
    });
  });

  it("the federated login is under the v3 root, whatever suffix auth_url has", () => {
    for (const authUrl of [
      "https://k.example.org:5000",
      "https://k.example.org:5000/v3/",
      "https://k.example.org:5000/v2.0",
    ]) {
      expect(federatedAuthUrl(authUrl, { identityProvider: "keycloak", protocol: "openid" })).toBe(
        "https://k.example.org:5000/v3/OS-FEDERATION/identity_providers/keycloak/protocols/openid/auth",
      );
    }
  });
});
