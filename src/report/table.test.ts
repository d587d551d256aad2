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

  it("renders a hostile name harmless: no terminal escape from the data, no broken rows", () => {
    const finding = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME });
    const text = renderTable(buildScanResult([finding]), { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain("\r");
    expect(text).toContain("\\x1b[31mred\\x1b[0m\\nline2");
    // Every line of the findings table is a table line: the newline in the name did not start a new one.
    const findingsTable = text.slice(text.indexOf("volume-error (1)")).split("\n").slice(1, 6);
    for (const line of findingsTable) expect(line).toMatch(/^[┌├│└]/u);
  });

  it("wraps long summaries to the terminal width", () => {
    const finding = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v1",
      summary: "word ".repeat(60),
    });
    const lines = renderTable(buildScanResult([finding]), { color: false, width: 160 }).split("\n");
    const tableLines = lines.filter((line) => line.startsWith("│") && line.includes("word"));
    expect(tableLines.length).toBeGreaterThan(1);
  });
});
