// The schema of one `clouds.<name>` entry of clouds.yaml, after openstacksdk's key normalisation (dashes become
// underscores, numbers become strings). Keys stacksweep does not use are accepted, so an operator's existing
// file works unchanged; the keys it does use must have the right type.

import * as z from "zod";

const text = z.string().min(1, "expected a non-empty string");

/** A boolean as YAML or an environment variable writes it: true/false, or "true"/"false" in any case. */
export const flag = z.union(
  [
    z.boolean(),
    z
      .string()
      .regex(/^(true|false|yes|no|1|0)$/i, "expected true or false")
      .transform((v) => /^(true|yes|1)$/i.test(v)),
  ],
  { error: "expected true or false" },
);

export const authSection = z.looseObject({
  auth_url: text.optional(),
  username: text.optional(),
  user_id: text.optional(),
  password: z.string().optional(),
  user_domain_name: text.optional(),
  user_domain_id: text.optional(),
  project_name: text.optional(),
  project_id: text.optional(),
  project_domain_name: text.optional(),
  project_domain_id: text.optional(),
  domain_name: text.optional(),
  domain_id: text.optional(),
  default_domain_name: text.optional(),
  default_domain_id: text.optional(),
  application_credential_id: text.optional(),
  application_credential_name: text.optional(),
  application_credential_secret: z.string().optional(),
  token: text.optional(),
  system_scope: text.optional(),
  // v3totp (keystoneauth's option names)
  passcode: text.optional(),
  // v3oidcpassword, v3oidcclientcredentials, v3oidcaccesstoken
  identity_provider: text.optional(),
  protocol: text.optional(),
  client_id: text.optional(),
  client_secret: z.string().optional(),
  access_token_endpoint: text.optional(),
  discovery_endpoint: text.optional(),
  access_token_type: z.enum(["access_token", "id_token"], { error: "expected access_token or id_token" }).optional(),
  openid_scope: text.optional(),
  access_token: text.optional(),
});

export const regionEntry = z.union(
  [text, z.strictObject({ name: text, values: z.record(z.string(), z.unknown()).optional() })],
  { error: "expected a region name or {name, values}" },
);

export const cloudEntry = z.looseObject({
  auth: authSection.optional(),
  auth_type: text.optional(),
  region_name: z.union([text, z.array(text)], { error: "expected a region name or a list of region names" }).optional(),
  regions: z.array(regionEntry).optional(),
  interface: text.optional(),
  verify: flag.optional(),
  insecure: flag.optional(),
  cacert: text.optional(),
  cert: text.optional(),
  key: text.optional(),
  profile: text.optional(),
});

export type CloudEntry = z.infer<typeof cloudEntry>;
export type AuthSection = z.infer<typeof authSection>;

export const cloudsFile = z.looseObject({
  clouds: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** openstacksdk's `normalize_keys`: `-` in keys becomes `_`, and numbers become strings. */
/**
 * Keys whose numbers are not turned into strings: a timeout is a number, and a region is a name in the catalog, so
 * `region_name: 5` is a mistake to name before any request (a region literally named "5" is written quoted).
 */
const KEPT_AS_WRITTEN = new Set(["api_timeout", "region_name"]);

export function normalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replace(/-/g, "_"), KEPT_AS_WRITTEN.has(k) ? v : normalizeKeys(v)]),
    );
  }
  return typeof value === "number" ? String(value) : value;
}
