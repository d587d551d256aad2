// The `openstack` CLI's global options, with the same names and meanings (python-openstackclient, keystoneauth):
// `--os-cloud` and `--os-region-name` select, every other `--os-<key>` overrides the clouds.yaml key `<key>` of the
// selected cloud (or describes a cloud alone, as OS_* variables do), `--insecure` turns TLS verification off.
// They are accepted before the command (`stacksweep --os-cloud prod scan`) and after it.
import { Option, type Command, type CommandUnknownOpts } from "@commander-js/extra-typings";

/** `--os-<name>` → clouds.yaml key `<name with _>`: keystoneauth's option names for the plugins stacksweep speaks. */
const OVERRIDES = [
  "auth-type",
  "auth-url",
  "username",
  "user-id",
  "password",
  "user-domain-name",
  "user-domain-id",
  "project-name",
  "project-id",
  "project-domain-name",
  "project-domain-id",
  "domain-name",
  "domain-id",
  "default-domain-name",
  "default-domain-id",
  "system-scope",
  "token",
  "application-credential-id",
  "application-credential-name",
  "application-credential-secret",
  "passcode",
  "identity-provider",
  "protocol",
  "client-id",
  "client-secret",
  "access-token",
  "access-token-endpoint",
  "access-token-type",
  "discovery-endpoint",
  "openid-scope",
  "interface",
  "cacert",
  "cert",
  "key",
  "identity-api-version",
] as const;

/** The global options that take a value (the first word after them is not the command's name). */
export const VALUE_OPTIONS = new Set(["--os-cloud", "--os-region-name", ...OVERRIDES.map((name) => `--os-${name}`)]);

/** The commands that talk to a cloud or name one; the global options are accepted after their name too. */
export const CLOUD_COMMANDS = new Set(["scan", "plan", "apply", "purge", "serve", "history", "validate"]);

const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Adds the options; `hidden` on subcommands, so that `stacksweep --help` lists them once. */
export function addOpenStackOptions(command: CommandUnknownOpts, { hidden }: { hidden: boolean }): void {
  const add = (option: Option): void => {
    command.addOption(hidden ? option.hideHelp() : option);
  };
  const own = new Set(command.options.map((option) => option.long));
  if (!own.has("--os-cloud")) add(new Option("--os-cloud <name>", "cloud of clouds.yaml (default: $OS_CLOUD)"));
  if (!own.has("--os-region-name")) add(new Option("--os-region-name <region>", "region (default: $OS_REGION_NAME)"));
  for (const name of OVERRIDES) {
    add(
      new Option(
        `--os-${name} <${name === "password" || name.endsWith("secret") ? "secret" : "value"}>`,
        `clouds.yaml key ${name.replaceAll("-", "_")}`,
      ),
    );
  }
  add(new Option("--insecure", "do not verify the server's TLS certificate (clouds.yaml verify: false)"));
  add(new Option("--all-projects", "accepted for the openstack CLI's sake: stacksweep always looks at all projects"));
}

/**
 * Before a subcommand runs: the global options given before it fill in what was not given after it, and the
 * overrides reach every cloud the command resolves.
 */
export async function applyOpenStackOptions(program: Command, action: CommandUnknownOpts): Promise<void> {
  const global = program.opts() as Record<string, unknown>;
  const local = action.opts() as Record<string, unknown>;
  const value = (attribute: string): unknown => local[attribute] ?? global[attribute];
  for (const attribute of ["osCloud", "osRegionName"]) {
    if (local[attribute] !== undefined || global[attribute] === undefined) continue;
    // Through the command's own parser: `scan --os-cloud` repeats, and its value is a list.
    const option = action.options.find((o) => o.attributeName() === attribute);
    const given = global[attribute] as string;
    action.setOptionValue(attribute, option?.parseArg === undefined ? given : option.parseArg(given, undefined));
  }
  const overrides: Record<string, string | boolean> = {};
  for (const name of OVERRIDES) {
    const given = value(camel(`os-${name}`));
    if (typeof given === "string") overrides[name.replaceAll("-", "_")] = given;
  }
  if (value("insecure") === true) overrides["verify"] = false;
  // The clouds.yaml resolver (yaml, zod) is loaded only when there is something to override: `checks` and
  // `--version` never need it.
  if (Object.keys(overrides).length === 0) return;
  const { setCommandLineCloudOverrides } = await import("../config/clouds.ts");
  setCommandLineCloudOverrides(overrides);
}
