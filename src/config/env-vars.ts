// The cloud openstacksdk builds from OS_* variables (named `envvars`, or OS_CLOUD_NAME): every OS_FOO becomes the
// key `foo`, except the variables that only select a cloud or a file.

/** Variables that select rather than describe a cloud: alone they do not make an `envvars` cloud. */
const SELECTORS = new Set([
  "OS_CLOUD",
  "OS_REGION_NAME",
  "OS_CLIENT_CONFIG_FILE",
  "OS_CLIENT_SECURE_FILE",
  "OS_CLOUD_NAME",
]);

/** Prefixes openstacksdk ignores because test harnesses set them. */
const IGNORED_PREFIXES = ["OS_TEST", "OS_STD", "OS_LOG"];

export function envVarsCloudName(env: NodeJS.ProcessEnv): string {
  return env.OS_CLOUD_NAME || "envvars";
}

/** The flat `envvars` cloud entry, or undefined when no describing OS_* variable is set. */
export function cloudFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const keys = Object.keys(env).filter(
    (k) => k.startsWith("OS_") && !IGNORED_PREFIXES.some((prefix) => k.startsWith(prefix)) && env[k] !== undefined,
  );
  if (!keys.some((k) => !SELECTORS.has(k))) return undefined;
  const entry: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === "OS_CLOUD" || k === "OS_CLOUD_NAME" || k === "OS_CLIENT_CONFIG_FILE" || k === "OS_CLIENT_SECURE_FILE")
      continue;
    entry[k.slice(3).toLowerCase()] = env[k];
  }
  return entry;
}
