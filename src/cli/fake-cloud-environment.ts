// The OS_* variables that point a scan at a running fakecloud (demo, integration tests).

/**
 * The fake cloud's credentials as OS_* variables, so the scan resolves it exactly as it would a real cloud without
 * a clouds.yaml on disk (its generated admin password is never written to a file).
 */
export function fakeCloudEnvironment(entry: Record<string, unknown>): NodeJS.ProcessEnv {
  const auth = (entry.auth ?? {}) as Record<string, unknown>;
  const text = (value: unknown): string => (typeof value === "string" ? value : "");
  return {
    OS_AUTH_URL: text(auth.auth_url),
    OS_USERNAME: text(auth.username),
    OS_PASSWORD: text(auth.password),
    OS_PROJECT_NAME: text(auth.project_name),
    OS_USER_DOMAIN_NAME: text(auth.user_domain_name),
    OS_PROJECT_DOMAIN_NAME: text(auth.project_domain_name),
    OS_REGION_NAME: text(entry.region_name),
    OS_INTERFACE: text(entry.interface),
    OS_IDENTITY_API_VERSION: "3",
    // An operator's own clouds.yaml must not be read (or clash) while the demo runs.
    OS_CLIENT_CONFIG_FILE: "",
  };
}
