// Resolves the cloud to talk to exactly as openstacksdk does (clouds.yaml, secure.yaml, OS_CLOUD, OS_* variables)
// into one validated, typed ResolvedCloud; every bad input becomes a one-line ConfigError.

import { accessSync, constants } from "node:fs";
import { isAbsolute, resolve as resolvePath } from "node:path";
import { SERVICE_TYPES, SERVICE_TYPE_ALIASES, type ServiceType } from "./service-type.ts";
import { authSection, cloudEntry, normalizeKeys, type AuthSection } from "./cloud-entry.ts";
import { loadCloudsConfig } from "./clouds-yaml.ts";
import { cloudFromEnv, envVarsCloudName } from "./env-vars.ts";
import { ConfigError } from "./errors.ts";
import { redactUrlUserinfo } from "./redact-url.ts";
import { Secret } from "./secret.ts";
import type { ParsedFile } from "./yaml-file.ts";
import { configErrorFromIssue } from "./zod-issue.ts";

export type AuthType =
  | "password"
  | "v3applicationcredential"
  | "token"
  | "v3totp"
  | "v3oidcpassword"
  | "v3oidcclientcredentials"
  | "v3oidcaccesstoken";

/** The OpenID Connect plugins: a token from the identity provider, exchanged at Keystone's federation endpoint. */
export type OidcAuthType = Extract<AuthType, `v3oidc${string}`>;

export function isOidc(authType: AuthType): authType is OidcAuthType {
  return authType.startsWith("v3oidc");
}
export type EndpointInterface = "public" | "internal" | "admin";

/** Keystone v3 credentials and scope. Secrets are wrapped so that no log or error can print them. */
export interface CloudCredentials {
  authUrl: string;
  username?: string;
  userId?: string;
  password?: Secret;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  /** Domain scope (when no project is named). */
  domainName?: string;
  domainId?: string;
  systemScope?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: Secret;
  token?: Secret;
  /** v3totp: the one-time code. */
  passcode?: Secret;
  /** The OpenID Connect plugins (keystoneauth's options of the same names). */
  oidc?: OidcCredentials;
}

export interface OidcCredentials {
  identityProvider: string;
  protocol: string;
  clientId?: string;
  clientSecret?: Secret;
  /** The provider's token endpoint; else the `token_endpoint` of the discovery document. */
  accessTokenEndpoint?: string;
  discoveryEndpoint?: string;
  /** Which field of the provider's answer Keystone gets: `access_token` (default) or `id_token`. */
  accessTokenType: "access_token" | "id_token";
  /** keystoneauth's default: "openid profile". */
  openidScope: string;
  /** v3oidcaccesstoken: a token the operator already has. */
  accessToken?: Secret;
}

/** Settings a `regions: [{name, values}]` entry overrides for that region only. */
export interface RegionValues {
  interface?: EndpointInterface;
  endpointOverrides?: Partial<Record<ServiceType, string>>;
  apiVersions?: Partial<Record<ServiceType, string>>;
}

export interface ResolvedCloud {
  name: string;
  authType: AuthType;
  auth: CloudCredentials;
  /** From `regions` or `region_name` (OS_REGION_NAME picks one); empty when the file names none. */
  regions: string[];
  interface: EndpointInterface;
  verify: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  endpointOverrides: Partial<Record<ServiceType, string>>;
  /** `<service>_api_version` as written; "X.Y" caps the microversion, "X" only names the major version. */
  apiVersions: Partial<Record<ServiceType, string>>;
  /** The clouds.yaml path, or "environment". */
  source: string;
  /** Per-region overrides from `regions: [{name, values}]`, keyed by region name. */
  regionValues?: Record<string, RegionValues>;
}

export interface ResolveCloudOptions {
  cloud?: string;
  /** clouds.yaml keys that win over the selected cloud's (the `--os-*` options); default: the command line's. */
  overrides?: Readonly<Record<string, string | boolean>>;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** The major API version stacksweep speaks per service; `<service>_api_version` must agree. */
const SUPPORTED_MAJOR: Record<ServiceType, string> = {
  identity: "3",
  compute: "2",
  "block-storage": "3",
  network: "2",
  "load-balancer": "2",
  image: "2",
  placement: "1",
  "object-store": "1",
  orchestration: "1",
  dns: "2",
  "key-manager": "1",
  "shared-file-system": "2",
};

const AUTH_TYPES: Record<string, AuthType> = {
  password: "password",
  v3password: "password",
  v3applicationcredential: "v3applicationcredential",
  token: "token",
  v3token: "token",
  v3totp: "v3totp",
  v3oidcpassword: "v3oidcpassword",
  v3oidcclientcredentials: "v3oidcclientcredentials",
  v3oidcaccesstoken: "v3oidcaccesstoken",
};

/** Keys keystoneauth reads as auth plugin options: at the top level of a cloud they move into `auth`. */
const AUTH_KEYS = Object.keys(authSection.shape);

const INTERFACES: Record<string, EndpointInterface> = {
  public: "public",
  publicurl: "public",
  internal: "internal",
  internalurl: "internal",
  admin: "admin",
  adminurl: "admin",
};

interface Origin {
  source: string;
  files: ParsedFile[];
  fromEnv: boolean;
}

let commandLineOverrides: Readonly<Record<string, string | boolean>> = {};

/** The `--os-*` options of this run (set once by the CLI): every cloud it resolves takes them. */
export function setCommandLineCloudOverrides(overrides: Readonly<Record<string, string | boolean>>): void {
  commandLineOverrides = overrides;
}

// Async in the contract so that a later version may read files or prompt without changing callers.
// eslint-disable-next-line @typescript-eslint/require-await
export async function resolveCloud(options: ResolveCloudOptions = {}): Promise<ResolvedCloud> {
  return resolveCloudSync(options);
}

/** The names of every cloud the configuration defines, for `--all-clouds` and error messages. */
export function listCloudNames(options: Omit<ResolveCloudOptions, "cloud"> = {}): string[] {
  const env = options.env ?? process.env;
  const config = loadCloudsConfig(env, options.cwd ?? process.cwd());
  const names = Object.keys(config.clouds);
  if (cloudFromEnv(env) !== undefined) names.push(envVarsCloudName(env));
  return names;
}

export function resolveCloudSync(options: ResolveCloudOptions = {}): ResolvedCloud {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const config = loadCloudsConfig(env, cwd);
  const envKey = envVarsCloudName(env);
  const envCloud = cloudFromEnv(env);
  const fileName = config.file?.path ?? "clouds.yaml";
  if (envCloud !== undefined && config.clouds[envKey] !== undefined) {
    throw new ConfigError({
      file: fileName,
      key: `clouds.${envKey}`,
      expected: `a cloud named "${envKey}" clashes with the cloud built from OS_* variables; rename one (or set OS_CLOUD_NAME)`,
    });
  }
  const all: Record<string, Record<string, unknown>> = { ...config.clouds };
  const overrides = options.overrides ?? commandLineOverrides;
  // Like OS_* variables, `--os-auth-url` and friends describe a cloud of their own when none is selected.
  const describedByOverrides = overrides["auth_url"] !== undefined;
  if (envCloud !== undefined || describedByOverrides) all[envKey] = { ...envCloud };
  const names = Object.keys(all);

  let chosen = options.cloud || env.OS_CLOUD || undefined;
  if (chosen === undefined) {
    if (envCloud !== undefined || describedByOverrides) chosen = envKey;
    else if (names.length === 1) chosen = names[0];
  }
  if (chosen === undefined) {
    if (names.length === 0) {
      throw new ConfigError({
        file: "clouds.yaml",
        key: "",
        expected: `no clouds.yaml found (searched ${config.searched.join(", ")}) and no OS_AUTH_URL or other OS_* variables set`,
      });
    }
    throw new ConfigError({
      file: fileName,
      key: "clouds",
      expected: `several clouds are defined (${names.join(", ")}): choose one with --os-cloud or OS_CLOUD`,
    });
  }
  const selected = all[chosen];
  // Values outside `auth` win over `auth`'s, so the overrides land at the top level (openstacksdk's argparse merge).
  const raw = selected === undefined ? undefined : { ...selected, ...overrides };
  if (raw === undefined) {
    throw new ConfigError({
      file: config.file?.path ?? "clouds.yaml",
      key: `clouds.${chosen}`,
      expected: `no such cloud; known clouds: ${names.length > 0 ? names.join(", ") : "none"}`,
    });
  }
  const fromEnv = chosen === envKey && (envCloud !== undefined || describedByOverrides);
  const origin: Origin = {
    source: fromEnv ? "environment" : (config.file?.path ?? config.secureFile?.path ?? "clouds.yaml"),
    files: [config.file, config.secureFile].filter((f): f is ParsedFile => f !== undefined),
    fromEnv,
  };
  return buildCloud(chosen, raw, origin, env, cwd);
}

function buildCloud(
  name: string,
  raw: Record<string, unknown>,
  origin: Origin,
  env: NodeJS.ProcessEnv,
  cwd: string,
): ResolvedCloud {
  const fail = (key: readonly PropertyKey[], expected: string): ConfigError => configError(origin, name, key, expected);
  const normalized = liftLegacyKeys(normalizeKeys(raw) as Record<string, unknown>);
  if (normalized.profile !== undefined || normalized.cloud !== undefined) {
    throw fail(
      ["profile"],
      "vendor profiles are not supported: write the profile's auth_url and settings into the cloud",
    );
  }
  const parsed = cloudEntry.safeParse(normalized);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw withOrigin(
      origin,
      name,
      configErrorFromIssue(issue, { path: origin.source, locate: () => undefined }),
      issue.path,
    );
  }
  const entry = parsed.data;
  const auth = handleDomainScope(entry.auth ?? {});
  const authType = chooseAuthType(entry.auth_type, auth, fail);
  const credentials = buildCredentials(authType, auth, fail);

  const { regions, regionValues } = resolveRegions(entry, env, fail);
  const iface = parseInterface(entry.interface, ["interface"], fail);
  const verify = entry.insecure === true ? false : (entry.verify ?? true);
  const baseDir = origin.fromEnv ? cwd : dirOf(origin.source, cwd);
  const tls: Pick<ResolvedCloud, "cacert" | "cert" | "key"> = {};
  for (const key of ["cacert", "cert", "key"] as const) {
    const value = entry[key];
    if (value === undefined) continue;
    const path = isAbsolute(value) ? value : resolvePath(baseDir, value);
    try {
      accessSync(path, constants.R_OK);
    } catch {
      throw fail([key], `file ${path} does not exist or cannot be read (expected a PEM file)`);
    }
    tls[key] = path;
  }
  if (tls.key !== undefined && tls.cert === undefined) throw fail(["key"], "a client key needs `cert` too");

  const cloud: ResolvedCloud = {
    name,
    authType,
    auth: credentials,
    regions,
    interface: iface,
    verify,
    ...tls,
    endpointOverrides: serviceKeys(entry, "endpoint_override", ["clouds", name], fail),
    apiVersions: serviceKeys(entry, "api_version", ["clouds", name], fail),
    source: origin.source,
  };
  if (regionValues !== undefined) cloud.regionValues = regionValues;
  return cloud;
}

/** openstacksdk's backward-compatibility moves: endpoint_type, auth_plugin, tenant_*, auth keys at the top level. */
function liftLegacyKeys(cloud: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const rawAuth = cloud.auth;
  const auth: Record<string, unknown> =
    rawAuth !== null && typeof rawAuth === "object" && !Array.isArray(rawAuth) ? { ...rawAuth } : {};
  for (const [key, value] of Object.entries(auth)) {
    const renamed = renameAuthKey(key);
    if (renamed !== key) {
      Reflect.deleteProperty(auth, key);
      auth[renamed] = value;
    }
  }
  for (const [key, value] of Object.entries(cloud)) {
    if (key === "auth") continue;
    const authKey = renameAuthKey(key);
    // Values outside `auth` win, as in openstacksdk: they carry command-line and environment overrides.
    if (AUTH_KEYS.includes(authKey)) auth[authKey] = value;
    else if (key === "auth_plugin") result.auth_type ??= value;
    else if (key.endsWith("endpoint_type")) result[key.replace(/endpoint_type$/, "interface")] = value;
    else result[key] = value;
  }
  if (rawAuth !== undefined && (rawAuth === null || typeof rawAuth !== "object" || Array.isArray(rawAuth))) {
    result.auth = rawAuth;
  } else if (Object.keys(auth).length > 0 || rawAuth !== undefined) {
    result.auth = auth;
  }
  return result;
}

function renameAuthKey(key: string): string {
  if (key === "tenant_id") return "project_id";
  if (key === "tenant_name") return "project_name";
  if (key === "auth_token") return "token";
  return key;
}

/** `domain_id`/`domain_name` fill in the user's and project's domain when a project is named (openstacksdk). */
function handleDomainScope(auth: AuthSection): AuthSection {
  const result = { ...auth };
  const projectScoped = result.project_id !== undefined || result.project_name !== undefined;
  for (const [generic, user, project] of [
    ["domain_id", "user_domain_id", "project_domain_id"],
    ["domain_name", "user_domain_name", "project_domain_name"],
  ] as const) {
    const value = result[generic];
    if (projectScoped && value !== undefined) {
      result[user] ??= value;
      result[project] ??= value;
      Reflect.deleteProperty(result, generic);
    }
  }
  for (const [fallback, user, project] of [
    ["default_domain_id", "user_domain_id", "project_domain_id"],
    ["default_domain_name", "user_domain_name", "project_domain_name"],
  ] as const) {
    const value = result[fallback];
    if (value === undefined) continue;
    if (result.user_domain_id === undefined && result.user_domain_name === undefined) result[user] = value;
    if (projectScoped && result.project_domain_id === undefined && result.project_domain_name === undefined) {
      result[project] = value;
    }
  }
  return result;
}

type Fail = (key: readonly PropertyKey[], expected: string) => ConfigError;

function chooseAuthType(declared: string | undefined, auth: AuthSection, fail: Fail): AuthType {
  const hasPassword = auth.password !== undefined;
  const hasAppCred =
    auth.application_credential_id !== undefined ||
    auth.application_credential_name !== undefined ||
    auth.application_credential_secret !== undefined;
  const hasToken = auth.token !== undefined;
  if (declared !== undefined) {
    const authType = AUTH_TYPES[declared.toLowerCase()];
    if (authType === undefined) {
      throw fail(["auth_type"], `unknown auth_type "${declared}"; supported: ${Object.keys(AUTH_TYPES).join(", ")}`);
    }
    const stray =
      authType === "v3totp" || isOidc(authType)
        ? []
        : authType === "password"
          ? [hasAppCred && "application_credential_*", hasToken && "token"]
          : authType === "token"
            ? [hasPassword && "password", hasAppCred && "application_credential_*"]
            : [hasPassword && "password", hasToken && "token"];
    const conflicting = stray.filter((s): s is string => typeof s === "string");
    if (conflicting.length > 0) {
      throw fail(
        ["auth"],
        `auth_type ${declared} conflicts with ${conflicting.join(" and ")} in auth: keep one method`,
      );
    }
    return authType;
  }
  const methods = [hasPassword && "password", hasAppCred && "application_credential_*", hasToken && "token"].filter(
    (s): s is string => typeof s === "string",
  );
  if (methods.length > 1) {
    throw fail(["auth"], `conflicting auth methods (${methods.join(", ")}): keep one, or set auth_type`);
  }
  if (hasAppCred) return "v3applicationcredential";
  if (hasToken) return "token";
  return "password";
}

function buildCredentials(authType: AuthType, a: AuthSection, fail: Fail): CloudCredentials {
  if (a.auth_url === undefined)
    throw fail(["auth", "auth_url"], "missing (expected the Keystone URL, e.g. https://keystone.example.com:5000/v3)");
  try {
    const url = new URL(a.auth_url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
  } catch {
    throw fail(["auth", "auth_url"], `"${redactUrlUserinfo(a.auth_url)}" is not an http(s) URL`);
  }
  const c: CloudCredentials = { authUrl: a.auth_url };
  const copy = <K extends keyof CloudCredentials>(key: K, value: CloudCredentials[K] | undefined): void => {
    if (value !== undefined) c[key] = value;
  };
  copy("username", a.username);
  copy("userId", a.user_id);
  copy("userDomainName", a.user_domain_name);
  copy("userDomainId", a.user_domain_id);
  const userNeedsDomain = (): void => {
    if (a.user_id === undefined && a.user_domain_id === undefined && a.user_domain_name === undefined) {
      throw fail(
        ["auth", "user_domain_name"],
        "missing (a user named by username needs user_domain_name or user_domain_id)",
      );
    }
  };
  if (authType === "v3applicationcredential") {
    if (a.application_credential_secret === undefined) {
      throw fail(["auth", "application_credential_secret"], "missing (an application credential needs its secret)");
    }
    c.applicationCredentialSecret = new Secret(a.application_credential_secret);
    if (a.application_credential_id !== undefined) {
      c.applicationCredentialId = a.application_credential_id;
    } else if (a.application_credential_name !== undefined) {
      if (a.user_id === undefined && a.username === undefined) {
        throw fail(
          ["auth", "user_id"],
          "missing (an application credential named by name needs user_id, or username and user_domain_name)",
        );
      }
      if (a.user_id === undefined) userNeedsDomain();
      c.applicationCredentialName = a.application_credential_name;
    } else {
      throw fail(
        ["auth", "application_credential_id"],
        "missing (expected application_credential_id, or application_credential_name with the user)",
      );
    }
    return c; // an application credential carries its own scope
  }
  if (isOidc(authType)) {
    c.oidc = oidcCredentials(authType, a, fail);
    if (authType === "v3oidcpassword") {
      if (a.username === undefined)
        throw fail(["auth", "username"], "missing (v3oidcpassword needs the identity provider's username)");
      if (a.password === undefined)
        throw fail(["auth", "password"], "missing (v3oidcpassword needs the identity provider's password)");
      c.password = new Secret(a.password);
      // The user is the identity provider's, not Keystone's: no user domain.
    }
  } else if (authType === "v3totp") {
    if (a.username === undefined && a.user_id === undefined)
      throw fail(["auth", "username"], "missing (expected username or user_id)");
    if (a.passcode === undefined) throw fail(["auth", "passcode"], "missing (v3totp needs the one-time passcode)");
    if (a.user_id === undefined) userNeedsDomain();
    c.passcode = new Secret(a.passcode);
  } else if (authType === "password") {
    if (a.username === undefined && a.user_id === undefined)
      throw fail(["auth", "username"], "missing (expected username or user_id)");
    if (a.password === undefined)
      throw fail(
        ["auth", "password"],
        "missing (password auth needs a password; keep it in secure.yaml or OS_PASSWORD)",
      );
    if (a.user_id === undefined) userNeedsDomain();
    c.password = new Secret(a.password);
  } else {
    if (a.token === undefined) throw fail(["auth", "token"], "missing (token auth needs a token)");
    c.token = new Secret(a.token);
  }
  copy("projectName", a.project_name);
  copy("projectId", a.project_id);
  copy("projectDomainName", a.project_domain_name);
  copy("projectDomainId", a.project_domain_id);
  copy("systemScope", a.system_scope);
  if (a.project_id === undefined && a.project_name === undefined) {
    copy("domainName", a.domain_name);
    copy("domainId", a.domain_id);
  }
  if (
    a.project_name !== undefined &&
    a.project_id === undefined &&
    a.project_domain_id === undefined &&
    a.project_domain_name === undefined
  ) {
    throw fail(
      ["auth", "project_domain_name"],
      "missing (a project named by project_name needs project_domain_name or project_domain_id)",
    );
  }
  const scopes = [
    (a.project_id !== undefined || a.project_name !== undefined) && "project",
    (c.domainId !== undefined || c.domainName !== undefined) && "domain",
    a.system_scope !== undefined && "system_scope",
  ].filter((s): s is string => typeof s === "string");
  if (scopes.length === 0) {
    throw fail(
      ["auth", "project_name"],
      "missing (stacksweep needs a scoped token: set project_name/project_id, domain_name/domain_id or system_scope)",
    );
  }
  if (scopes.length > 1) throw fail(["auth"], `conflicting scopes (${scopes.join(", ")}): keep one`);
  return c;
}

function resolveRegions(
  entry: ReturnType<typeof cloudEntry.parse>,
  env: NodeJS.ProcessEnv,
  fail: Fail,
): { regions: string[]; regionValues?: Record<string, RegionValues> } {
  let regions: string[] = [];
  let regionValues: Record<string, RegionValues> | undefined;
  if (entry.regions !== undefined) {
    entry.regions.forEach((region, index) => {
      if (typeof region === "string") {
        regions.push(region);
        return;
      }
      regions.push(region.name);
      if (region.values !== undefined && Object.keys(region.values).length > 0) {
        regionValues ??= {};
        regionValues[region.name] = parseRegionValues(region.values, ["regions", index, "values"], fail);
      }
    });
  } else if (entry.region_name !== undefined) {
    regions = (Array.isArray(entry.region_name) ? entry.region_name : entry.region_name.split(","))
      .map((r) => r.trim())
      .filter((r) => r !== "");
  }
  const selected = env.OS_REGION_NAME;
  if (selected) {
    if (regions.length > 0 && !regions.includes(selected)) {
      throw fail(
        ["regions"],
        `OS_REGION_NAME=${selected} is not a region of this cloud; valid: ${regions.join(", ")} (names are case-sensitive)`,
      );
    }
    regions = [selected];
  }
  return regionValues === undefined ? { regions } : { regions, regionValues };
}

function parseRegionValues(values: Record<string, unknown>, at: readonly PropertyKey[], fail: Fail): RegionValues {
  const normalized = liftLegacyKeys(normalizeKeys(values) as Record<string, unknown>);
  const result: RegionValues = {};
  const endpointOverrides = serviceKeys(normalized, "endpoint_override", [], (key, expected) =>
    fail([...at, ...key], expected),
  );
  const apiVersions = serviceKeys(normalized, "api_version", [], (key, expected) => fail([...at, ...key], expected));
  for (const key of Object.keys(normalized)) {
    if (key === "interface") continue;
    if (/_(endpoint_override|endpoint|api_version)$/.test(key)) continue;
    throw fail(
      [...at, key],
      "not supported per region (only interface, <service>_endpoint_override and <service>_api_version)",
    );
  }
  if (normalized.interface !== undefined) {
    if (typeof normalized.interface !== "string")
      throw fail([...at, "interface"], "expected public, internal or admin");
    result.interface = parseInterface(normalized.interface, [...at, "interface"], fail);
  }
  if (Object.keys(endpointOverrides).length > 0) result.endpointOverrides = endpointOverrides;
  if (Object.keys(apiVersions).length > 0) result.apiVersions = apiVersions;
  return result;
}

function parseInterface(value: string | undefined, at: readonly PropertyKey[], fail: Fail): EndpointInterface {
  if (value === undefined) return "public";
  const iface = INTERFACES[value.toLowerCase()];
  if (iface === undefined) throw fail(at, `"${value}" is not an interface; expected public, internal or admin`);
  return iface;
}

/** `<service>_endpoint_override` / `<service>_api_version` under any catalog alias of the service. */
function serviceKeys(
  entry: Record<string, unknown>,
  suffix: "endpoint_override" | "api_version",
  _at: readonly PropertyKey[],
  fail: Fail,
): Partial<Record<ServiceType, string>> {
  const result: Partial<Record<ServiceType, string>> = {};
  for (const service of SERVICE_TYPES) {
    const prefixes = [...new Set([service, ...SERVICE_TYPE_ALIASES[service]].map((s) => s.replace(/-/g, "_")))];
    const keys = prefixes.flatMap((p) =>
      suffix === "endpoint_override" ? [`${p}_endpoint_override`, `${p}_endpoint`] : [`${p}_api_version`],
    );
    for (const key of keys) {
      const value = entry[key];
      if (value === undefined) continue;
      if (typeof value !== "string" || value === "") throw fail([key], "expected a string");
      if (suffix === "endpoint_override") {
        if (!/^https?:\/\/[^/]/.test(value)) throw fail([key], `"${value}" is not an http(s) URL`);
        result[service] ??= value;
      } else {
        const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
        if (match === null)
          throw fail([key], `"${value}" is not a version (expected e.g. "${SUPPORTED_MAJOR[service]}" or "2.79")`);
        if (match[1] !== SUPPORTED_MAJOR[service] && !(service === "compute" && value === "2.1")) {
          throw fail(
            [key],
            `version ${value} is not supported; stacksweep speaks ${service} v${SUPPORTED_MAJOR[service]}`,
          );
        }
        result[service] ??= value;
      }
    }
  }
  return result;
}

function dirOf(path: string, cwd: string): string {
  const absolute = isAbsolute(path) ? path : resolvePath(cwd, path);
  return absolute.replace(/[/\\][^/\\]*$/, "") || "/";
}

function configError(origin: Origin, cloud: string, key: readonly PropertyKey[], expected: string): ConfigError {
  if (origin.fromEnv) {
    return new ConfigError({ file: "environment", key: envVarName(key), expected });
  }
  const path = ["clouds", cloud, ...key];
  for (const file of origin.files) {
    const position = file.locate(path);
    if (position !== undefined && key.length > 0) {
      return new ConfigError({ file: file.path, key: path.map(String).join("."), expected, ...position });
    }
  }
  return new ConfigError({
    file: origin.source,
    key: path.map(String).join("."),
    expected,
    ...origin.files[0]?.locate(path),
  });
}

function withOrigin(origin: Origin, cloud: string, error: ConfigError, issuePath: readonly PropertyKey[]): ConfigError {
  return configError(origin, cloud, issuePath.length > 0 ? issuePath : [], error.expected);
}

/** The OS_* variable that feeds a key of the `envvars` cloud: auth.auth_url comes from OS_AUTH_URL. */
function envVarName(key: readonly PropertyKey[]): string {
  const last = key.filter((k) => typeof k === "string").at(-1);
  return last === undefined || last === "auth" ? "OS_* variables" : `OS_${last.toUpperCase()}`;
}

function oidcCredentials(authType: OidcAuthType, a: AuthSection, fail: Fail): OidcCredentials {
  if (a.identity_provider === undefined) {
    throw fail(["auth", "identity_provider"], `missing (${authType} needs the identity provider's id in Keystone)`);
  }
  if (a.protocol === undefined) {
    throw fail(
      ["auth", "protocol"],
      `missing (${authType} needs the federation protocol's id in Keystone, e.g. openid)`,
    );
  }
  const o: OidcCredentials = {
    identityProvider: a.identity_provider,
    protocol: a.protocol,
    accessTokenType: a.access_token_type ?? "access_token",
    openidScope: a.openid_scope ?? "openid profile",
  };
  if (authType === "v3oidcaccesstoken") {
    if (a.access_token === undefined)
      throw fail(["auth", "access_token"], "missing (v3oidcaccesstoken needs the access token)");
    o.accessToken = new Secret(a.access_token);
    return o;
  }
  if (a.client_id === undefined)
    throw fail(["auth", "client_id"], `missing (${authType} needs the OAuth 2.0 client id)`);
  o.clientId = a.client_id;
  if (a.client_secret !== undefined) o.clientSecret = new Secret(a.client_secret);
  if (a.access_token_endpoint === undefined && a.discovery_endpoint === undefined) {
    throw fail(["auth", "access_token_endpoint"], "missing (expected access_token_endpoint or discovery_endpoint)");
  }
  if (a.access_token_endpoint !== undefined) o.accessTokenEndpoint = a.access_token_endpoint;
  if (a.discovery_endpoint !== undefined) o.discoveryEndpoint = a.discovery_endpoint;
  return o;
}
