// `stacksweep fakecloud`: serves an embedded OpenStack on loopback until stopped, and prints (optionally writes)
// the clouds.yaml entry that points stacksweep or the `openstack` CLI at it.

import { writeFile } from "node:fs/promises";
import { Command } from "@commander-js/extra-typings";
import { stringify } from "yaml";
import { ConfigError } from "../config/errors.ts";
import {
  amqpOptionsOf,
  type FakeCloud,
  loadScenarioFile,
  type Scenario,
  ScenarioError,
  startFakeCloud,
  TransportUrlError,
} from "@stacksweep/fakecloud";
import { NAMED_SCENARIOS, generateScenario } from "./scenarios/scenario-library.ts";

export interface FakecloudCommandOptions {
  port: number;
  host: string;
  scenario?: string;
  resources?: number;
  writeCloudsYaml?: string;
  transportUrl?: string;
}

function integer(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
      throw new ConfigError({
        file: "command line",
        key: name,
        expected: `an integer from ${min} to ${max}, got "${value}"`,
      });
    }
    return parsed;
  };
}

async function resolveScenario(name: string): Promise<Scenario> {
  const named = NAMED_SCENARIOS.get(name);
  if (named !== undefined) return named();
  try {
    return await loadScenarioFile(name);
  } catch (error) {
    if (error instanceof ScenarioError) {
      const known = [...NAMED_SCENARIOS.keys()];
      const hint = known.length > 0 && !name.includes(".") ? ` (named scenarios: ${known.join(", ")})` : "";
      throw new ConfigError({ file: "--scenario", key: "", expected: `${error.message}${hint}` });
    }
    throw error;
  }
}

/** The clouds.yaml document for a running fakecloud: one cloud named `fakecloud` with admin credentials. */
export function cloudsYaml(cloud: FakeCloud): string {
  return stringify({ clouds: { fakecloud: cloud.cloudsYamlEntry() } });
}

/** Starts fakecloud as the options say; the caller stops it. */
export async function startFromOptions(options: FakecloudCommandOptions): Promise<FakeCloud> {
  const scenario = options.scenario === undefined ? undefined : await resolveScenario(options.scenario);
  let cloud: FakeCloud;
  try {
    cloud = await startFakeCloud({
      host: options.host,
      port: options.port,
      generate: generateScenario,
      ...(scenario === undefined ? {} : { scenario }),
      ...(options.transportUrl === undefined ? {} : { transportUrl: options.transportUrl }),
    });
  } catch (error) {
    if (error instanceof TransportUrlError)
      throw new ConfigError({ file: "command line", key: "--transport-url", expected: error.message });
    if (error instanceof ScenarioError)
      throw new ConfigError({ file: options.scenario ?? "--scenario", key: error.location, expected: error.problem });
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new ConfigError({
        file: "command line",
        key: "--port",
        expected: `a free port; ${options.port} is in use`,
      });
    }
    throw error;
  }
  if (options.resources !== undefined) cloud.seed(generateScenario(options.resources));
  return cloud;
}

export function fakecloudCommand() {
  return new Command("fakecloud")
    .description(
      "serve an embedded, stateful OpenStack (Keystone, Nova, Cinder, Neutron, Octavia, Glance, Placement) on loopback",
    )
    .option("--port <port>", "TCP port (0 picks a free one)", integer("--port", 0, 65535), 0)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--scenario <demo|file>", "a named scenario (demo) or a scenario file (YAML or JSON)")
    .option(
      "--resources <count>",
      "add a generated cloud of about this many resources",
      integer("--resources", 1, 10_000_000),
    )
    .option("--write-clouds-yaml <file>", "also write the clouds.yaml (mode 0600: it holds the admin password)")
    .option(
      "--transport-url <url>",
      "also publish Keystone's notifications (identity.project.deleted) to this RabbitMQ, e.g. rabbit://guest:guest@127.0.0.1:5672/",
    )
    .action(async (options) => {
      const cloud = await startFromOptions(options);
      const yaml = cloudsYaml(cloud);
      if (options.writeCloudsYaml !== undefined) await writeFile(options.writeCloudsYaml, yaml, { mode: 0o600 });
      process.stdout.write(yaml);
      const counts = Object.entries(cloud.state.counts())
        .map(([type, count]) => `${type}=${count}`)
        .join(" ");
      process.stderr.write(
        `fakecloud: serving ${cloud.url} (auth ${cloud.authUrl}); control API ${cloud.url}/_control; ${counts}\n` +
          (options.transportUrl === undefined
            ? ""
            : `fakecloud: Keystone's notifications go to ${amqpOptionsOf(options.transportUrl).redacted}\n`) +
          `fakecloud: use it with OS_CLOUD=fakecloud${options.writeCloudsYaml === undefined ? "" : ` OS_CLIENT_CONFIG_FILE=${options.writeCloudsYaml}`}; stop with Ctrl-C\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          resolve();
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      await cloud.close();
      process.stderr.write("fakecloud: stopped\n");
    });
}
