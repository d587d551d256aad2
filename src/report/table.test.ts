import { describe, expect, it } from "vitest";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";
import { renderTable } from "./table.ts";

const ESC = "\u001b";

function lines(text: string): string[] {
  return text.split("\n");
}

describe("renderTable", () => {
  it("leads with the totals, what the debris holds, the gaps, what is critical and the deleted projects", () => {
    const text = renderTable(buildScanResult(), { color: false });
    const at = (heading: string): number => text.indexOf(heading);
    expect(text).toContain("7 findings: 2 critical, 4 warning, 1 info");
    expect(text).toContain("Debris: 7 resources holding 100 GiB, 4 vCPU, 8.0 GiB RAM");
    const order = [
      "7 findings",
      "INCOMPLETE",
      "Critical now: 2",
      "Left by deleted projects: 1 project",
      "\ncheck ",
      "loadbalancer-stuck-pending (1)",
      "API requests",
    ].map(at);
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("counts each check by severity, worst check first, with what its resources hold", () => {
    const text = renderTable(buildScanResult(), { color: false });
    const row = (check: string): string[] | undefined =>
      lines(text)
        .find((line) => line.startsWith(`${check} `))
        ?.trim()
        .split(/\s{2,}/u);
    expect(row("orphaned-resource")).toEqual(["orphaned-resource", "0", "2", "0", "2", "4 vCPU, 8.0 GiB RAM"]);
    expect(row("volume-attached-to-missing-server")?.at(-1)).toBe("100 GiB");
    expect(row("total")).toEqual(["total", "2", "4", "1", "7"]);
  });

  it("groups deleted projects' leftovers with what they hold and the purge command", () => {
    const text = renderTable(buildScanResult(), { color: false });
    const section = text.slice(text.indexOf("Left by deleted projects"), text.indexOf("\n\n", text.indexOf("Left by")));
    expect(section).toContain("1 project, 2 resources holding 4 vCPU, 8.0 GiB RAM");
    expect(section).toContain("0d5e9f3c… prod/RegionOne, oldest 40d: 1 server, 1 floatingip");
    expect(section.replace(/ \\\n\s+/gu, " ")).toContain(
      "$ stacksweep purge --project 0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b --os-cloud prod --os-region-name RegionOne",
    );
  });

  it("shows the openstack command beside the API call, and names and domains beside project ids", () => {
    const text = renderTable(buildScanResult(), { color: false });
    expect(text).toContain("$ openstack server delete 0b6f1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d");
    expect(text).toContain("DELETE /servers/{id} · destructive");
    expect(text).toContain("project acme-web (customers) 7a2c4b9e…");
    expect(text).toContain("project 0d5e9f3c… (deleted)");
    // A step python-openstackclient has no command for shows its API call as the fix.
    expect(text).toMatch(/\$ openstack loadbalancer failover 7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a/u);
  });

  it("puts the incomplete listings, inconclusive checks and unscanned regions at the top", () => {
    const result = buildScanResult();
    result.clouds.push({
      cloud: "lab",
      region: "RegionOne",
      scannedAt: result.startedAt,
      error: "authentication failed (HTTP 401)",
    });
    const text = renderTable(result, { color: false });
    expect(text).toContain("INCOMPLETE: 1 regions not scanned, 1 listings incomplete, 1 checks inconclusive");
    expect(text).toContain("region lab/RegionOne not scanned: authentication failed (HTTP 401)");
    expect(text).toContain("listing prod/RegionOne load-balancer.amphora forbidden: HTTP 403");
    expect(text).toContain("check prod/RegionOne amphora-error: load-balancer.amphora: forbidden");
    expect(text.indexOf("INCOMPLETE")).toBeLessThan(text.indexOf("Critical now"));
    expect(text).toMatch(/API requests: 17 \(1 failed\), 10\.1 MB — block-storage 6, compute 4/u);
  });

  it("lists the listings complete within a limit apart from the gaps, and never as incomplete", () => {
    const result = buildScanResult();
    result.clouds = result.clouds.filter((region) => region.cloud === "edge");
    result.coverage = result.coverage.filter((entry) => entry.cloud === "edge");
    result.inconclusive = [];
    const text = renderTable(result, { color: false, width: 200 });
    expect(text).not.toContain("INCOMPLETE");
    expect(text).toContain("Limits: 2 listings complete only within a limit; nothing beyond it was seen");
    expect(text).toContain(
      "listing edge/fra1 load-balancer.loadbalancer absent: no load-balancer endpoint in the catalog",
    );
    expect(text).toMatch(/listing edge\/fra1 object-store\.container complete: the accounts of 2 projects/u);
  });

  it("says so when there is nothing to report, and that an incomplete scan is no all-clear", () => {
    const clean = buildScanResult([]);
    clean.inconclusive = [];
    clean.coverage = [];
    expect(renderTable(clean, { color: false })).toContain("No findings.");
    expect(renderTable(buildScanResult([]), { color: false })).toContain("No findings in what was seen.");
  });

  it("with summaryOnly leaves out the per-check findings; with a limit counts what it leaves out", () => {
    const result = buildScanResult([
      ...buildScanResult().findings,
      ...[1, 2, 3].map((n) => buildFinding({ check: "volume-error", type: "block-storage.volume", id: `v${n}` })),
    ]);
    const summary = renderTable(result, { color: false, summaryOnly: true });
    expect(summary).toContain("Critical now: 2");
    expect(summary).not.toContain("volume-error (4)");
    expect(lines(summary).length).toBeLessThan(lines(renderTable(result, { color: false })).length);
    const limited = renderTable(result, { color: false, limit: 1 });
    expect(limited).toContain("… 3 more (--limit 0 shows all; -f json has every field)");
    expect(renderTable(result, { color: false, limit: 0 })).not.toContain("more (--limit 0");
  });

  it("uses colour only when asked, so NO_COLOR and pipes get plain text", () => {
    expect(renderTable(buildScanResult(), { color: false })).not.toContain(ESC);
    expect(renderTable(buildScanResult(), { color: true })).toContain(`${ESC}[31m`);
  });

  it("renders a hostile name harmless: no terminal escape from the data, no forged line, nothing cut", () => {
    const finding = buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME });
    const text = renderTable(buildScanResult([finding]), { color: false });
    expect(text).not.toContain(ESC);
    expect(text).not.toContain("\r");
    expect(lines(text).some((line) => line.startsWith("line2"))).toBe(false);
    expect(text.replace(/\s/gu, "")).toContain(
      "=cmd|'/Ccalc'!A0<script>alert(1)</script>\\x1b[31mred\\x1b[0m\\nline2|`tick`[x](http://evil.example)",
    );
  });

  it("fits 80 columns by default (a pipe) and any other width, long summaries and commands wrapped", () => {
    const long = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v1",
      summary: "word ".repeat(60),
    });
    for (const width of [undefined, 60, 100, 160]) {
      const text = renderTable(buildScanResult([...buildScanResult().findings, long]), {
        color: false,
        ...(width === undefined ? {} : { width }),
      });
      const widest = Math.max(...lines(text).map((line) => line.length));
      expect(widest).toBeLessThanOrEqual(width ?? 80);
      expect(lines(text).filter((line) => line.includes("word")).length).toBeGreaterThan(1);
    }
  });

  it("keeps every finding's full resource id, even a composite one", () => {
    const member = buildFinding({
      check: "image-member-missing",
      type: "image.member",
      id: "de000005-0000-4000-8000-000000000004/5e1f0b7c2a4d4e0f9d3b6a8c1e2f4a6b",
    });
    const result = buildScanResult([...buildScanResult().findings, member]);
    const flat = renderTable(result, { color: false }).replace(/\s|\\/gu, "");
    for (const finding of result.findings) expect(flat).toContain(finding.resource.id);
  });
});
