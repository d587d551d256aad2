// The terminal report (default on a TTY): a summary per check and severity, then the findings grouped by check,
// then what the scan could not see (failed regions, incomplete listings, inconclusive checks) and its API cost.

import Table from "cli-table3";
import picocolors from "picocolors";
import type { Severity } from "../checks/severity.ts";
import type { Finding } from "../findings/finding.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { formatAge } from "./format-age.ts";
import { formatBytes } from "./format-bytes.ts";
import type { ReportOptions } from "./report-format.ts";
import { SEVERITIES_WORST_FIRST, summarizeScan } from "./summarize-scan.ts";
import { visibleText } from "./visible-text.ts";

type Colors = ReturnType<typeof picocolors.createColors>;

// cli-table3 colours headers and borders itself; picocolors alone decides, so NO_COLOR is honoured everywhere.
const PLAIN_STYLE = { head: [], border: [] };

function paintSeverity(colors: Colors, severity: Severity, text: string = severity): string {
  switch (severity) {
    case "critical":
      return colors.bold(colors.red(text));
    case "warning":
      return colors.yellow(text);
    case "info":
      return colors.cyan(text);
  }
}

function place(cloud: string, region: string): string {
  return `${visibleText(cloud)}/${visibleText(region)}`;
}

function resourceCell(colors: Colors, finding: Finding): string {
  const { resource } = finding;
  const name = resource.name === null || resource.name === "" ? colors.dim("(no name)") : visibleText(resource.name);
  return `${name}\n${colors.dim(`${resource.type} ${visibleText(resource.id)}`)}`;
}

function projectCell(colors: Colors, finding: Finding): string {
  const { projectId, projectExists } = finding.resource;
  if (projectId === null) return colors.dim("–");
  const id = visibleText(projectId);
  return projectExists === false ? `${id}\n${colors.red("(deleted)")}` : id;
}

function remediationCell(colors: Colors, finding: Finding): string {
  if (finding.remediation.length === 0) return colors.dim("report only");
  return finding.remediation
    .map((step) =>
      step.destructive ? `${visibleText(step.action)} ${colors.red("(destructive)")}` : visibleText(step.action),
    )
    .join("\n");
}

export function renderTable(result: ScanResult, options: ReportOptions = {}): string {
  const colors = picocolors.createColors(options.color ?? picocolors.isColorSupported);
  const summary = summarizeScan(result);
  const out: string[] = [];

  const regions = result.clouds.map((region) => place(region.cloud, region.region)).join(", ");
  out.push(
    colors.bold(`stacksweep ${visibleText(result.tool.version)}`) +
      ` — scan of ${regions || "no region"} at ${result.startedAt}, ${(result.durationMs / 1000).toFixed(1)} s`,
    "",
  );

  if (summary.total === 0) {
    out.push(colors.green("No findings."));
  } else {
    const totals = new Table({
      head: ["check", ...SEVERITIES_WORST_FIRST, "total"],
      style: PLAIN_STYLE,
      colAligns: ["left", "right", "right", "right", "right"],
    });
    for (const group of summary.checks) {
      totals.push([
        visibleText(group.check),
        ...SEVERITIES_WORST_FIRST.map((severity) =>
          group.counts[severity] > 0
            ? paintSeverity(colors, severity, String(group.counts[severity]))
            : colors.dim("0"),
        ),
        String(group.findings.length),
      ]);
    }
    totals.push([
      colors.bold("total"),
      ...SEVERITIES_WORST_FIRST.map((severity) => colors.bold(String(summary.counts[severity]))),
      colors.bold(String(summary.total)),
    ]);
    out.push(colors.bold(`Findings: ${summary.total}`), totals.toString());

    // The summary column takes what the fixed columns leave of the terminal width.
    const summaryWidth = options.width === undefined ? null : Math.max(24, options.width - 100);
    for (const group of summary.checks) {
      const worst = SEVERITIES_WORST_FIRST.find((severity) => group.counts[severity] > 0) ?? "info";
      out.push("", `${paintSeverity(colors, worst, colors.bold(visibleText(group.check)))} (${group.findings.length})`);
      const table = new Table({
        head: ["severity", "resource", "project", "cloud/region", "age", "summary", "remediation"],
        style: PLAIN_STYLE,
        wordWrap: true,
        colWidths: [null, null, null, null, null, summaryWidth, null],
      });
      for (const finding of group.findings) {
        table.push([
          paintSeverity(colors, finding.severity),
          resourceCell(colors, finding),
          projectCell(colors, finding),
          place(finding.resource.cloud, finding.resource.region),
          formatAge(finding.ageSeconds),
          visibleText(finding.summary),
          remediationCell(colors, finding),
        ]);
      }
      out.push(table.toString());
    }
  }

  if (summary.failedRegions.length > 0) {
    out.push("", colors.bold(colors.red(`Regions not scanned: ${summary.failedRegions.length}`)));
    for (const region of summary.failedRegions) {
      out.push(`  ${place(region.cloud, region.region)}: ${visibleText(region.error ?? "")}`);
    }
  }
  if (summary.incompleteCoverage.length > 0) {
    out.push("", colors.bold(colors.yellow(`Incomplete listings: ${summary.incompleteCoverage.length}`)));
    for (const entry of summary.incompleteCoverage) {
      const reason = entry.coverage.status === "complete" ? "" : `: ${visibleText(entry.coverage.reason)}`;
      out.push(`  ${place(entry.cloud, entry.region)} ${entry.type} ${colors.yellow(entry.coverage.status)}${reason}`);
    }
  }
  if (result.inconclusive.length > 0) {
    out.push(
      "",
      colors.bold(colors.yellow(`Inconclusive checks (no findings reported for them): ${result.inconclusive.length}`)),
    );
    for (const entry of result.inconclusive) {
      out.push(`  ${place(entry.cloud, entry.region)} ${visibleText(entry.check)}: ${visibleText(entry.reason)}`);
    }
  }

  const { requests } = summary;
  const perService = summary.requestsByService
    .map((entry) => `${visibleText(entry.service)} ${entry.count}`)
    .join(", ");
  out.push(
    "",
    colors.dim(
      `API requests: ${requests.count}${requests.errors > 0 ? ` (${requests.errors} failed)` : ""}, ${formatBytes(requests.bytes)}` +
        (perService === "" ? "" : ` — ${perService}`),
    ),
  );
  return `${out.join("\n")}\n`;
}
