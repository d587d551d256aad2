// `stacksweep scan`: lists every project's resources in one or more clouds and regions, runs the checks and
// reports the findings. Read-only: it never writes to a cloud.
import { Command, Option } from "@commander-js/extra-typings";
import { CHECKS } from "../checks/registry.ts";
import { SEVERITIES } from "../checks/severity.ts";
import { resolveCloud } from "../config/clouds.ts";
import { loadSettingsFile, sessionTimings, type Settings } from "../config/settings.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { createLogger } from "../log/logger.ts";
import type { Logger } from "../log/logger.ts";
import type { NotificationTarget } from "../report/notify/notification-target.ts";
import { mergeThresholds } from "../checks/run.ts";
import { REPORT_FORMATS } from "../report/report-format.ts";
import { checkInventoryOutput, checkReportOutput, checkStoreOption } from "./check-paths.ts";
import { visibleText } from "../report/visible-text.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import type { recordScan } from "../store/record-scan.ts";
import { EXIT_CODES_HELP, type ExitCode } from "./exit-codes.ts";
import { scanClouds, scanInventories, type ScanTarget } from "../scan/scan-clouds.ts";
import { nonNegativeInteger } from "./non-negative-integer.ts";
import { writeReport } from "../files/write-report.ts";
import { deliverReport, scanExitCode } from "./scan-output.ts";
import { progressPrinter } from "./scan-progress.ts";
import { commaList } from "./comma-list.ts";
import { renderValues, valueColumns } from "./value-format.ts";
import { ConfigError } from "../config/errors.ts";
import { selectChecks } from "./select-checks.ts";
import { deepSelection } from "../scan/deep-selection.ts";
import { collectThreshold, thresholdOverrides } from "./threshold-option.ts";
import { DEEP_SOURCE_IDS } from "../deep/deep-source.ts";

// The store (kysely and its drivers), notifications, metrics and inventory files are imported where a run uses them,
// so that a plain scan loads none of them before its first request (\`src/cli/import-graph.test.ts\` holds it).

// The return type is inferred: extra-typings carries every option's type into the action.
export function scanCommand() {
  return new Command("scan")
    .description("find orphaned and broken resources across all projects (read-only)")
    .addHelpText("after", EXIT_CODES_HELP)
    .addOption(
      new Option(
        "--os-cloud <name>",
        "cloud of clouds.yaml to scan; repeat for several (default: $OS_CLOUD)",
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .addOption(new Option("--os-region-name <region>", "region to scan").env("OS_REGION_NAME").conflicts("allRegions"))
    .option("--all-regions", "scan every region of the catalog")
    .option("--checks <ids>", "run only these checks (comma-separated)", commaList)
    .option("--skip-checks <ids>", "skip these checks (comma-separated)", commaList)
    .option("--project <name-or-id>", "report only resources owned by this project")
    .option("--project-domain <name-or-id>", "domain of --project, when several projects have its name")
    .option(
      "--threshold <check.key=value>",
      "override one threshold for this run; repeatable (stacksweep checks lists them, with their defaults)",
      collectThreshold,
    )
    .option(
      "--deep <sources>",
      `read below the API too, where stacksweep.yaml's deep: configures it (${DEEP_SOURCE_IDS.join(", ")}; default: every source configured)`,
      commaList,
    )
    .addOption(
      new Option("-f, --format <format>", "report format (default: table on a terminal, else json)").choices([
        ...REPORT_FORMATS,
        "value",
      ] as const),
    )
    .option(
      "-c, --column <column>",
      "with -f value: print this column (repeat; ID, Check, Severity, Type, Resource ID, Name, Project, Cloud, Region, Summary)",
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option("-o, --output <file>", "write the report to a file (atomically) instead of stdout")
    .option("--summary", "table: only the summary (totals, gaps, critical, deleted projects' leftovers, per check)")
    .option("--limit <n>", "table: findings shown per check (default 20; 0 shows all)", nonNegativeInteger)
    .addOption(
      new Option("--fail-on <severity>", "exit 1 when a finding has this severity or higher").choices(SEVERITIES),
    )
    .option(
      "--config <file>",
      "stacksweep.yaml settings (default: ./stacksweep.yaml, ~/.config/stacksweep/, /etc/stacksweep/)",
    )
    .option(
      "--store [path|url]",
      "record the scan in the history (SQLite file or postgres:// URL; no value: the state directory) and send the notifications of stacksweep.yaml",
    )
    .option("--save-inventory <file>", "save what was listed, to replay the scan offline")
    .addOption(
      new Option("--from-inventory <file>", "replay a saved inventory instead of calling a cloud").conflicts([
        "osCloud",
        "allRegions",
        "saveInventory",
      ]),
    )
    .action(async (options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      process.exitCode = await runScan(options, globals.debug === true);
    });
}

type ScanCommandOptions = ReturnType<ReturnType<typeof scanCommand>["opts"]>;

async function runScan(options: ScanCommandOptions, debug: boolean): Promise<ExitCode> {
  const { settings, source } = loadSettingsFile(options.config);
  const settingsFile = source ?? "stacksweep.yaml";
  // Ids in the settings file are checked against the registry too, naming the file and key.
  selectChecks(CHECKS, settings.checks.enabled, settings.checks.disabled, {
    file: settingsFile,
    onlyKey: "checks.enabled",
    skipKey: "checks.disabled",
  });
  const checks = selectChecks(CHECKS, options.checks ?? settings.checks.enabled, [
    ...(options.skipChecks ?? []),
    ...settings.checks.disabled,
  ]);
  const overrides = thresholdOverrides(options.threshold ?? [], CHECKS);
  const thresholds = { ...settings.thresholds };
  for (const [checkId, values] of Object.entries(overrides))
    thresholds[checkId] = { ...thresholds[checkId], ...values };
  const deep = deepSelection(options.deep, settings.deep, checks, options.checks !== undefined);
  const common = {
    checks: deep.checks,
    settings: { thresholds, knownCheckIds: [...CHECKS.keys()], file: settingsFile },
    exclude: settings.exclude,
    objectStoreProjects: settings.objectStore.projects,
    ...(options.project === undefined
      ? {}
      : {
          project: {
            project: options.project,
            ...(options.projectDomain === undefined ? {} : { domain: options.projectDomain }),
          },
        }),
  };
  // Everything the scan will need is checked before it starts, so a bad value never costs a whole scan.
  mergeThresholds(checks, common.settings);
  if (options.output !== undefined) checkReportOutput(options.output, options.format);
  if (options.saveInventory !== undefined) checkInventoryOutput(options.saveInventory);
  if (options.store !== undefined) checkStoreOption(options.store === true ? undefined : options.store);
  if (options.column !== undefined && options.format !== "value") {
    throw new ConfigError({ file: "command line", key: "-c", expected: "columns are chosen with -f value" });
  }
  // Before any call to the cloud: a misspelt column is a usage error.
  const columns = options.format === "value" ? valueColumns(options.column) : [];
  const logger = createLogger({ debug });
  let result;
  if (options.fromInventory !== undefined) {
    const { loadInventories } = await import("../inventory/inventory-file.ts");
    result = scanInventories(await loadInventories(options.fromInventory), common);
  } else {
    const progress = progressPrinter(process.stderr);
    const inventories: Inventory[] = [];
    try {
      result = await scanClouds(await scanTargets(options, settings.clouds), {
        ...common,
        session: sessionTimings(settings.requests),
        logger,
        deep: { targets: settings.deep, enabled: deep.enabled },
        onProgress: (event) => progress.onProgress(event),
        // Kept only to be saved: a scan of many regions otherwise holds one region's records at a time.
        ...(options.saveInventory === undefined ? {} : { onInventory: (inventory) => inventories.push(inventory) }),
      });
    } finally {
      progress.done();
    }
    if (options.saveInventory !== undefined) {
      const { saveInventories } = await import("../inventory/inventory-file.ts");
      await saveInventories(options.saveInventory, inventories);
    }
  }
  for (const region of result.clouds) {
    if (region.error !== undefined) {
      process.stderr.write(
        `stacksweep: ${visibleText(region.cloud)}/${visibleText(region.region)}: ${visibleText(region.error)}\n`,
      );
    }
  }
  let format: string = "value";
  if (options.format === "value") {
    if (options.output !== undefined) await writeReport(options.output, renderValues(result.findings, columns));
    else process.stdout.write(renderValues(result.findings, columns));
  } else {
    const { format: asked, ...rest } = options;
    format = await deliverReport(
      result,
      { ...rest, ...(asked === undefined ? {} : { format: asked }) },
      process.stdout,
    );
  }
  // After the report, so that a store that cannot be reached costs the operator the history, never the report.
  if (options.store !== undefined) {
    const recorded = await recordAndNotify(
      result,
      options.store === true ? "" : options.store,
      settings.notifications,
      logger,
    );
    // The textfile once more, now that the history tells the new findings and each region's last success.
    if (format === "prometheus" && options.output !== undefined) {
      const history = { newFindings: recorded.newFindings, lastSuccessAt: recorded.regions };
      const { renderPrometheus } = await import("../report/prometheus.ts");
      await writeReport(options.output, await renderPrometheus(result, history));
    }
  }
  return scanExitCode(result, options.failOn ?? settings.failOn);
}

/** --os-cloud (repeated) with the region options; else the clouds of stacksweep.yaml; else $OS_CLOUD / OS_* variables. */
async function scanTargets(options: ScanCommandOptions, configured: Settings["clouds"]): Promise<ScanTarget[]> {
  const region = options.osRegionName === undefined ? {} : { region: options.osRegionName };
  if (options.osCloud === undefined && configured.length > 0) {
    const targets = await Promise.all(
      configured.map(async (entry) => {
        const cloud = await resolveCloud({ cloud: entry.cloud });
        if (entry.regions === "all") return [{ cloud, allRegions: true }];
        if (entry.regions === undefined) return [{ cloud, allRegions: options.allRegions === true, ...region }];
        return entry.regions.map((name) => ({ cloud, allRegions: false, region: name }));
      }),
    );
    return targets.flat();
  }
  const names = options.osCloud ?? [undefined];
  const clouds = await Promise.all(names.map((cloud) => resolveCloud(cloud === undefined ? {} : { cloud })));
  return clouds.map((cloud) => ({ cloud, allRegions: options.allRegions === true, ...region }));
}

/** `--store`: records the scan, says what changed on stderr, and sends that digest to the configured targets. */
async function recordAndNotify(
  result: ScanResult,
  store: string,
  notifications: readonly NotificationTarget[],
  logger: Logger,
): Promise<Awaited<ReturnType<typeof recordScan>>> {
  const { describeRecordedScan, recordScan } = await import("../store/record-scan.ts");
  const summary = await recordScan(result, { store });
  process.stderr.write(`stacksweep: ${visibleText(describeRecordedScan(summary))}\n`);
  if (notifications.length === 0) return summary;
  const { sendNotifications } = await import("../report/notify/send-notifications.ts");
  const outcomes = await sendNotifications(
    { result, newFindings: summary.newFindings, resolvedFindings: summary.resolvedFindings },
    notifications,
    // Failures are said below in one line each; the structured log adds the details with --debug.
    logger.isLevelEnabled("info") ? { logger } : {},
  );
  for (const outcome of outcomes) {
    const what =
      "skipped" in outcome
        ? "skipped (nothing changed)"
        : outcome.ok
          ? "sent"
          : `failed after ${outcome.attempts} attempt${outcome.attempts === 1 ? "" : "s"}: ${outcome.error ?? `HTTP ${outcome.status ?? "?"}`}`;
    process.stderr.write(`stacksweep: notification to ${visibleText(outcome.target)} ${visibleText(what)}\n`);
  }
  return summary;
}
