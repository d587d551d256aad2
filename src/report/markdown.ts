// The Markdown report, for tickets: the summary first (totals, what the debris costs, what the scan could not see,
// what is critical, deleted projects' leftovers, per check and cloud), then the findings of each check. Every value that comes from
// a cloud is escaped so that it reads as text: it cannot end a table cell, open a link or code span, or inject HTML.

import { coverageGap } from "./summarize-scan.ts";
import type { Finding } from "../findings/finding.ts";
import type { CoverageEntry, ScanResult } from "../findings/scan-result.ts";
import { formatAge } from "./format-age.ts";
import { openstackCommand } from "../remediation/plan/openstack-command.ts";
import { formatBytes } from "./format-bytes.ts";
import { formatHoldings, formatResources } from "./format-cost.ts";
import { SEVERITIES_WORST_FIRST, summarizeScan, type DebrisCost } from "./summarize-scan.ts";
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

/** "acme-web (customers) 4f1c…" with the full id; "**(deleted)**" when Keystone confirmed it gone. */
function projectCell(finding: Finding): string {
  const { projectId, projectExists, projectName, domainName } = finding.resource;
  if (projectId === null) return "–";
  const name =
    projectName === undefined
      ? ""
      : `${text(projectName)}${domainName === undefined ? "" : ` (${text(domainName)})`}<br>`;
  return `${name}${text(projectId)}${projectExists === false ? " **(deleted)**" : ""}`;
}

/** The `openstack` command (as code) beside the API call, for the preferred step; the others by action id. */
function remediationCell(finding: Finding): string {
  const [first, ...others] = finding.remediation;
  if (first === undefined) return "report only";
  const command = openstackCommand(first, finding.resource.id);
  const call = `${command === null ? "" : `${code(command)}<br>`}${text(first.call)}${first.destructive ? " ⚠ destructive" : ""}`;
  const rest = others.map((step) => `${text(step.action)}${step.destructive ? " ⚠" : ""}`);
  return rest.length === 0 ? call : `${call}<br>or: ${rest.join(", ")}`;
}

/** A code span that no value can end: the fence is longer than any run of backticks inside. */
function code(value: string): string {
  const safe = visibleText(value).replace(/\|/gu, "\\|");
  const longest = Math.max(0, ...[...safe.matchAll(/`+/gu)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence} ${safe} ${fence}`;
}

function findingRow(finding: Finding): string {
  const { resource } = finding;
  const name = resource.name === null || resource.name === "" ? "_(no name)_" : text(resource.name);
  return row([
    finding.severity,
    `${name}<br>${text(resource.type)} ${text(resource.id)}`,
    projectCell(finding),
    `${text(resource.cloud)}/${text(resource.region)}`,
    formatAge(finding.ageSeconds),
    text(finding.summary),
    remediationCell(finding),
  ]);
}

function holdsCell(cost: DebrisCost): string {
  return cost.gib + cost.vcpus + cost.ramMib > 0 ? formatHoldings(cost) : "–";
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
    out.push(summary.incomplete ? "No findings in what was seen: the scan was incomplete (below)." : "No findings.");
  } else {
    out.push(
      `**${summary.total} findings**: ${SEVERITIES_WORST_FIRST.map((severity) => `${summary.counts[severity]} ${severity}`).join(", ")}.`,
      "",
      `**What the debris costs:** ${summary.cost.resources} resources holding ${formatHoldings(summary.cost)}.`,
    );
  }

  // What the scan could not see comes before any finding: an incomplete scan is not an all-clear.
  if (summary.incomplete) {
    out.push(
      "",
      `> **Incomplete scan:** ${result.inconclusive.length} inconclusive checks (they report nothing), ${summary.incompleteCoverage.length} incomplete listings, ${summary.failedRegions.length} regions not scanned.`,
    );
  }
  if (summary.failedRegions.length > 0) {
    out.push("", "### Regions not scanned", "");
    for (const region of summary.failedRegions) {
      out.push(`- ${text(region.cloud)}/${text(region.region)}: ${text(region.error ?? "")}`);
    }
  }
  if (summary.incompleteCoverage.length > 0) {
    out.push("", "### Incomplete listings", "", ...coverageRows(summary.incompleteCoverage, "reason"));
  }
  if (summary.limitedCoverage.length > 0) {
    out.push(
      "",
      "### Limits of the listings",
      "",
      "Complete within these limits, so no check was inconclusive; beyond them nothing was seen.",
      "",
      ...coverageRows(summary.limitedCoverage, "limit"),
    );
  }
  if (result.inconclusive.length > 0) {
    out.push(
      "",
      "### Inconclusive checks",
      "",
      "These checks reported nothing because their input was incomplete.",
      "",
    );
    out.push(row(["cloud/region", "check", "reason"]), row(["---", "---", "---"]));
    for (const entry of result.inconclusive) {
      out.push(row([`${text(entry.cloud)}/${text(entry.region)}`, text(entry.check), text(entry.reason)]));
    }
  }

  if (summary.critical.length > 0) {
    out.push(
      "",
      `### Critical now (${summary.critical.length})`,
      "",
      row(["check", "resource", "project", "cloud/region", "age"]),
      row(["---", "---", "---", "---", "---:"]),
    );
    for (const finding of summary.critical) {
      const { resource } = finding;
      out.push(
        row([
          text(finding.check),
          `${resource.name === null || resource.name === "" ? "_(no name)_" : text(resource.name)} (${text(resource.type)})`,
          projectCell(finding),
          `${text(resource.cloud)}/${text(resource.region)}`,
          formatAge(finding.ageSeconds),
        ]),
      );
    }
  }

  if (summary.orphans.length > 0) {
    out.push(
      "",
      `### Left by deleted projects (${summary.orphans.length})`,
      "",
      row(["project", "cloud/region", "oldest", "holds", "resources", "removed by"]),
      row(["---", "---", "---:", "---", "---", "---"]),
    );
    for (const group of summary.orphans) {
      out.push(
        row([
          text(group.projectId),
          `${text(group.cloud)}/${text(group.region)}`,
          formatAge(group.oldestAgeSeconds),
          holdsCell(group.cost),
          formatResources(group.cost).map(text).join(", "),
          code(group.purge),
        ]),
      );
    }
  }

  if (summary.total > 0) {
    out.push(
      "",
      "### Per check",
      "",
      row(["check", ...SEVERITIES_WORST_FIRST, "total", "holds"]),
      row(["---", ...SEVERITIES_WORST_FIRST.map(() => "---:"), "---:", "---"]),
    );
    for (const group of summary.checks) {
      out.push(
        row([
          text(group.check),
          ...SEVERITIES_WORST_FIRST.map((severity) => String(group.counts[severity])),
          String(group.findings.length),
          holdsCell(group.cost),
        ]),
      );
    }
    out.push(
      row([
        "**total**",
        ...SEVERITIES_WORST_FIRST.map((severity) => `**${summary.counts[severity]}**`),
        `**${summary.total}**`,
        `**${holdsCell(summary.cost)}**`,
      ]),
    );
    if (summary.places.length > 1) {
      out.push(
        "",
        "### Per cloud and region",
        "",
        row(["cloud/region", "findings", "holds"]),
        row(["---", "---:", "---"]),
      );
      for (const entry of summary.places) {
        out.push(row([`${text(entry.cloud)}/${text(entry.region)}`, String(entry.findings), holdsCell(entry.cost)]));
      }
    }
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

/** A table of listings with what kept each from being the region's whole truth: its reason, or its limit. */
function coverageRows(entries: readonly CoverageEntry[], why: string): string[] {
  return [
    row(["cloud/region", "resource type", "status", why]),
    row(["---", "---", "---", "---"]),
    ...entries.map((entry) =>
      row([
        `${text(entry.cloud)}/${text(entry.region)}`,
        text(entry.type),
        entry.coverage.status,
        text(coverageGap(entry.coverage)),
      ]),
    ),
  ];
}
