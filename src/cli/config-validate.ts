// `stacksweep config validate`: reads stacksweep.yaml and resolves every cloud it names (or the selected one)
// without calling any cloud, so a cron job's configuration can be checked before the night it runs.

import { Command } from "@commander-js/extra-typings";
import { resolveCloud, type ResolvedCloud } from "../config/clouds.ts";
import { loadSettingsFile } from "../config/settings.ts";
import { redactUrlUserinfo } from "../config/redact-url.ts";

export function configCommand(): Command {
  const config = new Command("config").description("check stacksweep's configuration");
  config.addCommand(
    new Command("validate")
      .description(
        "Validate stacksweep.yaml and the clouds it names (clouds.yaml, secure.yaml, OS_*); no cloud is called",
      )
      .option(
        "--config <file>",
        "stacksweep.yaml to read (default: ./stacksweep.yaml, ~/.config/stacksweep/, /etc/stacksweep/)",
      )
      .option("--os-cloud <name>", "also resolve this cloud of clouds.yaml (default: $OS_CLOUD)")
      .action(async (options) => {
        const out = (line: string): boolean => process.stdout.write(`${line}\n`);
        const { settings, source } = loadSettingsFile(options.config);
        out(source === null ? "stacksweep.yaml: none found, defaults apply" : `stacksweep.yaml: ${source}: valid`);
        const names = [
          ...new Set([...settings.clouds.map((c) => c.cloud), ...(options.osCloud ? [options.osCloud] : [])]),
        ];
        const targets = names.length > 0 ? names : [undefined];
        for (const name of targets) {
          const cloud = await resolveCloud(name === undefined ? {} : { cloud: name });
          out(describeCloud(cloud));
        }
      }),
  );
  return config;
}

function describeCloud(cloud: ResolvedCloud): string {
  const regions = cloud.regions.length > 0 ? cloud.regions.join(", ") : "from the catalog";
  const overrides = Object.keys(cloud.endpointOverrides);
  return (
    `cloud ${cloud.name}: valid (${cloud.source}; auth ${cloud.authType} at ${redactUrlUserinfo(cloud.auth.authUrl)}; ` +
    `regions ${regions}; interface ${cloud.interface}; TLS ${cloud.verify ? "verified" : "NOT verified"}` +
    (overrides.length > 0 ? `; endpoint overrides for ${overrides.join(", ")}` : "") +
    ")"
  );
}
