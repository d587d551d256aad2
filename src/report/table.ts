// The terminal report (default on a TTY). It leads with what matters: the totals and what the debris holds, what
// the scan could not see, what is critical now and the leftovers of deleted projects with the command that removes
// them; then counts per check; then each check's findings with the `openstack` command that fixes them.

import { coverageGap } from "./summarize-scan.ts";
import picocolors from "picocolors";
import type { Severity } from "../checks/severity.ts";
import type { Finding } from "../findings/finding.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { openstackCommand } from "../remediation/plan/openstack-command.ts";
import { formatAge } from "./format-age.ts";
import { formatBytes } from "./format-bytes.ts";
import { formatHoldings, formatResources } from "./format-cost.ts";
import type { ReportOptions } from "./report-format.ts";
import { SEVERITIES_WORST_FIRST, summarizeScan, type DebrisCost, type ScanSummary } from "./summarize-scan.ts";
import { visibleText } from "./visible-text.ts";

type Colors = ReturnType<typeof picocolors.createColors>;

/** The width when the terminal's is unknown (a pipe, a file): the classic terminal's. */
const DEFAULT_WIDTH = 80;

/** Findings shown per check unless `limit` says otherwise: the rest are counted, and `-f json` has them all. */
export const DEFAULT_LIMIT = 20;

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

/** The first 8 characters of a long id, where a line names a resource (the full id is on the finding's lines). */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
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
  return lines.flatMap((wrapped) => cut(wrapped, width, indent));
}

/** A line longer than `width` (one long word) cut by length, never lost. */
function cut(line: string, width: number, indent: string): string[] {
  if (line.length <= width) return [line];
  const lines = [line.slice(0, width)];
  const room = Math.max(1, width - indent.length);
  for (let start = width; start < line.length; start += room) lines.push(indent + line.slice(start, start + room));
  return lines;
}

/** Plain text broken at spaces to fit `width`; its leading spaces are kept. */
function wrapWords(text: string, width: number, indent = "    "): string[] {
  const lead = /^ */u.exec(text)?.[0] ?? "";
  const [first = "", ...rest] = text.slice(lead.length).split(" ");
  return wrapItems([lead + first, ...rest], " ", width, indent);
}

/** A command line broken at spaces with shell continuations, so that copying the lines runs the whole command. */
function commandLines(prefix: string, command: string, width: number, indent: string): string[] {
  // An option stays on the line of its value.
  const words: string[] = [];
  for (const word of command.split(" ")) {
    const last = words.at(-1);
    if (last !== undefined && /^--?[a-z]/u.test(last) && !last.includes(" ") && !word.startsWith("-")) {
      words[words.length - 1] = `${last} ${word}`;
    } else words.push(word);
  }
  const lines: string[] = [];
  let line = prefix;
  for (const word of words) {
    const candidate = line === prefix ? line + word : `${line} ${word}`;
    if (line !== prefix && line !== indent && candidate.length + 2 > width) {
      lines.push(`${line} \\`);
      line = indent + word;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines.flatMap((wrapped) => cut(wrapped, width, indent));
}

/** "project acme (Default) 4f1c2b3a…", "project 5e1f0b7c… (deleted)", or "" without an owner. */
function projectLabel(finding: Finding): string {
  const { projectId, projectExists, projectName, domainName } = finding.resource;
  if (projectId === null) return "";
  const name = projectName === undefined ? "" : `${visibleText(projectName)} `;
  const domain = domainName === undefined ? "" : `(${visibleText(domainName)}) `;
  return `project ${name}${domain}${shortId(visibleText(projectId))}${projectExists === false ? " (deleted)" : ""}`;
}

function resourceName(finding: Finding): string {
  const { name } = finding.resource;
  return name === null || name === "" ? "(no name)" : visibleText(name);
}

function costLine(cost: DebrisCost): string {
  return `${cost.resources.toLocaleString("en-US")} resource${cost.resources === 1 ? "" : "s"} holding ${formatHoldings(cost)}`;
}

/** What the scan could not see, first: a finding-free report of an incomplete scan is not an all-clear. */
function gapLines(colors: Colors, result: ScanResult, summary: ScanSummary, width: number): string[] {
  if (!summary.incomplete) return [];
  const parts = [
    ...(summary.failedRegions.length > 0 ? [`${summary.failedRegions.length} regions not scanned`] : []),
    ...(summary.incompleteCoverage.length > 0 ? [`${summary.incompleteCoverage.length} listings incomplete`] : []),
    ...(result.inconclusive.length > 0
      ? [`${result.inconclusive.length} checks inconclusive (they report nothing)`]
      : []),
  ];
  const out = [
    "",
    ...wrapWords(`INCOMPLETE: ${parts.join(", ")}`, width, "  ").map((line) => colors.bold(colors.yellow(line))),
  ];
  const lines = [
    ...summary.failedRegions.map(
      (region) => `  region ${place(region.cloud, region.region)} not scanned: ${visibleText(region.error ?? "")}`,
    ),
    ...summary.incompleteCoverage.map(
      (entry) =>
        `  listing ${place(entry.cloud, entry.region)} ${entry.type} ${entry.coverage.status}` +
        `: ${visibleText(coverageGap(entry.coverage))}`,
    ),
    ...result.inconclusive.map(
      (entry) =>
        `  check ${place(entry.cloud, entry.region)} ${visibleText(entry.check)}: ${visibleText(entry.reason)}`,
    ),
  ];
  return [...out, ...lines.flatMap((line) => wrapWords(line, width, "      "))];
}

/** Listings complete within a limit, after the gaps: no check was inconclusive for them, nor is beyond them clear. */
function limitLines(summary: ScanSummary, width: number): string[] {
  if (summary.limitedCoverage.length === 0) return [];
  const lines = summary.limitedCoverage.map(
    (entry) =>
      `  listing ${place(entry.cloud, entry.region)} ${entry.type} ${entry.coverage.status}` +
      `: ${visibleText(coverageGap(entry.coverage))}`,
  );
  return [
    "",
    ...wrapWords(
      `Limits: ${summary.limitedCoverage.length} listing${summary.limitedCoverage.length === 1 ? "" : "s"} complete only within a limit; nothing beyond it was seen`,
      width,
      "  ",
    ),
    ...lines.flatMap((line) => wrapWords(line, width, "      ")),
  ];
}

function criticalLines(
  colors: Colors,
  summary: ScanSummary,
  width: number,
  limit: number,
  showPlace: boolean,
): string[] {
  if (summary.critical.length === 0) return [];
  const shown = summary.critical.slice(0, limit);
  const out = ["", colors.bold(colors.red(`Critical now: ${summary.critical.length}`))];
  for (const finding of shown) {
    const items = [
      `  ${visibleText(finding.check)}:`,
      resourceName(finding),
      `(${finding.resource.type})`,
      ...(showPlace ? [place(finding.resource.cloud, finding.resource.region)] : []),
      ...(projectLabel(finding) === "" ? [] : [projectLabel(finding)]),
      ...(finding.ageSeconds === null ? [] : [`for ${formatAge(finding.ageSeconds)}`]),
    ];
    out.push(...wrapItems(items, " ", width, "      "));
  }
  if (summary.critical.length > shown.length) {
    out.push(colors.dim(`  … ${summary.critical.length - shown.length} more below`));
  }
  return out;
}

function orphanLines(colors: Colors, summary: ScanSummary, width: number, limit: number): string[] {
  if (summary.orphans.length === 0) return [];
  const total = summary.orphans.reduce(
    (sum, group) => ({
      resources: sum.resources + group.cost.resources,
      gib: sum.gib + group.cost.gib,
      vcpus: sum.vcpus + group.cost.vcpus,
      ramMib: sum.ramMib + group.cost.ramMib,
    }),
    { resources: 0, gib: 0, vcpus: 0, ramMib: 0 },
  );
  const out = [
    "",
    ...wrapWords(
      `Left by deleted projects: ${summary.orphans.length} project${summary.orphans.length === 1 ? "" : "s"}, ${total.resources.toLocaleString("en-US")} resources holding ${formatHoldings(total)}`,
      width,
      "  ",
    ).map((line) => colors.bold(line)),
  ];
  const shown = summary.orphans.slice(0, limit);
  for (const group of shown) {
    const age = group.oldestAgeSeconds === null ? "" : `, oldest ${formatAge(group.oldestAgeSeconds)}`;
    out.push(
      ...wrapItems(
        [
          `  ${shortId(visibleText(group.projectId))}`,
          `${place(group.cloud, group.region)}${age}:`,
          ...formatResources(group.cost).map((item, index, all) => (index < all.length - 1 ? `${item},` : item)),
        ],
        " ",
        width,
        "      ",
      ),
      ...commandLines("    $ ", visibleText(group.purge), width, "        ").map((line) => colors.dim(line)),
    );
  }
  if (summary.orphans.length > shown.length) {
    out.push(colors.dim(`  … ${summary.orphans.length - shown.length} more projects (--limit 0 shows all)`));
  }
  return out;
}

/** One line per check: its counts by severity and what its resources hold. */
function perCheckLines(colors: Colors, summary: ScanSummary, width: number): string[] {
  const nameWidth = Math.max(5, ...summary.checks.map((group) => visibleText(group.check).length)) + 2;
  const number = (value: string): string => value.padStart(6);
  const head = `${"check".padEnd(nameWidth)}${SEVERITIES_WORST_FIRST.map((severity) => number(severity.slice(0, 4))).join("")}${number("all")}  holds`;
  const out = ["", colors.bold(head.length > width ? head.slice(0, width) : head)];
  for (const group of summary.checks) {
    const counts = SEVERITIES_WORST_FIRST.map((severity) =>
      group.counts[severity] > 0
        ? paintSeverity(colors, severity, number(String(group.counts[severity])))
        : colors.dim(number("0")),
    ).join("");
    const line = `${visibleText(group.check).padEnd(nameWidth)}${counts}${number(String(group.findings.length))}`;
    const holds = group.cost.gib + group.cost.vcpus + group.cost.ramMib > 0 ? formatHoldings(group.cost) : "";
    const plainLength = nameWidth + 24;
    if (holds === "") out.push(line);
    else if (plainLength + 2 + holds.length <= width) out.push(`${line}  ${colors.dim(holds)}`);
    else out.push(line, ...wrapWords(`    holding ${holds}`, width, "      ").map((l) => colors.dim(l)));
  }
  out.push(
    colors.bold(
      `${"total".padEnd(nameWidth)}${SEVERITIES_WORST_FIRST.map((severity) => number(String(summary.counts[severity]))).join("")}${number(String(summary.total))}`,
    ),
  );
  return out;
}

function findingLines(colors: Colors, finding: Finding, width: number, mixed: boolean, showPlace: boolean): string[] {
  const { resource } = finding;
  const items = [
    `  ● ${resourceName(finding)}`,
    resource.type,
    ...(showPlace ? [place(resource.cloud, resource.region)] : []),
    ...(projectLabel(finding) === "" ? [] : [projectLabel(finding)]),
    ...(finding.ageSeconds === null ? [] : [formatAge(finding.ageSeconds)]),
  ];
  const lines = wrapItems(items, " · ", width, "    ");
  // The severity's colour on the bullet when the check's findings differ in severity.
  if (mixed) lines[0] = lines[0]!.replace("●", paintSeverity(colors, finding.severity, "●"));
  lines.push(...wrapWords(`    ${visibleText(finding.summary)}`, width, "    "));

  const id = visibleText(resource.id);
  const [first, ...alternatives] = finding.remediation;
  const command = first === undefined ? null : openstackCommand(first, resource.id);
  if (command === null || !command.includes(resource.id)) {
    lines.push(...wrapWords(`    id ${id}`, width, "       ").map((l) => colors.dim(l)));
  }
  if (first === undefined) {
    lines.push(colors.dim("    report only: no fix stacksweep would apply"));
  } else {
    // Coloured after wrapping, so that widths count only what shows.
    const destructive = first.destructive ? " · destructive" : "";
    const paint = (line: string): string =>
      line.endsWith(destructive) && destructive !== ""
        ? colors.dim(line.slice(0, -destructive.length)) + colors.red(destructive)
        : colors.dim(line);
    if (command !== null) {
      lines.push(...commandLines("    $ ", visibleText(command), width, "        "));
      lines.push(...wrapWords(`      ${visibleText(first.call)}${destructive}`, width, "        ").map(paint));
    } else {
      lines.push(...wrapWords(`    fix: ${visibleText(first.call)}${destructive}`, width, "        ").map(paint));
    }
    if (alternatives.length > 0) {
      const names = alternatives.map(
        (step) => `${visibleText(step.action)}${step.destructive ? " (destructive)" : ""}`,
      );
      lines.push(
        ...wrapItems(
          ["    or:", ...names.map((n, i) => (i < names.length - 1 ? `${n},` : n))],
          " ",
          width,
          "        ",
        ).map((l) => colors.dim(l)),
      );
    }
  }
  return lines;
}

export function renderTable(result: ScanResult, options: ReportOptions = {}): string {
  const colors = picocolors.createColors(options.color ?? picocolors.isColorSupported);
  const summary = summarizeScan(result);
  const width = Math.max(60, options.width ?? DEFAULT_WIDTH);
  const limit = options.limit === undefined ? DEFAULT_LIMIT : options.limit === 0 ? Infinity : options.limit;
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
    out.push(summary.incomplete ? colors.yellow("No findings in what was seen.") : colors.green("No findings."));
  } else {
    const counts = SEVERITIES_WORST_FIRST.map((severity) =>
      paintSeverity(colors, severity, `${summary.counts[severity]} ${severity}`),
    ).join(", ");
    out.push(`${colors.bold(`${summary.total.toLocaleString("en-US")} findings`)}: ${counts}`);
    out.push(...wrapWords(`Debris: ${costLine(summary.cost)}`, width, "  "));
  }
  out.push(...gapLines(colors, result, summary, width));
  out.push(...limitLines(summary, width));

  // One cloud and region is named in the title line; several are named beside each resource.
  const showPlace = new Set(result.findings.map((f) => place(f.resource.cloud, f.resource.region))).size > 1;
  out.push(...criticalLines(colors, summary, width, limit, showPlace));
  out.push(...orphanLines(colors, summary, width, limit));
  if (summary.total > 0) out.push(...perCheckLines(colors, summary, width));
  if (summary.places.length > 1) {
    out.push("", colors.bold("Per cloud and region"));
    for (const entry of summary.places) {
      out.push(
        ...wrapWords(
          `  ${place(entry.cloud, entry.region)}: ${entry.findings} findings, ${costLine(entry.cost)}`,
          width,
          "      ",
        ),
      );
    }
  }

  if (options.summaryOnly !== true) {
    for (const group of summary.checks) {
      const severities = SEVERITIES_WORST_FIRST.filter((severity) => group.counts[severity] > 0);
      const worst = severities[0] ?? "info";
      const mixed = severities.length > 1;
      out.push(
        "",
        `${paintSeverity(colors, worst, colors.bold(visibleText(group.check)))} (${group.findings.length})` +
          (mixed ? "" : ` ${paintSeverity(colors, worst)}`),
      );
      for (const finding of group.findings.slice(0, limit)) {
        out.push(...findingLines(colors, finding, width, mixed, showPlace));
      }
      if (group.findings.length > limit) {
        out.push(
          colors.dim(`  … ${group.findings.length - limit} more (--limit 0 shows all; -f json has every field)`),
        );
      }
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
