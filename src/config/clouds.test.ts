import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { resolveCloud } from "./clouds.ts";
import { ConfigError } from "./errors.ts";
import { testDirectory } from "../../test/support/test-directory.ts";

let root: string;
let home: string;
let cwd: string;

beforeEach(() => {
  root = testDirectory("clouds");
  home = join(root, "home");
  cwd = join(root, "work");
  mkdirSync(join(home, ".config", "openstack"), { recursive: true });
  mkdirSync(cwd, { recursive: true });
});

function write(path: string, text: string): string {
  writeFileSync(path, text);
  return path;
}

const PASSWORD_CLOUD = `clouds:
  prod:
    auth:
      auth_url: https://keystone.example.com:5000/v3
      username: admin
      password: s3cret-Pa55
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
`;

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("resolveCloud: where clouds.yaml comes from", () => {
  it("prefers ./clouds.yaml over ~/.config/openstack/clouds.yaml", async () => {
    write(join(home, ".config/openstack/clouds.yaml"), PASSWORD_CLOUD.replace("RegionOne", "HomeRegion"));
    write(join(cwd, "clouds.yaml"), PASSWORD_CLOUD);
    const cloud = await resolveCloud({ env: { HOME: home }, cwd });
    expect(cloud.source).toBe(join(cwd, "clouds.yaml"));
    expect(cloud.regions).toEqual(["RegionOne"]);
  });

  it("reads OS_CLIENT_CONFIG_FILE first and merges secure.yaml over it", async () => {
    const file = write(join(root, "custom.yaml"), PASSWORD_CLOUD.replace("      password: s3cret-Pa55\n", ""));
    write(join(home, ".config/openstack/secure.yml"), "clouds:\n  prod:\n    auth:\n      password: from-secure\n");
    write(join(cwd, "clouds.yaml"), "clouds: {}\n");
    const cloud = await resolveCloud({ env: { HOME: home, OS_CLIENT_CONFIG_FILE: file }, cwd });
    expect(cloud.source).toBe(file);
    expect(cloud.auth.password?.reveal()).toBe("from-secure");
    expect(cloud.auth.username).toBe("admin");
  });

  it("builds an `envvars` cloud from OS_* variables with an application credential", async () => {
    const cloud = await resolveCloud({
      env: {
        HOME: home,
        OS_AUTH_URL: "https://keystone.example.com/v3",
        OS_AUTH_TYPE: "v3applicationcredential",
        OS_APPLICATION_CREDENTIAL_ID: "abc123",
        OS_APPLICATION_CREDENTIAL_SECRET: "appcred-secret",
        OS_REGION_NAME: "RegionTwo",
        OS_INTERFACE: "internal",
      },
      cwd,
    });
    expect(cloud).toMatchObject({ name: "envvars", source: "environment", authType: "v3applicationcredential" });
    expect(cloud.regions).toEqual(["RegionTwo"]);
    expect(cloud.interface).toBe("internal");
    expect(cloud.auth.applicationCredentialId).toBe("abc123");
  });

  it("chooses the cloud named by OS_CLOUD among several", async () => {
    write(
      join(cwd, "clouds.yaml"),
      PASSWORD_CLOUD + PASSWORD_CLOUD.replace("clouds:\n", "").replace("prod:", "staging:"),
    );
    const cloud = await resolveCloud({ env: { HOME: home, OS_CLOUD: "staging" }, cwd });
    expect(cloud.name).toBe("staging");
  });

  it("never shows a secret when the resolved cloud is logged or serialized", async () => {
    write(join(cwd, "clouds.yaml"), PASSWORD_CLOUD);
    const cloud = await resolveCloud({ env: { HOME: home }, cwd });
    expect(JSON.stringify(cloud)).not.toContain("s3cret-Pa55");
    expect(inspect(cloud, { depth: 10 })).not.toContain("s3cret-Pa55");
    expect(String(cloud.auth.password)).toBe("***");
  });
});

describe("resolveCloud: options openstacksdk reads", () => {
  it("reads regions (strings and {name, values}), interface, TLS and per-service overrides", async () => {
    const ca = write(join(cwd, "ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    write(
      join(cwd, "clouds.yaml"),
      `${PASSWORD_CLOUD.replace("    region_name: RegionOne\n", "")}    regions:
      - RegionOne
      - name: RegionTwo
        values:
          block_storage_endpoint_override: https://cinder.two.example.com/v3/%(project_id)s
    interface: internalURL
    cacert: ca.pem
    verify: false
    compute_api_version: "2.79"
    block-storage_endpoint_override: https://cinder.example.com/v3/$(project_id)s
    load_balancer_endpoint_override: https://octavia.example.com
    identity_api_version: 3
`,
    );
    const cloud = await resolveCloud({ env: { HOME: home }, cwd });
    expect(cloud.regions).toEqual(["RegionOne", "RegionTwo"]);
    expect(cloud.interface).toBe("internal");
    expect(cloud.verify).toBe(false);
    expect(cloud.cacert).toBe(ca);
    expect(cloud.apiVersions).toEqual({ compute: "2.79", identity: "3" });
    expect(cloud.endpointOverrides).toEqual({
      "block-storage": "https://cinder.example.com/v3/$(project_id)s",
      "load-balancer": "https://octavia.example.com",
    });
    expect(cloud.regionValues?.RegionTwo?.endpointOverrides?.["block-storage"]).toContain("cinder.two");
  });

  it("moves domain_name into the user's and project's domain and keeps token auth", async () => {
    write(
      join(cwd, "clouds.yaml"),
      "clouds:\n  t:\n    auth:\n      auth_url: http://k/v3\n      token: tok-value-1\n      project_name: p\n      domain_name: D\n",
    );
    const cloud = await resolveCloud({ env: { HOME: home }, cwd });
    expect(cloud.authType).toBe("token");
    expect(cloud.auth).toMatchObject({ projectName: "p", projectDomainName: "D", userDomainName: "D" });
  });
});

describe("resolveCloud: every bad input is one line naming file, key and what was expected", () => {
  it("an OS_CLIENT_CONFIG_FILE that does not exist", async () => {
    const error = await failure(
      resolveCloud({ env: { HOME: home, OS_CLIENT_CONFIG_FILE: join(root, "nope.yaml") }, cwd }),
    );
    expect(error.message).toBe(`${join(root, "nope.yaml")}: file not found (named by OS_CLIENT_CONFIG_FILE)`);
  });

  it("no configuration at all", async () => {
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.message).toContain("no clouds.yaml found");
    expect(error.message).toContain(join(cwd, "clouds.yaml"));
  });

  it("a YAML syntax error, with line and column", async () => {
    const path = write(join(cwd, "clouds.yaml"), "clouds:\n  prod:\n    auth: [unclosed\n    region_name: x\n");
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.message).toMatch(new RegExp(`^${path}:\\d+:\\d+: YAML syntax error`));
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).not.toContain("\n");
  });

  it("an unknown cloud lists the known ones", async () => {
    write(join(cwd, "clouds.yaml"), PASSWORD_CLOUD);
    const error = await failure(resolveCloud({ cloud: "prdo", env: { HOME: home }, cwd }));
    expect(error.message).toContain("clouds.prdo: no such cloud; known clouds: prod");
  });

  it("a wrong type names the key and its line", async () => {
    const path = write(
      join(cwd, "clouds.yaml"),
      PASSWORD_CLOUD.replace("region_name: RegionOne", "region_name: {a: 1}"),
    );
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.message).toMatch(
      new RegExp(`^${path}:10:5: clouds\\.prod\\.region_name: expected a region name or a list of region names$`),
    );
  });

  it("a missing auth_url", async () => {
    write(
      join(cwd, "clouds.yaml"),
      PASSWORD_CLOUD.replace("      auth_url: https://keystone.example.com:5000/v3\n", ""),
    );
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.key).toBe("clouds.prod.auth.auth_url");
    expect(error.message).toContain("missing (expected the Keystone URL");
  });

  it("conflicting auth methods", async () => {
    write(
      join(cwd, "clouds.yaml"),
      PASSWORD_CLOUD.replace("      username: admin\n", "      username: admin\n      application_credential_id: x\n"),
    );
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.message).toContain("clouds.prod.auth: conflicting auth methods (password, application_credential_*)");
  });

  it("an unknown auth_type", async () => {
    write(join(cwd, "clouds.yaml"), `${PASSWORD_CLOUD}    auth_type: v3samlpassword\n`);
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.key).toBe("clouds.prod.auth_type");
    expect(error.message).toContain('unknown auth_type "v3samlpassword"; supported: password, v3password');
  });

  it("an OpenID Connect auth_type without its identity provider", async () => {
    write(join(cwd, "clouds.yaml"), `${PASSWORD_CLOUD}    auth_type: v3oidcpassword\n`);
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.key).toBe("clouds.prod.auth.identity_provider");
    expect(error.message).toContain("missing (v3oidcpassword needs the identity provider's id in Keystone)");
  });

  it("a wrong interface, a missing cacert, an unsupported API major version", async () => {
    write(join(cwd, "clouds.yaml"), `${PASSWORD_CLOUD}    interface: private\n`);
    expect((await failure(resolveCloud({ env: { HOME: home }, cwd }))).message).toContain(
      '"private" is not an interface',
    );
    write(join(cwd, "clouds.yaml"), `${PASSWORD_CLOUD}    cacert: /no/such/ca.pem\n`);
    expect((await failure(resolveCloud({ env: { HOME: home }, cwd }))).key).toBe("clouds.prod.cacert");
    write(join(cwd, "clouds.yaml"), `${PASSWORD_CLOUD}    volume_api_version: 2\n`);
    expect((await failure(resolveCloud({ env: { HOME: home }, cwd }))).message).toContain(
      "stacksweep speaks block-storage v3",
    );
  });

  it("a bad OS_* variable names the variable", async () => {
    const error = await failure(
      resolveCloud({ env: { HOME: home, OS_AUTH_URL: "keystone:5000", OS_USERNAME: "u", OS_PASSWORD: "p" }, cwd }),
    );
    expect(error.message).toBe('environment: OS_AUTH_URL: "keystone:5000" is not an http(s) URL');
  });

  it("a password auth without the user's domain", async () => {
    write(join(cwd, "clouds.yaml"), PASSWORD_CLOUD.replace("      user_domain_name: Default\n", ""));
    const error = await failure(resolveCloud({ env: { HOME: home }, cwd }));
    expect(error.key).toBe("clouds.prod.auth.user_domain_name");
  });

  it("OS_REGION_NAME that the cloud does not list", async () => {
    write(join(cwd, "clouds.yaml"), PASSWORD_CLOUD);
    const error = await failure(resolveCloud({ env: { HOME: home, OS_REGION_NAME: "regionone" }, cwd }));
    expect(error.message).toContain("OS_REGION_NAME=regionone is not a region of this cloud; valid: RegionOne");
  });
});
