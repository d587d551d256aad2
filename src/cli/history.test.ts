import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HistoryStore } from "../store/history-store.ts";
import { testFinding, testScanResult } from "../../test/support/store/scan-result-builder.ts";
import { ConfigError } from "../config/errors.ts";
import { historyCommand, loadHistory, renderHistoryTable } from "./history.ts";

const execFileAsync = promisify(execFile);
const main = fileURLToPath(new URL("./main.ts", import.meta.url));

describe("stacksweep history", () => {
  let dir: string;
  let path: string;
  const now = Date.now();
  const hoursAgo = (h: number) => new Date(now - h * 3600_000).toISOString();
  const kept = testFinding({ resourceId: "vol-old", severity: "critical" });
  const gone = testFinding({ resourceId: "vol-gone" });
  const fresh = testFinding({ resourceId: "vol-new", name: "\u001b[31mred\u001b[0m <b>x</b>", severity: "info" });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "stacksweep-history-"));
    path = join(dir, "history.sqlite");
    const store = await HistoryStore.open({ location: path });
    await store.recordScan(testScanResult({ at: hoursAgo(24 * 10), findings: [kept, gone] }));
    await store.recordScan(testScanResult({ at: hoursAgo(48), findings: [kept, gone] }));
    await store.recordScan(
      testScanResult({
        at: hoursAgo(24),
        findings: [kept, fresh],
        checks: [kept.check],
        completeTypes: ["block-storage.volume"],
      }),
    );
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints new, still open and resolved findings and the trend as JSON", async () => {
    const { stdout } = await execFileAsync(process.execPath, [
      "--import",
      "tsx",
      main,
      "history",
      "--store",
      path,
      "--since",
      "3d",
      "-f",
      "json",
    ]);
    const report = JSON.parse(stdout) as {
      newFindings: { id: string }[];
      stillOpen: { id: string; timesSeen: number }[];
      resolvedFindings: { id: string }[];
      trend: { findings: number; new: number; resolved: number }[];
    };
    expect(report.newFindings.map((f) => f.id)).toEqual([fresh.id]);
    expect(report.stillOpen.map((f) => [f.id, f.timesSeen])).toEqual([[kept.id, 3]]);
    expect(report.resolvedFindings.map((f) => f.id)).toEqual([gone.id]);
    // The 10-day-old scan is outside --since 3d.
    expect(report.trend.map((p) => [p.findings, p.new, p.resolved])).toEqual([
      [2, 0, 0],
      [2, 1, 1],
    ]);
  });

  it("rejects a malformed --since with one line naming it", async () => {
    const run = historyCommand().parseAsync(["--store", path, "--since", "yesterday"], { from: "user" });
    await expect(run).rejects.toThrow(ConfigError);
    await expect(historyCommand().parseAsync(["--since", "yesterday"], { from: "user" })).rejects.toThrow(
      'command line: --since: a duration like 24h, 7d or 2w, got "yesterday"',
    );
  });

  it("shows hostile names as inert text on a terminal", async () => {
    const store = await HistoryStore.open({ location: path });
    try {
      const table = renderHistoryTable(await loadHistory(store, new Date(now - 72 * 3600_000)), true);
      expect(table).toContain("\\x1b[31mred\\x1b[0m <b>x</b>");
      expect(table).not.toContain("\u001b[31mred");
      expect(table).toMatch(
        /New in the latest scan \(1\)[\s\S]*Still open \(1\)[\s\S]*Resolved \(1\)[\s\S]*Trend \(2 scans\)/,
      );
    } finally {
      await store.close();
    }
  });

  it("counts new, still open and resolved as the scan's summary (and so serve) does, whatever --since says", async () => {
    const other = join(dir, "agree.sqlite");
    const store = await HistoryStore.open({ location: other });
    try {
      const a = testFinding({ resourceId: "vol-a" });
      const b = testFinding({ resourceId: "vol-b" });
      const c = testFinding({ resourceId: "vol-c" });
      await store.recordScan(testScanResult({ at: hoursAgo(24 * 10), findings: [a] }));
      await store.recordScan(testScanResult({ at: hoursAgo(48), findings: [a, b] }));
      const summary = await store.recordScan(testScanResult({ at: hoursAgo(24), findings: [a, b, c] }));
      const report = await loadHistory(store, new Date(now - 7 * 24 * 3600_000));
      expect([report.newFindings.length, report.stillOpen.length, report.resolvedFindings.length]).toEqual([
        summary.newFindings.length,
        summary.stillOpen.length,
        summary.resolvedFindings.length,
      ]);
      expect(report.newFindings.map((f) => f.id)).toEqual([c.id]);
    } finally {
      await store.close();
    }
  });

  it("fits its tables in an 80-column terminal and in the 100 columns of a pipe", async () => {
    const store = await HistoryStore.open({ location: path });
    try {
      const report = await loadHistory(store, new Date(now - 30 * 24 * 3600_000));
      for (const width of [80, 100]) {
        // The tables; the title names the store's path, which is as long as it is.
        const lines = renderHistoryTable(report, false, width)
          .split("\n")
          .filter((line) => /^[┌│├└]/.test(line));
        expect(lines.length).toBeGreaterThan(10);
        expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(width);
        // Long ids wrap inside their cell rather than being cut.
        expect(lines.join("").replace(/[\s│|]/g, "")).toContain(kept.resource.id.slice(0, 6));
      }
    } finally {
      await store.close();
    }
  });
});
