// Delivers a scan result (a report on stdout or atomically to a file) and turns it into the documented exit code.
import type { Severity } from "../checks/severity.ts";
import { severityRank } from "../checks/severity.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { renderReport } from "../report/render-report.ts";
import { reportFormatForPath, type ReportFormat } from "../report/report-format.ts";
import { writeReport } from "../report/write-report.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";

export interface OutputOptions {
  format?: ReportFormat;
  output?: string;
  failOn?: Severity;
}

/** `-f` wins; else the output file's extension; else a table on a terminal and JSON in a pipe. */
export function chooseFormat(options: OutputOptions, stdoutIsTty: boolean): ReportFormat {
  return (
    options.format ??
    (options.output === undefined ? undefined : reportFormatForPath(options.output)) ??
    (stdoutIsTty ? "table" : "json")
  );
}

export async function deliverReport(
  result: ScanResult,
  options: OutputOptions,
  stdout: NodeJS.WriteStream,
): Promise<void> {
  const format = chooseFormat(options, stdout.isTTY);
  const toTerminal = options.output === undefined && stdout.isTTY;
  const text = renderReport(result, format, {
    color: toTerminal,
    ...(toTerminal && stdout.columns > 0 ? { width: stdout.columns } : {}),
  });
  if (options.output === undefined) stdout.write(text);
  else await writeReport(options.output, text);
}

/**
 * 3 when a region could not be scanned (unreachable, authentication failed); 1 when a finding reaches --fail-on;
 * 4 when some check was inconclusive; else 0.
 */
export function scanExitCode(result: ScanResult, failOn: Severity | undefined): ExitCode {
  if (result.clouds.some((region) => region.error !== undefined)) return EXIT.unreachable;
  if (failOn !== undefined && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) {
    return EXIT.findings;
  }
  if (result.inconclusive.length > 0) return EXIT.incomplete;
  return EXIT.ok;
}
