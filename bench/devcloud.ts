// `npm run bench -- --devcloud`: on the running devcloud (real OpenStack services), a full `stacksweep scan` (every
// check the APIs allow) against the openstacksdk script an operator writes to find orphans
// (`bench/openstacksdk-orphans.py`), side by side: the two alternate, first one then the other, for every round, so
// that the machine's load weighs on both alike. A few projects, each with a network, subnet, ports, a security group
// and a volume (and one server), are created first through the APIs (two of them then deleted, so there are orphans
// to find) and removed afterwards.

import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import Table from "cli-table3";
import * as z from "zod";
import { DEVCLOUD_CLOUD, DEVCLOUD_CLOUDS_YAML, devcloudAdmin } from "../test/e2e/support/devcloud.ts";
import { ensureFlavor, ProjectBuilder } from "../test/e2e/support/project-builder.ts";
import type { CliBuild } from "./run-scan.ts";
import { median } from "./startup.ts";

const repository = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = join(repository, "bench", "openstacksdk-orphans.py");
/** Debian's python3-openstacksdk (a dependency of python3-openstackclient, which the devcloud installs). */
const PYTHON = process.env.STACKSWEEP_BENCH_PYTHON ?? "/usr/bin/python3";
/** Projects seeded; the first two are deleted again, leaving their resources behind as orphans. */
const SEEDED_PROJECTS = 4;
const DELETED_PROJECTS = 2;

interface Timed {
  wallMs: number;
  exitCode: number | null;
  /** What it found: stacksweep's findings (of every check) and orphaned-resource findings, or the script's orphans. */
  found: number;
  orphans: number;
}

const scanResult = z.looseObject({ findings: z.array(z.looseObject({ check: z.string() })) });
const scriptResult = z.object({ listed: z.number(), orphans: z.array(z.unknown()) });

/** What `npm run bench` passes to its benchmarks of the real services (--devcloud, --ceph). */
export interface RealServicesBench {
  cli: CliBuild;
  rounds: number;
  json: boolean;
  log: (line: string) => void;
}

/** The node arguments that run the CLI of `build`: the compiled one that ships, or the sources through tsx. */
export function cliArgs(build: CliBuild): string[] {
  return build === "dist"
    ? [join(repository, "dist", "cli", "main.js")]
    : [
        "--import",
        pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
        join(repository, "src", "cli", "main.ts"),
      ];
}

export async function runDevcloudComparison(options: RealServicesBench): Promise<number> {
  const { log } = options;
  const python = spawnSync(PYTHON, ["-c", "import openstack"], { stdio: "ignore" });
  if (python.status !== 0) {
    log(`${PYTHON} cannot import openstack: install Debian's python3-openstacksdk (STACKSWEEP_BENCH_PYTHON overrides)`);
    return 2;
  }
  const admin = await devcloudAdmin();
  const directory = await mkdtemp(join(tmpdir(), "stacksweep-devcloud-bench-"));
  const builders: ProjectBuilder[] = [];
  try {
    log(`seeding ${SEEDED_PROJECTS} projects (${DELETED_PROJECTS} then deleted) through the APIs`);
    const suffix = Date.now().toString(36);
    const flavor = await ensureFlavor(admin);
    // One after the other: the devcloud's Neutron has one API worker on a shared machine.
    for (let index = 0; index < SEEDED_PROJECTS; index++) {
      const builder = await ProjectBuilder.create(admin, `stacksweep-bench-${suffix}-${index}`);
      builders.push(builder);
      const network = await builder.network(`${builder.name}-net`);
      await builder.subnet(`${builder.name}-subnet`, network, `10.${90 + index}.0.0/24`);
      for (let port = 0; port < 2; port++) await builder.port(`${builder.name}-port-${port}`, network);
      const group = await builder.securityGroup(`${builder.name}-sg`);
      await builder.securityGroupRule(group, 443, "0.0.0.0/0");
      await builder.volume(`${builder.name}-volume`);
      // A server in the last project: Nova's listing is not empty, so the scan can trust it (an empty all_tenants
      // answer proves nothing) and an operator's server checks run.
      if (index === SEEDED_PROJECTS - 1) {
        await builder.server(`${builder.name}-server`, flavor, await builder.image(`${builder.name}-image`), network);
      }
    }
    for (const builder of builders.slice(0, DELETED_PROJECTS)) await builder.deleteProject();

    const scan = async (): Promise<Timed> => {
      const resultFile = join(directory, "scan.json");
      const run = await timedRun(
        process.execPath,
        [...cliArgs(options.cli), "scan", "-f", "json", "-o", resultFile],
        directory,
      );
      const parsed = scanResult.safeParse(JSON.parse(await readFile(resultFile, "utf8").catch(() => "null")));
      await rm(resultFile, { force: true });
      const findings = parsed.success ? parsed.data.findings : [];
      return {
        ...run,
        found: findings.length,
        orphans: findings.filter((finding) => finding.check === "orphaned-resource").length,
      };
    };
    const script = async (): Promise<Timed> => {
      const run = await timedRun(PYTHON, [SCRIPT, DEVCLOUD_CLOUD], directory);
      const parsed = scriptResult.safeParse(JSON.parse(run.stdout || "null"));
      const orphans = parsed.success ? parsed.data.orphans.length : 0;
      return { ...run, found: orphans, orphans };
    };

    // Unmeasured: both find the services' caches, workers and this machine's file cache warm.
    await scan();
    await script();
    const rows: { stacksweep: Timed; script: Timed; load: string }[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const loadBefore = loadavg()[0]!.toFixed(1);
      // Alternating which goes first, so neither always meets the services just after the other's burst.
      const first = round % 2 === 0 ? await scan() : await script();
      const second = round % 2 === 0 ? await script() : await scan();
      const [stacksweep, baseline] = round % 2 === 0 ? [first, second] : [second, first];
      rows.push({ stacksweep, script: baseline, load: `${loadBefore} → ${loadavg()[0]!.toFixed(1)}` });
      log(
        `round ${round + 1}: stacksweep ${Math.round(stacksweep.wallMs)} ms (exit ${String(stacksweep.exitCode)}), ` +
          `openstacksdk ${Math.round(baseline.wallMs)} ms (exit ${String(baseline.exitCode)})`,
      );
    }

    const table = new Table({
      head: ["round", "stacksweep scan ms", "findings (orphans)", "openstacksdk script ms", "orphans", "ratio", "load"],
      style: { head: [], border: [] },
    });
    rows.forEach(({ stacksweep, script: baseline, load }, index) =>
      table.push([
        index + 1,
        Math.round(stacksweep.wallMs),
        `${stacksweep.found} (${stacksweep.orphans})`,
        Math.round(baseline.wallMs),
        baseline.orphans,
        `${(baseline.wallMs / stacksweep.wallMs).toFixed(2)}×`,
        load,
      ]),
    );
    const ours = median(rows.map((row) => row.stacksweep.wallMs));
    const theirs = median(rows.map((row) => row.script.wallMs));
    table.push(["median", Math.round(ours), "", Math.round(theirs), "", `${(theirs / ours).toFixed(2)}×`, ""]);
    process.stdout.write(
      `The devcloud: full stacksweep scan (every API check) against an openstacksdk orphan script, wall time of each ` +
        `process\n${table.toString()}\n`,
    );
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ stacksweepMs: Math.round(ours), scriptMs: Math.round(theirs), rows })}\n`,
      );
    }
    return 0;
  } finally {
    for (const builder of builders.reverse()) {
      const left = await builder.cleanup();
      if (left.length > 0) log(`${builder.name}: could not remove ${left.join(", ")}`);
    }
    await rm(directory, { recursive: true, force: true });
  }
}

/** Runs `command` against the devcloud's clouds.yaml, with no OS_ or STACKSWEEP_ variable of this shell. */
export async function timedRun(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ wallMs: number; exitCode: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("OS_") && !key.startsWith("STACKSWEEP_")),
  );
  // The same cloud for both, from the devcloud's clouds.yaml; no stacksweep.yaml of this user changes the scan.
  Object.assign(env, { OS_CLIENT_CONFIG_FILE: DEVCLOUD_CLOUDS_YAML, OS_CLOUD: DEVCLOUD_CLOUD, XDG_CONFIG_HOME: cwd });
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "ignore"] });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", resolve);
  });
  return { wallMs: performance.now() - started, exitCode, stdout };
}
