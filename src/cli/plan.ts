// `stacksweep plan`: turns a scan's findings (a saved scan, or a scan made now) into plan.json, the reviewed list
// of steps `apply` will execute. Read-only: it never writes to a cloud.
import { Command, Option } from "@commander-js/extra-typings";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { CHECKS } from "../checks/registry.ts";
import { resolveCloud } from "../config/clouds.ts";
import { loadSettingsFile, sessionTimings } from "../config/settings.ts";
import type { Finding } from "../findings/finding.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { createLogger } from "../log/logger.ts";
import { buildPlan } from "../remediation/plan/build-plan.ts";
import { formatPlan } from "../remediation/apply/format-plan.ts";
import { recordPlan, writePlan } from "../remediation/plan/plan-file.ts";
import { recordLookup } from "../remediation/plan/record-lookup.ts";
import { parseScanResult, ScanFileError } from "../report/parse-scan-result.ts";
import { parseGrace } from "../remediation/apply/grace.ts";
import { checkPlanOutput, checkStoreOption } from "./check-paths.ts";
import { HistoryStore } from "../store/history-store.ts";
import { ConfigError } from "../config/errors.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";
import { looksLikeProjectId } from "../scan/resolve-project.ts";
import { scanClouds } from "../scan/scan-clouds.ts";
import { commaList } from "./comma-list.ts";
import { selectChecks } from "./select-checks.ts";

export function planCommand() {
  return new Command("plan")
    .description("turn findings into plan.json: ordered steps, live preconditions, and what the safety rails exclude")
    .requiredOption("-o, --output <file>", "where to write the plan (JSON)")
    .addOption(
      new Option("--from-scan <file>", "a scan saved with scan -f json, instead of scanning now").conflicts([
        "osCloud",
      ]),
    )
    .option("--os-cloud <name>", "cloud of clouds.yaml to scan (default: $OS_CLOUD)")
    .addOption(
      new Option("--os-region-name <region>", "region to scan, or to take from a saved scan").env("OS_REGION_NAME"),
    )
    .option("--checks <ids>", "plan only the findings of these checks (comma-separated)", commaList)
    .option("--project <name-or-id>", "plan only resources owned by this project (an id with --from-scan)")
    .option("--project-domain <name-or-id>", "domain of --project, when several projects have its name")
    .option(
      "--grace <duration>",
      "seen in two scans this far apart before a destructive step (default: settings, 24h); 0 allows first sight",
    )
    .option("--allow-db-write", "plan the opt-in database fix for load balancers stuck in PENDING_*")
    .option("--store <path|url>", "history store: SQLite file or postgres:// URL")
    .option("--config <file>", "stacksweep.yaml settings")
    .action(async (options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      process.exitCode = await runPlan(options, globals.debug === true);
    });
}

type PlanOptions = ReturnType<ReturnType<typeof planCommand>["opts"]>;

async function runPlan(options: PlanOptions, debug: boolean): Promise<ExitCode> {
  const { settings, source } = loadSettingsFile(options.config);
  const remediation = settings.remediation;
  // Every input is checked before the scan: a bad one never costs a whole scan.
  const graceSeconds = parseGrace(
    options.grace ?? remediation.grace,
    options.grace === undefined
      ? { file: source ?? "stacksweep.yaml", key: "remediation.grace" }
      : { file: "command line", key: "--grace" },
  );
  checkPlanOutput(options.output);
  checkStoreOption(options.store);
  const checks = selectChecks(CHECKS, options.checks ?? settings.checks.enabled, settings.checks.disabled);
  let result: ScanResult;
  let file: string | null = null;
  let inventory: Inventory | null = null;
  const project =
    options.project === undefined
      ? undefined
      : { project: options.project, ...(options.projectDomain === undefined ? {} : { domain: options.projectDomain }) };
  if (options.fromScan !== undefined) {
    // A saved scan holds no project list to find a name in.
    if (project !== undefined && (!looksLikeProjectId(project.project) || project.domain !== undefined)) {
      throw new ConfigError({
        file: "command line",
        key: "--project",
        expected: `"${project.project}": with --from-scan, give the project's id (a saved scan has no project list)`,
      });
    }
    try {
      result = parseScanResult(await readSavedScan(options.fromScan), options.fromScan);
    } catch (error) {
      if (!(error instanceof ScanFileError)) throw error;
      process.stderr.write(`stacksweep: ${error.message}\n`);
      return EXIT.usage;
    }
    file = basename(options.fromScan);
  } else {
    const cloud = await resolveCloud(options.osCloud === undefined ? {} : { cloud: options.osCloud });
    result = await scanClouds(
      [{ cloud, allRegions: false, ...(options.osRegionName === undefined ? {} : { region: options.osRegionName }) }],
      {
        checks,
        session: sessionTimings(settings.requests),
        logger: createLogger({ debug }),
        onInventory: (i) => (inventory = i),
        ...(project === undefined ? {} : { project }),
      },
    );
    const failed = result.clouds.find((c) => c.error !== undefined);
    if (failed !== undefined) {
      process.stderr.write(`stacksweep: ${failed.cloud}/${failed.region}: ${failed.error ?? ""}\n`);
      return EXIT.unreachable;
    }
  }
  const regions = [...new Set(result.clouds.filter((c) => c.error === undefined).map((c) => `${c.cloud}\0${c.region}`))]
    .map((key) => key.split("\0") as [string, string])
    .filter(([, region]) => options.osRegionName === undefined || region === options.osRegionName);
  if (regions.length !== 1) {
    process.stderr.write(
      `stacksweep: a plan is for one cloud region; the scan has ${regions.map(([c, r]) => `${c}/${r}`).join(", ") || "none"}` +
        " (choose with --os-region-name)\n",
    );
    return EXIT.usage;
  }
  const [cloud, region] = regions[0]!;
  const wanted = new Set(checks.map((c) => c.id));
  const findings = result.findings.filter(
    (f: Finding) =>
      f.resource.cloud === cloud &&
      f.resource.region === region &&
      wanted.has(f.check) &&
      // A live scan kept only the project's findings already; a saved one is filtered by the id given.
      (options.fromScan === undefined || options.project === undefined || f.resource.projectId === options.project),
  );
  const store = await HistoryStore.open(options.store === undefined ? {} : { location: options.store });
  try {
    // A scan made now is history too: the grace period counts from the first scan that saw a finding.
    if (options.fromScan === undefined) await store.recordScan(result);
    const plan = await buildPlan({
      cloud,
      region,
      findings,
      source: { kind: "scan", scannedAt: result.startedAt, file, projectId: null },
      rules: { allow: remediation.allow, deny: remediation.deny },
      graceSeconds,
      seenAcrossGrace: (id, grace) => store.seenAcrossGrace(id, grace),
      allowDbWrite: options.allowDbWrite === true,
      octaviaDatabaseConfigured: remediation.octaviaDatabase !== undefined,
      rbdTrashEnabled: remediation.rbdTrash.enabled,
      ...(inventory === null ? {} : { records: recordLookup(inventory) }),
    });
    await writePlan(options.output, plan);
    const digest = await recordPlan(store, plan);
    process.stdout.write(formatPlan(plan, file === null ? `scan of ${result.startedAt}` : `scan ${file}`));
    process.stderr.write(
      `stacksweep: plan written to ${options.output} (digest ${digest}); review it, then: stacksweep apply ${options.output}\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

async function readSavedScan(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new ScanFileError(path, `cannot read the saved scan (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
