// `stacksweep demo`: starts fakecloud on loopback with the demo scenario (every check's planted problem beside a
// healthy look-alike) and runs the same scan as `stacksweep scan` against it. Nothing leaves this machine.
import { Command, Option } from "@commander-js/extra-typings";
import { CHECKS } from "../checks/registry.ts";
import { apiOnlyChecks } from "../scan/deep-selection.ts";
import { resolveCloud } from "../config/clouds.ts";
import { startFakeCloud } from "@stacksweep/fakecloud";
import { NAMED_SCENARIOS } from "./scenarios/scenario-library.ts";
import { createLogger } from "../log/logger.ts";
import { REPORT_FORMATS } from "../report/report-format.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { scanClouds } from "../scan/scan-clouds.ts";
import { nonNegativeInteger } from "./non-negative-integer.ts";
import { deliverReport, scanExitCode } from "./scan-output.ts";
import { progressPrinter } from "./scan-progress.ts";

// On stderr, so that `stacksweep demo -f table > file` keeps only the report.
const DEMO_EPILOGUE = `
Every finding above was planted in a fake cloud (fakecloud, on loopback) beside a healthy look-alike that must not be
reported. To scan a real cloud, read-only:  stacksweep scan --os-cloud <name of your clouds.yaml entry>
Other formats: stacksweep demo -f json|yaml|csv|markdown|html|prometheus [-o FILE]
`;

export function demoCommand() {
  return new Command("demo")
    .description("scan a built-in fake OpenStack cloud with planted problems, to see what stacksweep reports")
    .addOption(
      new Option("-f, --format <format>", "report format (default: table, or the -o file's extension)").choices(
        REPORT_FORMATS,
      ),
    )
    .option("-o, --output <file>", "write the report to a file (atomically) instead of stdout")
    .option("--summary", "table: only the summary (totals, gaps, critical, deleted projects' leftovers, per check)")
    .option("--limit <n>", "table: findings shown per check (default 20; 0 shows all)", nonNegativeInteger)
    .action(async (options, command) => {
      const globals: Record<string, unknown> = command.optsWithGlobals();
      process.exitCode = await runDemo(options, globals.debug === true);
    });
}

async function runDemo(
  options: { format?: (typeof REPORT_FORMATS)[number]; output?: string; summary?: true; limit?: number },
  debug: boolean,
): Promise<ExitCode> {
  const scenario = NAMED_SCENARIOS.get("demo");
  if (scenario === undefined) {
    process.stderr.write("stacksweep: the demo scenario is not part of this build\n");
    return EXIT.usage;
  }
  const cloud = await startFakeCloud({ scenario: scenario() });
  try {
    const resolved = await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) });
    const progress = progressPrinter(process.stderr);
    let result;
    try {
      result = await scanClouds([{ cloud: { ...resolved, name: "demo" }, allRegions: false }], {
        checks: apiOnlyChecks([...CHECKS.values()]),
        logger: createLogger({ debug }),
        onProgress: (event) => progress.onProgress(event),
      });
    } finally {
      progress.done();
    }
    const format = await deliverReport(result, options, process.stdout, "table");
    if (format === "table" && options.output === undefined) process.stderr.write(DEMO_EPILOGUE);
    // The demo exists to show findings: only a failure to scan the fake cloud is an error.
    const code = scanExitCode(result, undefined);
    return code === EXIT.unreachable ? code : EXIT.ok;
  } finally {
    await cloud.close();
  }
}
