// The one entry point the commands call to turn a scan into report text, whatever the format.

import type { ScanResult } from "../findings/scan-result.ts";
import { renderCsv } from "./csv.ts";
import { renderHtml } from "./html/render-html.tsx";
import { renderJson } from "./json.ts";
import { renderMarkdown } from "./markdown.ts";
import { renderPrometheus } from "./prometheus.ts";
import type { ReportFormat, ReportOptions } from "./report-format.ts";
import { renderTable } from "./table.ts";
import { renderYaml } from "./yaml.ts";

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
      return renderTable(result, options);
    case "json":
      return renderJson(result);
    case "yaml":
      return renderYaml(result);
    case "csv":
      return renderCsv(result);
    case "markdown":
      return renderMarkdown(result);
    case "html":
      return renderHtml(result);
    case "prometheus":
      return renderPrometheus(result, options.history);
  }
}
