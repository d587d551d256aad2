// The one entry point the commands call to turn a scan into report text, whatever the format.

// Each renderer is imported when its format is asked for: the HTML one brings hono's JSX, the Prometheus one
// prom-client, the table cli-table3, and a run that writes JSON needs none of them.

import type { ScanResult } from "../findings/scan-result.ts";
import type { ReportFormat, ReportOptions } from "./report-format.ts";

/**
 * Renders `result` in `format`. Pure: no I/O; write the text with `writeReport` or to stdout.
 * @example process.stdout.write(await renderReport(result, "table", { color: process.stdout.isTTY, width: process.stdout.columns }))
 */
export async function renderReport(
  result: ScanResult,
  format: ReportFormat,
  options: ReportOptions = {},
): Promise<string> {
  switch (format) {
    case "table":
      return (await import("./table.ts")).renderTable(result, options);
    case "json":
      return (await import("./json.ts")).renderJson(result);
    case "yaml":
      return (await import("./yaml.ts")).renderYaml(result);
    case "csv":
      return (await import("./csv.ts")).renderCsv(result);
    case "markdown":
      return (await import("./markdown.ts")).renderMarkdown(result);
    case "html":
      return (await import("./html/render-html.tsx")).renderHtml(result);
    case "prometheus":
      return (await import("./prometheus.ts")).renderPrometheus(result, options.history);
  }
}

/**
 * The report in pieces to write one after the other, for a destination that takes them as they come (a file, a
 * pipe): the JSON report is made finding by finding, so a scan of many regions never holds its whole text; the other
 * formats come whole.
 */
export async function reportChunks(
  result: ScanResult,
  format: ReportFormat,
  options: ReportOptions = {},
): Promise<Iterable<string>> {
  if (format === "json") return (await import("./json.ts")).jsonReportChunks(result);
  return [await renderReport(result, format, options)];
}
