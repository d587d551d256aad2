// `stacksweep apply plan.json`: shows what the plan would do, and with --execute (and the operator typing the
// cloud's name, or --yes) runs exactly its steps under the safety rails, with an audit log.
import { Command, InvalidArgumentError } from "@commander-js/extra-typings";
import { resolveCloud, type ResolvedCloud } from "../config/clouds.ts";
import { loadSettingsFile } from "../config/settings.ts";
import { deepTargetFor } from "../deep/deep-settings.ts";
import { createLogger } from "../log/logger.ts";
import { executePlan } from "../remediation/apply/execute-plan.ts";
import { formatPlan } from "../remediation/apply/format-plan.ts";
import { PlanFileError, readPlan } from "../remediation/plan/plan-file.ts";
import type { Plan } from "../remediation/plan.ts";
import { parseGrace } from "../remediation/apply/grace.ts";
import type { CephSettings } from "../deep/ceph/settings.ts";
import { checkStoreOption } from "./check-paths.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";

export function applyCommand() {
  return new Command("apply")
    .description("show what a plan would do; with --execute, run exactly its steps (re-checked live, audited)")
    .argument("<plan>", "plan.json written by stacksweep plan or purge")
    .option("--execute", "make the changes (without it nothing is changed)")
    .option("--yes", "do not ask for the cloud's name (unattended runs)")
    .option("--max-destructive <n>", "refuse the whole run above this many destructive steps (default 25)", positiveInt)
    .option("--grace <duration>", "seen in two scans this far apart before a destructive step; 0 allows first sight")
    .option("--allow-db-write", "allow the opt-in database fix (needs remediation.octaviaDatabase)")
    .option("--break-lock", "take the apply lock from another apply you know is gone (recorded in the audit log)")
    .option("--os-cloud <name>", "the clouds.yaml entry to use; must be the plan's cloud (the default)")
    .option("--store <path|url>", "history store: SQLite file or postgres:// URL")
    .option("--audit-file <file>", "JSONL copy of the audit log (default: settings, else ./stacksweep-audit.jsonl)")
    .option("--config <file>", "stacksweep.yaml settings")
    .action(async (file, options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      let plan: Plan;
      try {
        plan = await readPlan(file);
      } catch (error) {
        if (!(error instanceof PlanFileError)) throw error;
        process.stderr.write(`stacksweep: ${error.message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.exitCode = await runPlanFile(plan, { ...options, source: `plan ${file}` }, globals.debug === true);
    });
}

export interface RunPlanFileOptions {
  execute?: true;
  yes?: true;
  maxDestructive?: number;
  grace?: string;
  allowDbWrite?: true;
  breakLock?: true;
  osCloud?: string;
  /** The cloud already resolved (purge), instead of looking up --os-cloud or the plan's cloud. */
  resolved?: ResolvedCloud;
  store?: string;
  auditFile?: string;
  config?: string;
  source: string;
}

/** Shows a plan, and executes it when asked; shared with `purge`. */
export async function runPlanFile(plan: Plan, options: RunPlanFileOptions, debug: boolean): Promise<ExitCode> {
  const { settings, source } = loadSettingsFile(options.config);
  const remediation = settings.remediation;
  // Checked before the plan is even shown: a dry run with a bad --grace must not pass for a good one.
  const graceSeconds = parseGrace(
    options.grace ?? remediation.grace,
    options.grace === undefined
      ? { file: source ?? "stacksweep.yaml", key: "remediation.grace" }
      : { file: "command line", key: "--grace" },
  );
  if (options.execute === true) checkStoreOption(options.store);
  process.stdout.write(formatPlan(plan, options.source));
  if (options.execute !== true) {
    process.stderr.write("stacksweep: dry run, nothing was changed (add --execute to apply these steps)\n");
    return EXIT.ok;
  }
  if (options.osCloud !== undefined && options.osCloud !== plan.cloud) {
    // The plan's steps, rails and audit entries are the plan's cloud's: never run them against another one.
    process.stderr.write(
      `stacksweep: the plan was made for cloud ${plan.cloud}, not ${options.osCloud}: nothing was changed\n`,
    );
    return EXIT.applyRefused;
  }
  const cloud = options.resolved ?? (await resolveCloud({ cloud: plan.cloud }));
  const result = await executePlan(plan, {
    cloud,
    breakLock: options.breakLock === true,
    settings: remediation,
    graceSeconds,
    maxDestructive: options.maxDestructive ?? remediation.maxDestructive,
    allowDbWrite: options.allowDbWrite === true,
    ...cephOf(settings.deep, plan),
    yes: options.yes === true,
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.auditFile === undefined ? {} : { auditFile: options.auditFile }),
    logger: createLogger({ debug }),
    input: process.stdin,
    output: process.stdout,
    prompt: process.stderr,
  });
  if (result.kind === "declined") {
    process.stderr.write(`stacksweep: nothing was changed: ${result.reason}\n`);
    return EXIT.applyRefused;
  }
  const { report } = result;
  if (report.refused !== null) {
    process.stderr.write(`stacksweep: ${report.refused}\n`);
    return EXIT.applyRefused;
  }
  const incomplete = report.outcomes.some((o) => o.outcome === "skipped" || o.outcome === "failed");
  return incomplete ? EXIT.applyIncomplete : EXIT.ok;
}

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value);
}

/** The ceph entry of the plan's region, for its RBD trash steps (none: they are skipped). */
function cephOf(deep: Parameters<typeof deepTargetFor>[0], plan: Plan): { ceph?: CephSettings } {
  const ceph = deepTargetFor(deep, plan.cloud, plan.region)?.ceph;
  return ceph === undefined ? {} : { ceph };
}
