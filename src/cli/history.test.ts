import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HistoryStore } from "../store/history-store.ts";
import { testFinding, testScanResult } from "../store/testing/scan-result-builder.ts";
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
      expect(table).toMatch(/New \(1\)[\s\S]*Still open \(1\)[\s\S]*Resolved \(1\)[\s\S]*Trend \(2 scans\)/);
    } finally {
      await store.close();
    }
  });
});
