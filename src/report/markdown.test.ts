import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.ts";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";

/** Splits a GFM table row into cells the way GFM does: on every `|` not escaped by a backslash. */
function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/u)
    .map((cell) => cell.trim());
}

describe("renderMarkdown", () => {
  it("starts with a summary table of counts per check and severity", () => {
    const text = renderMarkdown(buildScanResult());
    const lines = text.split("\n");
    const header = lines.findIndex((line) => line.startsWith("| check | critical | warning | info | total |"));
    expect(header).toBeGreaterThan(0);
    expect(cells(lines.find((line) => line.startsWith("| orphaned-resource |"))!)).toEqual([
      "orphaned-resource",
      "0",
      "2",
      "0",
      "2",
    ]);
    expect(cells(lines.find((line) => line.startsWith("| **total**"))!)).toEqual([
      "**total**",
      "**2**",
      "**4**",
      "**1**",
      "**7**",
    ]);
  });

  it("has one section per check with its findings, and the scan's gaps", () => {
    const text = renderMarkdown(buildScanResult());
    const section = text.slice(text.indexOf("## orphaned-resource (2)"), text.indexOf("## security-group-rule-open"));
    expect(section.split("\n").filter((line) => line.startsWith("| warning |"))).toHaveLength(2);
    expect(section).toContain("**(deleted)**");
    expect(text).toContain("> **Incomplete scan:** 2 inconclusive checks, 2 incomplete listings");
    expect(text).toContain("## Inconclusive checks");
    expect(text).toContain("| prod/RegionOne | amphora-error | load-balancer.amphora: forbidden |");
  });

  it("renders a hostile name harmless: no HTML, no link, no broken table row", () => {
    const finding = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME });
    const text = renderMarkdown(buildScanResult([finding]));
    const row = text.split("\n").find((line) => line.includes("calc"))!;
    expect(cells(row)).toHaveLength(7); // the `|` in the name did not add a cell
    expect(text).not.toContain("\u001b");
    expect(text).not.toMatch(/(?<!\\)<script/u); // every < is escaped
    expect(text).not.toMatch(/(?<!\\)\]\(/u); // no [text](url)
    expect(text).not.toMatch(/(?<!\\)`/u); // no code span
    expect(text).not.toMatch(/http:\/\//u); // no autolink
    expect(row).toContain("\\<script\\>alert\\(1\\)\\</script\\>");
  });
});
