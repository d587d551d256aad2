// `stacksweep history`: what is new, still open and resolved in the recorded scans, and the trend per scan.

import { Command, Option } from "@commander-js/extra-typings";
import Table from "cli-table3";
import pc from "picocolors";
import { ConfigError } from "../config/errors.ts";
import { formatAge } from "../report/format-age.ts";
import { visibleText } from "../report/visible-text.ts";
import { HistoryStore } from "../store/history-store.ts";
import { parseDuration } from "../store/parse-duration.ts";
import type { StoredFinding } from "../store/stored-finding.ts";
import type { TrendPoint } from "../store/stored-scan.ts";

/** Rows shown per section on a terminal; `-f json` has them all. */
const TABLE_ROWS = 50;
/** The table's width when the terminal's is unknown (a pipe, a file), as the scan report's. */
const PIPE_WIDTH = 100;

export interface HistoryReport {
  store: string;
  since: string;
  newFindings: StoredFinding[];
  stillOpen: StoredFinding[];
  resolvedFindings: StoredFinding[];
  trend: TrendPoint[];
}

export function historyCommand() {
  return new Command("history")
    .description("show new, still open and resolved findings and the trend per scan, from the recorded scans")
    .option("--since <duration>", "look back this far (90s, 30m, 24h, 7d, 2w)", "7d")
    .option("--store <path|url>", "history store: SQLite file or postgres:// URL (default: the state directory)")
    .option("--os-cloud <name>", "only this cloud")
    .option("--os-region-name <region>", "only this region")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["table", "json"] as const)
        .default("table" as const),
    )
    .action(async (options) => {
      const sinceSeconds = parseSince(options.since);
      const since = new Date(Date.now() - sinceSeconds * 1000);
      const store = await HistoryStore.open(options.store === undefined ? {} : { location: options.store });
      try {
        const report = await loadHistory(store, since, { cloud: options.osCloud, region: options.osRegionName });
        process.stdout.write(
          options.format === "json"
            ? `${JSON.stringify(report, null, 2)}\n`
            : renderHistoryTable(
                report,
                pc.isColorSupported,
                process.stdout.isTTY ? process.stdout.columns : PIPE_WIDTH,
              ),
        );
      } finally {
        await store.close();
      }
    });
}

export async function loadHistory(
  store: HistoryStore,
  since: Date,
  scope: { cloud?: string | undefined; region?: string | undefined } = {},
): Promise<HistoryReport> {
  const where = {
    ...(scope.cloud === undefined ? {} : { cloud: scope.cloud }),
    ...(scope.region === undefined ? {} : { region: scope.region }),
  };
  // "New" is what the dashboard, /metrics and `scan --store` call new: first seen by the latest scan that saw it,
  // whatever --since says; --since bounds the resolved findings and the trend.
  const [newFindings, open, resolvedFindings, trend] = await Promise.all([
    store.listFindings({ ...where, state: "new" }),
    store.listFindings({ ...where, state: "open" }),
    store.listFindings({ ...where, state: "resolved", since }),
    store.trend({ ...where, since }),
  ]);
  const fresh = new Set(newFindings.map((f) => f.id));
  return {
    store: store.location,
    since: since.toISOString(),
    newFindings,
    stillOpen: open.filter((f) => !fresh.has(f.id)),
    resolvedFindings,
    trend,
  };
}

/**
 * The report as tables no wider than `width` (at least 60): long ids and names wrap inside their cells, and the
 * project and cloud/region go under the resource so that a finding needs five columns, not seven.
 */
export function renderHistoryTable(report: HistoryReport, color: boolean, width = PIPE_WIDTH): string {
  const c = pc.createColors(color);
  const total = Math.max(60, width);
  const severity = (s: string) => (s === "critical" ? c.red(s) : s === "warning" ? c.yellow(s) : c.dim(s));
  const out: string[] = [c.bold(`History since ${report.since} (${visibleText(report.store)})`), ""];
  const section = (title: string, findings: StoredFinding[], when: (f: StoredFinding) => [string, string]) => {
    out.push(c.bold(`${title} (${findings.length})`));
    if (findings.length === 0) {
      out.push("  none", "");
      return;
    }
    // Borders and padding take 3 characters per column and 1; severity, time and age have fixed widths.
    const flexible = total - (3 * 5 + 1) - (8 + 20 + 6);
    const check = Math.max(12, Math.floor(flexible * 0.4));
    const table = new Table({
      head: ["severity", "check", "resource", when(findings[0]!)[0], "age"],
      colWidths: [8, check, flexible - check, 20, 6].map((w) => w + 2),
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: { head: [], border: [] },
    });
    for (const f of findings.slice(0, TABLE_ROWS)) {
      const under = [
        `${f.resource.type} ${visibleText(f.resource.id)}`,
        `project ${visibleText(f.resource.projectId ?? "–")}`,
        `${visibleText(f.resource.cloud)}/${visibleText(f.resource.region)}`,
      ];
      table.push([
        severity(f.severity),
        f.check,
        [visibleText(f.resource.name ?? ""), ...under.map((line) => c.dim(line))].filter((l) => l !== "").join("\n"),
        shortTime(when(f)[1]),
        formatAge(f.ageSeconds),
      ]);
    }
    out.push(table.toString());
    if (findings.length > TABLE_ROWS) out.push(c.dim(`  … ${findings.length - TABLE_ROWS} more (-f json lists all)`));
    out.push("");
  };
  section("New in the latest scan", report.newFindings, (f) => ["first seen", f.openedAt]);
  section("Still open", report.stillOpen, (f) => ["first seen", f.openedAt]);
  section("Resolved", report.resolvedFindings, (f) => ["resolved", f.resolvedAt ?? ""]);

  out.push(c.bold(`Trend (${report.trend.length} scans)`));
  if (report.trend.length === 0) out.push("  no scans recorded in this period", "");
  else {
    const place = total - (3 * 5 + 1) - (20 + 16 + 3 + 8);
    const table = new Table({
      head: ["scan started", "cloud/region", "findings (c/w/i)", "new", "resolved"],
      colWidths: [20, place, 16, 3, 8].map((w) => w + 2),
      wordWrap: true,
      wrapOnWordBoundary: false,
      style: { head: [], border: [] },
    });
    for (const p of report.trend) {
      table.push([
        shortTime(p.startedAt),
        `${visibleText(p.cloud)}/${visibleText(p.region)}${p.ok ? "" : ` ${c.red("failed")}`}`,
        `${p.findings} (${p.bySeverity.critical}/${p.bySeverity.warning}/${p.bySeverity.info})`,
        p.new,
        p.resolved,
      ]);
    }
    out.push(table.toString(), "");
  }
  return `${out.join("\n")}\n`;
}

/** `2025-03-05T10:00:00.120Z` as `2025-03-05 10:00:00Z`: the time to the second, in UTC as stored. */
function shortTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function parseSince(value: string): number {
  try {
    return parseDuration(value, "--since");
  } catch {
    throw new ConfigError({
      file: "command line",
      key: "--since",
      expected: `a duration like 24h, 7d or 2w, got "${value}"`,
    });
  }
}
