// The report formats `scan -f` accepts, and the options the renderers share.

import type { ScanHistoryFacts } from "./scan-metrics.ts";

export const REPORT_FORMATS = ["table", "json", "yaml", "csv", "markdown", "html", "prometheus"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** Colours in the table format. Default: picocolors' detection (a TTY on stdout, NO_COLOR, FORCE_COLOR). */
  color?: boolean;
  /** Terminal width for the table format; summaries wrap to fit. Default: 100 columns (a pipe, a file). */
  width?: number;
  /** Table format: only the summary (totals, gaps, critical findings, deleted projects' leftovers, per check). */
  summaryOnly?: boolean;
  /** Table format: findings shown per check and section (the rest are counted); 0 shows all. Default 20. */
  limit?: number;
  /** Prometheus format: what the history knows about the recorded scan (new findings, last successes). */
  history?: ScanHistoryFacts;
}

const EXTENSIONS: Readonly<Record<string, ReportFormat>> = {
  ".json": "json",
  ".yaml": "yaml",
  ".yml": "yaml",
  ".csv": "csv",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".prom": "prometheus",
  ".txt": "table",
};

/** The file extensions that name a format, for a message that lists them. */
export const REPORT_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

/** The format a report file's name implies (`-o report.html` without `-f`), or undefined. */
export function reportFormatForPath(path: string): ReportFormat | undefined {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? undefined : EXTENSIONS[path.slice(dot).toLowerCase()];
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
