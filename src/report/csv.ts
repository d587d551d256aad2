// The CSV report: one row per finding (RFC 4180), safe to open in a spreadsheet.

import type { ScanResult } from "../findings/scan-result.ts";
import { summarizeScan } from "./summarize-scan.ts";
import { visibleText } from "./visible-text.ts";

const COLUMNS = [
  "id",
  "check",
  "severity",
  "cloud",
  "region",
  "resource_type",
  "resource_id",
  "resource_name",
  "project_id",
  "project_exists",
  "age_seconds",
  "summary",
  "remediation",
  "evidence",
] as const;

/**
 * Quotes per RFC 4180 and defuses formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts
 * with = + - @ as a formula, so such a cell gets a leading apostrophe. Control characters are shown as escapes so
 * that a row stays one line and `cat` cannot be made to recolour a terminal.
 */
function cell(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  let text = visibleText(value);
  if (/^[=+\-@]/u.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCsv(result: ScanResult): string {
  const rows = [COLUMNS.join(",")];
  for (const group of summarizeScan(result).checks) {
    for (const finding of group.findings) {
      const { resource } = finding;
      rows.push(
        [
          finding.id,
          finding.check,
          finding.severity,
          resource.cloud,
          resource.region,
          resource.type,
          resource.id,
          resource.name,
          resource.projectId,
          resource.projectExists,
          finding.ageSeconds === null ? null : Math.round(finding.ageSeconds),
          finding.summary,
          finding.remediation.map((step) => `${step.action}${step.destructive ? " (destructive)" : ""}`).join("; "),
          JSON.stringify(finding.evidence),
        ]
          .map(cell)
          .join(","),
      );
    }
  }
  // RFC 4180 records end in CRLF, the last one included.
  return `${rows.join("\r\n")}\r\n`;
}
