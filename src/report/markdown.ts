// The Markdown report, for tickets: a summary table, then the findings of each check. Every value that comes from
// a cloud is escaped so that it reads as text: it cannot end a table cell, open a link or code span, or inject HTML.

import type { Finding } from "../findings/finding.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { formatAge } from "./format-age.ts";
import { formatBytes } from "./format-bytes.ts";
import { SEVERITIES_WORST_FIRST, summarizeScan } from "./summarize-scan.ts";
import { visibleText } from "./visible-text.ts";

/**
 * Backslash-escapes (CommonMark allows it before any ASCII punctuation) every character that could start markup
 * inside a line: no `<tag>`, `&entity;`, `[link](...)`, `![image]`, emphasis, code span, or `|` cell break (GFM
 * honours `\|` inside tables). Breaking `://`, `www.` and `@` keeps GFM from autolinking URLs and addresses.
 * Line-start markup (`#`, `-`, `1.`) cannot occur: values never start a line, and newlines become `\n`.
 */
function text(value: string): string {
  return visibleText(value)
    .replace(/[\\`*_{}[\]()<>|!~&@]/gu, (char) => `\\${char}`)
    .replace(/:(?=\/\/)/gu, "\\:")
    .replace(/(www)\./giu, "$1\\.");
}

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function findingRow(finding: Finding): string {
  const { resource } = finding;
  const name = resource.name === null || resource.name === "" ? "_(no name)_" : text(resource.name);
  const project =
    resource.projectId === null
      ? "–"
      : `${text(resource.projectId)}${resource.projectExists === false ? " **(deleted)**" : ""}`;
  const remediation =
    finding.remediation.length === 0
      ? "report only"
      : finding.remediation.map((step) => `${text(step.action)}${step.destructive ? " ⚠" : ""}`).join("<br>");
  return row([
    finding.severity,
    `${name}<br>${text(resource.type)} ${text(resource.id)}`,
    project,
    `${text(resource.cloud)}/${text(resource.region)}`,
    formatAge(finding.ageSeconds),
    text(finding.summary),
    remediation,
  ]);
}

export function renderMarkdown(result: ScanResult): string {
  const summary = summarizeScan(result);
  const out: string[] = [];
  const regions = result.clouds.map((region) => `${text(region.cloud)}/${text(region.region)}`).join(", ");
  out.push(
    "# stacksweep scan report",
    "",
    `Scan of ${regions || "no region"} started ${text(result.startedAt)}, took ${(result.durationMs / 1000).toFixed(1)} s ` +
      `(stacksweep ${text(result.tool.version)}).`,
    "",
    "## Summary",
    "",
  );
  if (summary.total === 0) {
    out.push("No findings.");
  } else {
    out.push(
      row(["check", ...SEVERITIES_WORST_FIRST, "total"]),
      row(["---", ...SEVERITIES_WORST_FIRST.map(() => "---:"), "---:"]),
    );
    for (const group of summary.checks) {
      out.push(
        row([
          text(group.check),
          ...SEVERITIES_WORST_FIRST.map((severity) => String(group.counts[severity])),
          String(group.findings.length),
        ]),
      );
    }
    out.push(
      row([
        "**total**",
        ...SEVERITIES_WORST_FIRST.map((severity) => `**${summary.counts[severity]}**`),
        `**${summary.total}**`,
      ]),
    );
  }
  const gaps = summary.failedRegions.length + summary.incompleteCoverage.length + result.inconclusive.length;
  if (gaps > 0) {
    out.push(
      "",
      `> **Incomplete scan:** ${result.inconclusive.length} inconclusive checks, ${summary.incompleteCoverage.length} incomplete listings, ${summary.failedRegions.length} regions not scanned. See below.`,
    );
  }

  for (const group of summary.checks) {
    out.push(
      "",
      `## ${text(group.check)} (${group.findings.length})`,
      "",
      row(["severity", "resource", "project", "cloud/region", "age", "summary", "remediation"]),
      row(["---", "---", "---", "---", "---:", "---", "---"]),
      ...group.findings.map(findingRow),
    );
  }

  if (summary.failedRegions.length > 0) {
    out.push("", "## Regions not scanned", "");
    for (const region of summary.failedRegions) {
      out.push(`- ${text(region.cloud)}/${text(region.region)}: ${text(region.error ?? "")}`);
    }
  }
  if (summary.incompleteCoverage.length > 0) {
    out.push(
      "",
      "## Incomplete listings",
      "",
      row(["cloud/region", "resource type", "status", "reason"]),
      row(["---", "---", "---", "---"]),
    );
    for (const entry of summary.incompleteCoverage) {
      const reason = entry.coverage.status === "complete" ? "" : entry.coverage.reason;
      out.push(
        row([`${text(entry.cloud)}/${text(entry.region)}`, text(entry.type), entry.coverage.status, text(reason)]),
      );
    }
  }
  if (result.inconclusive.length > 0) {
    out.push("", "## Inconclusive checks", "", "These checks reported nothing because their input was incomplete.", "");
    out.push(row(["cloud/region", "check", "reason"]), row(["---", "---", "---"]));
    for (const entry of result.inconclusive) {
      out.push(row([`${text(entry.cloud)}/${text(entry.region)}`, text(entry.check), text(entry.reason)]));
    }
  }

  out.push(
    "",
    "## API requests",
    "",
    row(["service", "requests", "failed", "bytes"]),
    row(["---", "---:", "---:", "---:"]),
  );
  for (const entry of summary.requestsByService) {
    out.push(row([text(entry.service), String(entry.count), String(entry.errors), formatBytes(entry.bytes)]));
  }
  out.push(
    row([
      "**total**",
      `**${summary.requests.count}**`,
      `**${summary.requests.errors}**`,
      `**${formatBytes(summary.requests.bytes)}**`,
    ]),
  );
  return `${out.join("\n")}\n`;
}
