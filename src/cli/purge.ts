// `stacksweep purge --project ID`: every resource one project owns, in dependency order, through the same plan and
// apply as findings (dry run unless --execute). It lists with admin credentials and compares owner ids, so it works
// for a project Keystone no longer has, and never touches another project's resources.
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { orphanedResource } from "../checks/orphaned-resource/index.ts";
import { resolveCloud } from "../config/clouds.ts";
import { loadSettingsFile } from "../config/settings.ts";
import { collect } from "../inventory/collect.ts";
import { createLogger } from "../log/logger.ts";
import { Session } from "../openstack/session.ts";
import { buildPlan } from "../remediation/plan/build-plan.ts";
import { recordPlan, writePlan } from "../remediation/plan/plan-file.ts";
import { HistoryStore } from "../store/history-store.ts";
import { purgeFindings } from "../remediation/plan/purge-findings.ts";
import { recordLookup } from "../remediation/plan/record-lookup.ts";
import { runPlanFile } from "./apply.ts";
import { checkPlanOutput, checkStoreOption } from "./check-paths.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";
import { resolveProject } from "../scan/resolve-project.ts";
import { neededTypes } from "../scan/scan-clouds.ts";

export function purgeCommand() {
  return new Command("purge")
    .description("remove every resource of one project (even one deleted in Keystone); a dry run unless --execute")
    .requiredOption("--project <name-or-id>", "the project whose resources go (a deleted project: its id)")
    .option("--project-domain <name-or-id>", "domain of --project, when several projects have its name")
    .option("--os-cloud <name>", "cloud of clouds.yaml (default: $OS_CLOUD)")
    .option("--os-region-name <region>", "region (default: the cloud's first)")
    .option("-o, --output <file>", "also write the plan, to review or apply later")
    .option("--execute", "make the changes (without it nothing is changed)")
    .option("--yes", "do not ask for the cloud's name (unattended runs)")
    .option(
      "--max-destructive <n>",
      "refuse the whole run above this many destructive steps (default 25)",
      (value: string) => {
        if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
        return Number(value);
      },
    )
    .option("--store <path|url>", "history store: SQLite file or postgres:// URL")
    .option("--audit-file <file>", "JSONL copy of the audit log")
    .option("--config <file>", "stacksweep.yaml settings")
    .action(async (options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      process.exitCode = await runPurge(options, globals.debug === true);
    });
}

type PurgeOptions = ReturnType<ReturnType<typeof purgeCommand>["opts"]>;

async function runPurge(options: PurgeOptions, debug: boolean): Promise<ExitCode> {
  const { settings } = loadSettingsFile(options.config);
  if (options.output !== undefined) checkPlanOutput(options.output);
  if (options.output !== undefined || options.execute === true) checkStoreOption(options.store);
  const cloud = await resolveCloud(options.osCloud === undefined ? {} : { cloud: options.osCloud });
  const session = await Session.open(cloud, {
    logger: createLogger({ debug }),
    ...(options.osRegionName === undefined ? {} : { region: options.osRegionName }),
  });
  let inventory;
  try {
    inventory = await collect(session, { types: [...neededTypes([orphanedResource]), "identity.domain"] });
  } finally {
    await session.close();
  }
  if (inventory.coverage["identity.project"]?.status !== "complete") {
    process.stderr.write(
      "stacksweep: the project list is incomplete, so ownership cannot be proven: nothing planned\n",
    );
    return EXIT.incomplete;
  }
  const projectId = resolveProject(
    { project: options.project, ...(options.projectDomain === undefined ? {} : { domain: options.projectDomain }) },
    [inventory],
  );
  const incomplete = Object.entries(inventory.coverage).filter(
    ([, c]) => c.status !== "complete" && c.status !== "absent",
  );
  for (const [type, coverage] of incomplete)
    process.stderr.write(
      `stacksweep: ${type} not listed completely (${coverage.status}): its resources are not in the plan\n`,
    );
  const plan = await buildPlan({
    cloud: inventory.cloud,
    region: inventory.region,
    findings: purgeFindings(inventory, projectId),
    source: { kind: "purge", scannedAt: inventory.scannedAt, file: null, projectId },
    rules: { allow: settings.remediation.allow, deny: settings.remediation.deny },
    // Purge is the operator's explicit request for one project: no history to wait for.
    graceSeconds: 0,
    seenAcrossGrace: () => Promise.resolve(true),
    allowDbWrite: false,
    octaviaDatabaseConfigured: false,
    records: recordLookup(inventory),
  });
  if (options.output !== undefined) await writePlan(options.output, plan);
  if (options.output !== undefined || options.execute === true) {
    // Recorded like any plan: apply (now, or later from the file) runs only what this store saw made.
    const store = await HistoryStore.open(options.store === undefined ? {} : { location: options.store });
    try {
      await recordPlan(store, plan);
    } finally {
      await store.close();
    }
  }
  const code = await runPlanFile(
    plan,
    {
      ...options,
      grace: "0",
      resolved: cloud,
      source: `purge of project ${projectId === options.project ? projectId : `${options.project} (${projectId})`}`,
    },
    debug,
  );
  return incomplete.length > 0 && code === EXIT.ok ? EXIT.incomplete : code;
}
