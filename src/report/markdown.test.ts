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
  it("leads with the totals, what the debris costs, the gaps, what is critical and the deleted projects", () => {
    const text = renderMarkdown(buildScanResult());
    const order = [
      "**7 findings**: 2 critical, 4 warning, 1 info.",
      "**What the debris costs:** 7 resources holding 100 GiB, 4 vCPU, 8.0 GiB RAM.",
      "> **Incomplete scan:**",
      "### Incomplete listings",
      "### Limits of the listings",
      "### Inconclusive checks",
      "### Critical now (2)",
      "### Left by deleted projects (1)",
      "### Per check",
      "## loadbalancer-stuck-pending (1)",
      "## API requests",
    ].map((heading) => text.indexOf(heading));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain("| prod/RegionOne | amphora-error | load-balancer.amphora: forbidden |");
    // A listing complete within a limit is shown under its limit, never among the incomplete ones.
    const incomplete = text.slice(text.indexOf("### Incomplete listings"), text.indexOf("### Limits of the listings"));
    expect(incomplete).toContain("load-balancer.amphora");
    expect(incomplete).not.toContain("object-store.container");
    expect(incomplete).not.toContain("absent");
    const limits = text.slice(text.indexOf("### Limits of the listings"), text.indexOf("### Inconclusive checks"));
    expect(limits).toContain("| edge/fra1 | object-store.container | complete | the accounts of 2 projects");
    expect(limits).toContain(
      "| edge/fra1 | load-balancer.loadbalancer | absent | no load-balancer endpoint in the catalog |",
    );
  });

  it("counts per check and severity with what each check's resources hold", () => {
    const lines = renderMarkdown(buildScanResult()).split("\n");
    expect(
      lines.findIndex((line) => line.startsWith("| check | critical | warning | info | total | holds |")),
    ).toBeGreaterThan(0);
    expect(cells(lines.find((line) => line.startsWith("| orphaned-resource |"))!)).toEqual([
      "orphaned-resource",
      "0",
      "2",
      "0",
      "2",
      "4 vCPU, 8.0 GiB RAM",
    ]);
    expect(cells(lines.find((line) => line.startsWith("| **total**"))!)).toEqual([
      "**total**",
      "**2**",
      "**4**",
      "**1**",
      "**7**",
      "**100 GiB, 4 vCPU, 8.0 GiB RAM**",
    ]);
  });

  it("groups deleted projects' leftovers with the purge command, and gives the openstack command per finding", () => {
    const text = renderMarkdown(buildScanResult());
    const orphans = text.split("\n").find((line) => line.startsWith("| 0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b |"))!;
    expect(cells(orphans)).toEqual([
      "0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b",
      "prod/RegionOne",
      "40d",
      "4 vCPU, 8.0 GiB RAM",
      "1 server, 1 floatingip",
      "` stacksweep purge --project 0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b --os-cloud prod --os-region-name RegionOne `",
    ]);
    const section = text.slice(text.indexOf("## orphaned-resource (2)"), text.indexOf("## security-group-rule-open"));
    expect(section.split("\n").filter((line) => line.startsWith("| warning |"))).toHaveLength(2);
    expect(section).toContain("**(deleted)**");
    expect(section).toContain(
      "` openstack server delete 0b6f1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d `<br>DELETE /servers/\\{id\\} ⚠ destructive",
    );
    expect(text).toContain("acme-web (customers)<br>7a2c4b9e0f1d4c6a8b3e5d7f9a1c3e5b");
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
