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

/** The width when the terminal's is unknown (a pipe, a file): what any terminal and most viewers show unwrapped. */
const DEFAULT_WIDTH = 100;

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

/** What fits a column: the first 8 characters of a long id (the full one is on the finding's `id` line). */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** The name, the type and, when the scan spans several, the cloud/region: whole, however long the name. */
function resourceCell(colors: Colors, finding: Finding, width: number, showPlace: boolean): string {
  const { resource } = finding;
  const name =
    resource.name === null || resource.name === ""
      ? [colors.dim("(no name)")]
      : fitLines(visibleText(resource.name), width);
  const where = showPlace ? fitLines(place(resource.cloud, resource.region), width) : [];
  return [...name, ...[...fitLines(resource.type, width), ...where].map((line) => colors.dim(line))].join("\n");
}

function projectCell(colors: Colors, finding: Finding): string {
  const { projectId, projectExists } = finding.resource;
  if (projectId === null) return colors.dim("–");
  const id = shortId(visibleText(projectId));
  return projectExists === false ? `${id}\n${colors.red("(deleted)")}` : id;
}

/** The summary, then the lines operators copy from: the full resource id and the remediation steps. */
function detailCell(colors: Colors, finding: Finding, width: number): string {
  const fixes =
    finding.remediation.length === 0
      ? colors.dim("report only")
      : finding.remediation
          .map((step) =>
            step.destructive ? `${visibleText(step.action)} ${colors.red("(destructive)")}` : visibleText(step.action),
          )
          .join(", ");
  return [
    visibleText(finding.summary),
    ...idLines(visibleText(finding.resource.id), width).map((line) => colors.dim(line)),
    `fix: ${fixes}`,
  ].join("\n");
}

/**
 * Joins `items` with `separator` into lines no wider than `width` (an item wider than that gets a line of its own);
 * continuation lines start with `indent`.
 */
function wrapItems(items: readonly string[], separator: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line !== "" && line.length + separator.length + item.length > width) {
      lines.push(line + separator.trimEnd());
      line = indent + item;
    } else {
      line = line === "" ? item : line + separator + item;
    }
  }
  lines.push(line);
  return lines;
}

/** Plain text broken at spaces to fit `width`; its leading spaces are kept. */
function wrapWords(text: string, width: number, indent = "    "): string[] {
  const lead = /^ */u.exec(text)?.[0] ?? "";
  const [first = "", ...rest] = text.slice(lead.length).split(" ");
  return wrapItems([lead + first, ...rest], " ", width, indent);
}

/** Text in a cell of `width` characters, never cut: broken at spaces, a longer word by length. */
function fitLines(text: string, width: number): string[] {
  return wrapWords(text, width, "").flatMap((line) => {
    const chunks: string[] = [];
    for (let start = 0; start < line.length; start += width) chunks.push(line.slice(start, start + width));
    return chunks;
  });
}

/**
 * The full resource id on lines that fit the column: cli-table3 would cut a longer word with "…", and operators
 * copy these. Composite ids (an image member's `<image>/<project>`) break after their `/`, anything else by length.
 */
function idLines(id: string, width: number): string[] {
  const parts = id.split("/").map((part, index, all) => (index < all.length - 1 ? `${part}/` : part));
  return wrapItems([`id ${parts[0] ?? ""}`, ...parts.slice(1)], "", width, "   ").flatMap((line) =>
    fitLines(line, width),
  );
}

/** The separator line under a compact table's header (cli-table3 draws either every row separator or none). */
function separatorLike(topBorder: string): string {
  return topBorder.replace("┌", "├").replaceAll("┬", "┼").replace("┐", "┤");
}

const COMPACT_CHARS = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

// Fixed column widths (content + 2 spaces of padding); the summary column takes the rest of the terminal.
const SEVERITY_WIDTH = 10;
const RESOURCE_WIDTH = 29; // the longest type id, `network.security-group-rule`, unbroken
const PROJECT_WIDTH = 11;
const AGE_WIDTH = 6;
// A UUID after "id " fits unbroken.
const MIN_RESOURCE_WIDTH = 20;
const MIN_SUMMARY_WIDTH = 41;
// Below 99 columns (89 with a severity column) the tables are wider than the terminal, which wraps them.

export function renderTable(result: ScanResult, options: ReportOptions = {}): string {
  const colors = picocolors.createColors(options.color ?? picocolors.isColorSupported);
  const summary = summarizeScan(result);
  const width = Math.max(60, options.width ?? DEFAULT_WIDTH);
  const out: string[] = [];

  const regions = result.clouds.map((region) => place(region.cloud, region.region)).join(", ");
  const [title = "", ...titleRest] = wrapWords(
    `stacksweep ${visibleText(result.tool.version)} — scan of ${regions || "no region"} at ${result.startedAt}, ${(result.durationMs / 1000).toFixed(1)} s`,
    width,
    "  ",
  );
  const product = `stacksweep ${visibleText(result.tool.version)}`;
  out.push(colors.bold(product) + title.slice(product.length), ...titleRest, "");

  if (summary.total === 0) {
    out.push(colors.green("No findings."));
  } else {
    const totals = new Table({
      head: ["check", ...SEVERITIES_WORST_FIRST, "total"],
      style: PLAIN_STYLE,
      chars: COMPACT_CHARS,
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
    // One line per check: a separator under the header and above the total only.
    const lines = totals.toString().split("\n");
    const separator = separatorLike(lines[0] ?? "");
    lines.splice(lines.length - 2, 0, separator);
    lines.splice(2, 0, separator);
    out.push(colors.bold(`Findings: ${summary.total}`), lines.join("\n"));

    // One cloud and region is named in the title line; several are named in each resource cell.
    const showPlace = new Set(result.findings.map((f) => place(f.resource.cloud, f.resource.region))).size > 1;
    for (const group of summary.checks) {
      const severities = SEVERITIES_WORST_FIRST.filter((severity) => group.counts[severity] > 0);
      const worst = severities[0] ?? "info";
      const mixed = severities.length > 1;
      out.push(
        "",
        `${paintSeverity(colors, worst, colors.bold(visibleText(group.check)))} (${group.findings.length})` +
          (mixed ? "" : ` ${paintSeverity(colors, worst)}`),
      );
      // The resource column gives up a few characters to a severity column before the summary does.
      const resourceWidth = Math.min(
        RESOURCE_WIDTH,
        Math.max(
          MIN_RESOURCE_WIDTH,
          width - (mixed ? SEVERITY_WIDTH + 1 : 0) - PROJECT_WIDTH - AGE_WIDTH - 5 - MIN_SUMMARY_WIDTH,
        ),
      );
      const columns: { head: string; width: number; cell: (finding: Finding) => string }[] = [
        ...(mixed
          ? [{ head: "severity", width: SEVERITY_WIDTH, cell: (f: Finding) => paintSeverity(colors, f.severity) }]
          : []),
        {
          head: "resource",
          width: resourceWidth,
          cell: (f: Finding) => resourceCell(colors, f, resourceWidth - 2, showPlace),
        },
        { head: "project", width: PROJECT_WIDTH, cell: (f: Finding) => projectCell(colors, f) },
        { head: "age", width: AGE_WIDTH, cell: (f: Finding) => formatAge(f.ageSeconds) },
      ];
      // The borders: one more than the columns, the summary's included.
      const fixed = columns.reduce((sum, column) => sum + column.width, 0) + columns.length + 2;
      const summaryWidth = Math.max(MIN_SUMMARY_WIDTH, width - fixed);
      columns.push({
        head: "summary",
        width: summaryWidth,
        cell: (f: Finding) => detailCell(colors, f, summaryWidth - 2),
      });
      const table = new Table({
        head: columns.map((column) => column.head),
        style: PLAIN_STYLE,
        wordWrap: true,
        wrapOnWordBoundary: true,
        colWidths: columns.map((column) => column.width),
      });
      for (const finding of group.findings) table.push(columns.map((column) => column.cell(finding)));
      out.push(table.toString());
    }
  }

  if (summary.failedRegions.length > 0) {
    out.push("", colors.bold(colors.red(`Regions not scanned: ${summary.failedRegions.length}`)));
    for (const region of summary.failedRegions) {
      out.push(
        ...wrapWords(`  ${place(region.cloud, region.region)}: ${visibleText(region.error ?? "")}`, width, "    "),
      );
    }
  }
  if (summary.incompleteCoverage.length > 0) {
    out.push("", colors.bold(colors.yellow(`Incomplete listings: ${summary.incompleteCoverage.length}`)));
    for (const entry of summary.incompleteCoverage) {
      const reason = entry.coverage.status === "complete" ? "" : `: ${visibleText(entry.coverage.reason)}`;
      out.push(
        ...wrapWords(`  ${place(entry.cloud, entry.region)} ${entry.type} ${entry.coverage.status}${reason}`, width),
      );
    }
  }
  if (result.inconclusive.length > 0) {
    out.push(
      "",
      colors.bold(colors.yellow(`Inconclusive checks (no findings reported for them): ${result.inconclusive.length}`)),
    );
    for (const entry of result.inconclusive) {
      out.push(
        ...wrapWords(
          `  ${place(entry.cloud, entry.region)} ${visibleText(entry.check)}: ${visibleText(entry.reason)}`,
          width,
          "    ",
        ),
      );
    }
  }

  const { requests } = summary;
  const cost = `API requests: ${requests.count}${requests.errors > 0 ? ` (${requests.errors} failed)` : ""}, ${formatBytes(requests.bytes)}`;
  const perService = summary.requestsByService.map(
    (entry, index, all) => `${visibleText(entry.service)} ${entry.count}${index < all.length - 1 ? "," : ""}`,
  );
  const costLines = perService.length === 0 ? [cost] : wrapItems([`${cost} —`, ...perService], " ", width, "  ");
  out.push("", ...costLines.map((line) => colors.dim(line)));
  return `${out.join("\n")}\n`;
}
