import { describe, expect, it } from "vitest";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";
import { renderTable } from "./table.ts";

const ESC = "\u001b";

describe("renderTable", () => {
  it("summarises each check by severity with totals, worst check first", () => {
    const text = renderTable(buildScanResult(), { color: false });
    const rows = text.split("\n").map((line) =>
      line
        .split("│")
        .map((cell) => cell.trim())
        .filter(Boolean),
    );
    const summaryRow = (check: string): string[] | undefined => rows.find((cells) => cells[0] === check);
    expect(summaryRow("orphaned-resource")).toEqual(["orphaned-resource", "0", "2", "0", "2"]);
    expect(summaryRow("total")).toEqual(["total", "2", "4", "1", "7"]);
    const order = ["loadbalancer-stuck-pending (1)", "orphaned-resource (2)", "floatingip-unassociated (1)"].map(
      (heading) => text.indexOf(heading),
    );
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("groups findings under their check and marks deleted projects and destructive fixes", () => {
    const text = renderTable(buildScanResult(), { color: false });
    const orphans = text.slice(text.indexOf("orphaned-resource (2)"), text.indexOf("security-group-rule-open (1)"));
    expect(orphans).toContain("ci-runner-17");
    expect(orphans).toContain("(deleted)");
    expect(orphans).toContain("server.delete (destructive)");
    expect(orphans).not.toContain("db-data-01");
  });

  it("shows incomplete listings, inconclusive checks, unscanned regions and request counts", () => {
    const result = buildScanResult();
    result.clouds.push({
      cloud: "lab",
      region: "RegionOne",
      scannedAt: result.startedAt,
      error: "authentication failed (HTTP 401)",
    });
    const text = renderTable(result, { color: false });
    expect(text).toContain("Regions not scanned: 1");
    expect(text).toContain("lab/RegionOne: authentication failed (HTTP 401)");
    expect(text).toContain("Incomplete listings: 2");
    expect(text).toContain("prod/RegionOne load-balancer.amphora forbidden: HTTP 403");
    expect(text).toContain("Inconclusive checks (no findings reported for them): 2");
    expect(text).toContain("edge/fra1 loadbalancer-stuck-pending: load-balancer.loadbalancer: absent");
    expect(text).toMatch(/API requests: 17 \(1 failed\), 10\.1 MB — block-storage 6, compute 4/u);
  });

  it("says so when there is nothing to report", () => {
    expect(renderTable(buildScanResult([]), { color: false })).toContain("No findings.");
  });

  it("uses colour only when asked, so NO_COLOR and pipes get plain text", () => {
    expect(renderTable(buildScanResult(), { color: false })).not.toContain(ESC);
    expect(renderTable(buildScanResult(), { color: true })).toContain(`${ESC}[31m`);
  });

  it("renders a hostile name harmless: no terminal escape from the data, no broken rows, nothing cut", () => {
    const finding = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME });
    const text = renderTable(buildScanResult([finding]), { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain("\r");
    const findingsTable = text.slice(text.indexOf("volume-error (1)")).split("\n").slice(1);
    const rows = findingsTable.slice(0, findingsTable.findIndex((line) => line.startsWith("└")) + 1);
    // Every line of the findings table is a table line: the newline in the name did not start a new one.
    for (const line of rows) expect(line).toMatch(/^[┌├│└]/u);
    // The name is shown whole (wrapped over the resource column's lines), with its escapes visible.
    const resourceColumn = rows.map((line) => line.split("│")[1] ?? "").join("");
    expect(resourceColumn.replace(/\s/gu, "")).toContain(
      "=cmd|'/Ccalc'!A0<script>alert(1)</script>\\x1b[31mred\\x1b[0m\\nline2|`tick`[x](http://evil.example)",
    );
  });

  it("fits a 100-column terminal by default (a pipe) and any wider one, long summaries wrapped", () => {
    const long = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v1",
      summary: "word ".repeat(60),
    });
    for (const width of [undefined, 100, 160]) {
      const text = renderTable(buildScanResult([...buildScanResult().findings, long]), {
        color: false,
        ...(width === undefined ? {} : { width }),
      });
      const widest = Math.max(...text.split("\n").map((line) => line.length));
      expect(widest).toBeLessThanOrEqual(width ?? 100);
      expect(widest).toBeGreaterThan((width ?? 100) - 10); // the summary column takes the room there is
      const wordLines = text.split("\n").filter((line) => line.startsWith("│") && line.includes("word"));
      expect(wordLines.length).toBeGreaterThan(1);
    }
  });

  it("keeps every finding's full resource id, even a composite one longer than the column", () => {
    const member = buildFinding({
      check: "image-member-missing",
      type: "image.member",
      id: "de000005-0000-4000-8000-000000000004/5e1f0b7c2a4d4e0f9d3b6a8c1e2f4a6b",
    });
    const result = buildScanResult([...buildScanResult().findings, member]);
    const text = renderTable(result, { color: false });
    const flat = text.replace(/[│\s]/gu, "");
    for (const finding of result.findings) expect(flat).toContain(`id${finding.resource.id}`);
    // The project column shows the short id; the summary line and the JSON keep the full one.
    expect(text).toContain("0d5e9f3c…");
  });

  it("lists one line per check in the summary, with separators only under the header and above the total", () => {
    const text = renderTable(buildScanResult(), { color: false });
    const summaryTable = text.slice(text.indexOf("Findings: 7")).split("\n\n")[0]?.split("\n") ?? [];
    const checks = new Set(buildScanResult().findings.map((finding) => finding.check)).size;
    // title, top border, header, separator, one per check, separator, total, bottom border
    expect(summaryTable).toHaveLength(checks + 7);
    expect(summaryTable.filter((line) => line.startsWith("├"))).toHaveLength(2);
  });
});
