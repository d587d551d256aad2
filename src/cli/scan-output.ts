// Delivers a scan result (a report on stdout or atomically to a file) and turns it into the documented exit code.
import type { Severity } from "../checks/severity.ts";
import { severityRank } from "../checks/severity.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { reportChunks } from "../report/render-report.ts";
import { reportFormatForPath, type ReportFormat } from "../report/report-format.ts";
import { writeReport } from "../files/write-report.ts";
import { EXIT, type ExitCode } from "./exit-codes.ts";

export interface OutputOptions {
  format?: ReportFormat;
  output?: string;
  failOn?: Severity;
  /** Table only: the summary alone, and findings shown per check (0: all). */
  summary?: boolean;
  limit?: number;
}

/**
 * `-f` wins; else the output file's extension; else `fallback` when given (the demo is read by a person even in a
 * pipe); else a table on a terminal and JSON in a pipe.
 */
export function chooseFormat(options: OutputOptions, stdoutIsTty: boolean, fallback?: ReportFormat): ReportFormat {
  return (
    options.format ??
    (options.output === undefined ? undefined : reportFormatForPath(options.output)) ??
    fallback ??
    (stdoutIsTty ? "table" : "json")
  );
}

export async function deliverReport(
  result: ScanResult,
  options: OutputOptions,
  stdout: NodeJS.WriteStream,
  fallback?: ReportFormat,
): Promise<ReportFormat> {
  const format = chooseFormat(options, stdout.isTTY, fallback);
  const toTerminal = options.output === undefined && stdout.isTTY;
  const chunks = await reportChunks(result, format, {
    color: options.output === undefined && useColor(stdout.isTTY, process.env),
    ...(toTerminal && stdout.columns > 0 ? { width: stdout.columns } : {}),
    ...(options.summary === true ? { summaryOnly: true } : {}),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  // A pipe or a terminal on Linux is written synchronously, so each piece is gone before the next is made.
  if (options.output === undefined) for (const chunk of chunks) stdout.write(chunk);
  else await writeReport(options.output, chunks);
  return format;
}

/**
 * Colour on a terminal unless the operator said otherwise (https://no-color.org): a non-empty `NO_COLOR` turns it
 * off, `FORCE_COLOR` (other than "0") turns it on even in a pipe, and a `dumb` terminal gets none.
 */
export function useColor(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if ((env.NO_COLOR ?? "") !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "0" && force !== "false") return true;
  return isTty && env.TERM !== "dumb";
}

/**
 * One precedence, the least complete answer first: 3 when a region could not be scanned at all (unreachable,
 * authentication failed); else 4 when some check was inconclusive; else 1 when a finding reaches --fail-on; else 0.
 * An incomplete scan outranks its findings because a job that alerts on 1 would otherwise never learn that part of
 * the cloud went unexamined; the findings are in the report either way. (2, usage, and 70, a bug, end the run
 * before there is a result.)
 */
export function scanExitCode(result: ScanResult, failOn: Severity | undefined): ExitCode {
  if (result.clouds.some((region) => region.error !== undefined)) return EXIT.unreachable;
  if (result.inconclusive.length > 0) return EXIT.incomplete;
  if (failOn !== undefined && result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))) {
    return EXIT.findings;
  }
  return EXIT.ok;
}
