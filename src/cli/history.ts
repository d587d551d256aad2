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
            : renderHistoryTable(report, pc.isColorSupported),
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
  const [newFindings, open, resolvedFindings, trend] = await Promise.all([
    store.listFindings({ ...where, state: "new", since }),
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

export function renderHistoryTable(report: HistoryReport, color: boolean): string {
  const c = pc.createColors(color);
  const severity = (s: string) => (s === "critical" ? c.red(s) : s === "warning" ? c.yellow(s) : c.dim(s));
  const out: string[] = [c.bold(`History since ${report.since} (${visibleText(report.store)})`), ""];
  const section = (title: string, findings: StoredFinding[], when: (f: StoredFinding) => [string, string]) => {
    out.push(c.bold(`${title} (${findings.length})`));
    if (findings.length === 0) {
      out.push("  none", "");
      return;
    }
    const table = new Table({
      head: ["severity", "check", "resource", "project", "cloud/region", when(findings[0]!)[0], "age"],
      style: { head: [], border: [] },
    });
    for (const f of findings.slice(0, TABLE_ROWS)) {
      table.push([
        severity(f.severity),
        f.check,
        `${visibleText(f.resource.name ?? "")} ${c.dim(`${f.resource.type} ${visibleText(f.resource.id)}`)}`.trim(),
        visibleText(f.resource.projectId ?? "–"),
        `${visibleText(f.resource.cloud)}/${visibleText(f.resource.region)}`,
        when(f)[1],
        formatAge(f.ageSeconds),
      ]);
    }
    out.push(table.toString());
    if (findings.length > TABLE_ROWS) out.push(c.dim(`  … ${findings.length - TABLE_ROWS} more (-f json lists all)`));
    out.push("");
  };
  section("New", report.newFindings, (f) => ["first seen", f.openedAt]);
  section("Still open", report.stillOpen, (f) => ["first seen", f.openedAt]);
  section("Resolved", report.resolvedFindings, (f) => ["resolved", f.resolvedAt ?? ""]);

  out.push(c.bold(`Trend (${report.trend.length} scans)`));
  if (report.trend.length === 0) out.push("  no scans recorded in this period", "");
  else {
    const table = new Table({
      head: ["scan started", "cloud/region", "findings", "critical", "warning", "info", "new", "resolved", "status"],
      style: { head: [], border: [] },
    });
    for (const p of report.trend) {
      table.push([
        p.startedAt,
        `${visibleText(p.cloud)}/${visibleText(p.region)}`,
        p.findings,
        p.bySeverity.critical,
        p.bySeverity.warning,
        p.bySeverity.info,
        p.new,
        p.resolved,
        p.ok ? "ok" : c.red("failed"),
      ]);
    }
    out.push(table.toString(), "");
  }
  return `${out.join("\n")}\n`;
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
