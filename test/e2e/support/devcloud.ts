// Access to the running devcloud (test/e2e/devcloud/up.sh): its clouds.yaml, an admin REST session, the `openstack`
// CLI, and SQL on the services' own databases for the "database surgery" an operator does after an outage.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { RestSession } from "./rest-session.ts";
import { runCommand } from "./run-command.ts";

export const DEVCLOUD_STATE = process.env.STACKSWEEP_DEVCLOUD_STATE ?? "/var/lib/stacksweep-devcloud";
export const DEVCLOUD_CLOUDS_YAML = join(DEVCLOUD_STATE, "clouds.yaml");
export const DEVCLOUD_PASSWORD = process.env.STACKSWEEP_DEVCLOUD_PASSWORD ?? "devcloud";
/** The admin cloud's name in the devcloud's clouds.yaml. */
export const DEVCLOUD_CLOUD = "devcloud";
export const DEVCLOUD_AUTH_URL = "http://127.0.0.1:5000/v3";

/** Fails at once, with what to run, when the suites are started without a devcloud (e.g. plain `vitest`). */
export function assertDevcloudUp(): void {
  if (!existsSync(DEVCLOUD_CLOUDS_YAML)) {
    throw new Error(`no devcloud: ${DEVCLOUD_CLOUDS_YAML} is missing; run the tier with \`npm run test:e2e\``);
  }
}

export function devcloudAdmin(): Promise<RestSession> {
  assertDevcloudUp();
  return RestSession.login("devcloud", {
    authUrl: DEVCLOUD_AUTH_URL,
    username: "admin",
    password: DEVCLOUD_PASSWORD,
    projectName: "admin",
  });
}

/**
 * Runs SQL as MariaDB's root through the devcloud's socket and returns the rows as tab-separated fields.
 * Only the suites' setup uses it: it plays the operator who edits a service's database by hand.
 */
export async function devcloudSql(statement: string): Promise<string[][]> {
  const result = await runCommand(
    "mariadb",
    ["--defaults-file=" + join(DEVCLOUD_STATE, "etc", "my.cnf"), "-uroot", "-N", "-B", "-e", statement],
    { env: { ...process.env, PATH: "/usr/sbin:/usr/bin:/sbin:/bin" }, timeoutMs: 30_000 },
  );
  if (result.code !== 0) throw new Error(`SQL failed (${result.code}): ${statement}\n${result.stderr}`);
  return result.stdout
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => line.split("\t"));
}

/** The environment for Debian's `openstack` CLI: its python3, not a pyenv or venv one earlier on PATH. */
export function openstackCliEnv(cloudsYaml: string, cloud: string): NodeJS.ProcessEnv {
  // Any OS_* variable of the caller's shell would override the clouds.yaml.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("OS_")));
  return {
    ...env,
    PATH: "/usr/sbin:/usr/bin:/sbin:/bin",
    OS_CLIENT_CONFIG_FILE: cloudsYaml,
    OS_CLOUD: cloud,
  };
}
