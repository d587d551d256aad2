// `stacksweep scan`: lists every project's resources in one or more clouds and regions, runs the checks and
// reports the findings. Read-only: it never writes to a cloud.
import { Command, Option } from "@commander-js/extra-typings";
import { CHECKS } from "../checks/registry.ts";
import { SEVERITIES } from "../checks/severity.ts";
import { resolveCloud } from "../config/clouds.ts";
import { loadSettingsFile, sessionTimings, type Settings } from "../config/settings.ts";
import type { Inventory } from "../inventory/inventory.ts";
import { loadInventories, saveInventories } from "../inventory/inventory-file.ts";
import { createLogger } from "../log/logger.ts";
import type { Logger } from "../log/logger.ts";
import type { NotificationTarget } from "../report/notify/notification-target.ts";
import { sendNotifications } from "../report/notify/send-notifications.ts";
import { mergeThresholds } from "../checks/run.ts";
import { REPORT_FORMATS } from "../report/report-format.ts";
import { checkReportOutput, checkStoreOption } from "./check-paths.ts";
import { visibleText } from "../report/visible-text.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { describeRecordedScan, recordScan } from "../store/record-scan.ts";
import type { ExitCode } from "./exit-codes.ts";
import { scanClouds, scanInventories, type ScanTarget } from "./scan-clouds.ts";
import { deliverReport, scanExitCode } from "./scan-output.ts";
import { progressPrinter } from "./scan-progress.ts";
import { commaList } from "./comma-list.ts";
import { selectChecks } from "./select-checks.ts";

// The return type is inferred: extra-typings carries every option's type into the action.
export function scanCommand() {
  return new Command("scan")
    .description("find orphaned and broken resources across all projects (read-only)")
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
    .option("--project <id>", "report only resources owned by this project")
    .addOption(
      new Option("-f, --format <format>", "report format (default: table on a terminal, else json)").choices(
        REPORT_FORMATS,
      ),
    )
    .option("-o, --output <file>", "write the report to a file (atomically) instead of stdout")
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
  const common = {
    checks,
    settings: { thresholds: settings.thresholds, knownCheckIds: [...CHECKS.keys()], file: settingsFile },
    exclude: settings.exclude,
    ...(options.project === undefined ? {} : { projectId: options.project }),
  };
  // Everything the scan will need is checked before it starts, so a bad value never costs a whole scan.
  mergeThresholds(checks, common.settings);
  if (options.output !== undefined) checkReportOutput(options.output, options.format);
  if (options.store !== undefined) checkStoreOption(options.store === true ? undefined : options.store);
  const logger = createLogger({ debug });
  let result;
  if (options.fromInventory !== undefined) {
    result = scanInventories(await loadInventories(options.fromInventory), common);
  } else {
    const progress = progressPrinter(process.stderr);
    const inventories: Inventory[] = [];
    try {
      result = await scanClouds(await scanTargets(options, settings.clouds), {
        ...common,
        session: sessionTimings(settings.requests),
        logger,
        onProgress: (event) => progress.onProgress(event),
        onInventory: (inventory) => inventories.push(inventory),
      });
    } finally {
      progress.done();
    }
    if (options.saveInventory !== undefined) await saveInventories(options.saveInventory, inventories);
  }
  for (const region of result.clouds) {
    if (region.error !== undefined) {
      process.stderr.write(
        `stacksweep: ${visibleText(region.cloud)}/${visibleText(region.region)}: ${visibleText(region.error)}\n`,
      );
    }
  }
  await deliverReport(result, options, process.stdout);
  // After the report, so that a store that cannot be reached costs the operator the history, never the report.
  if (options.store !== undefined) {
    await recordAndNotify(result, options.store === true ? "" : options.store, settings.notifications, logger);
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
): Promise<void> {
  const summary = await recordScan(result, { store });
  process.stderr.write(`stacksweep: ${visibleText(describeRecordedScan(summary))}\n`);
  if (notifications.length === 0) return;
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
}
