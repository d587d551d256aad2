import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "../scan-result-fixture.ts";
import { renderHtml } from "./render-html.tsx";

function inlineBlocks(html: string, tag: "script" | "style"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, "gu"))].map((match) => match[1]!);
}

describe("renderHtml", () => {
  it("is one self-contained document: nothing is loaded from the network", () => {
    const html = renderHtml(buildScanResult());
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed)\b/u);
    expect(html).not.toMatch(/\s(?:src|href)=/u);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/u);
  });

  it("leads with what the debris costs, the gaps, what is critical and the deleted projects' leftovers", () => {
    const html = renderHtml(buildScanResult());
    const order = ['id="debris"', 'id="gaps"', 'id="critical"', 'id="orphans"', 'id="findings"'].map((marker) =>
      html.indexOf(marker),
    );
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("<strong>100 GiB, 4 vCPU, 8.0 GiB RAM</strong>");
    expect(html).toContain(
      '<code class="command">stacksweep purge --project 0d5e9f3c2b1a4e8d9c7b6a5f4e3d2c1b --os-cloud prod --os-region-name RegionOne</code>',
    );
    expect(html).toContain('<code class="command">openstack server delete 0b6f1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d</code>');
    expect(html).toContain('acme-web<span class="muted"> (customers)</span>');
  });

  it("allows exactly its own inline script and style by hash", () => {
    const html = renderHtml(buildScanResult());
    const policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/u.exec(html)![1]!.replaceAll("&#39;", "'");
    const hash = (text: string): string => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    const [script] = inlineBlocks(html, "script");
    const [style] = inlineBlocks(html, "style");
    expect(policy).toContain(`script-src ${hash(script!)}`);
    expect(policy).toContain(`style-src ${hash(style!)}`);
  });

  it("shows evidence as readable JSON lines, with control characters in values made visible", () => {
    const finding = buildFinding({
      check: "volume-stuck",
      type: "block-storage.volume",
      id: "0b8d6f9e-1c2a-4e3b-9f4d-5a6b7c8d9e0f",
      evidence: { status: "detaching", note: "a\u001b[31mb\u202ec" },
    });
    const html = renderHtml(buildScanResult([finding]));
    const evidence = /<pre>(\{[\s\S]*?\})<\/pre>/u.exec(html)![1]!;
    expect(evidence.split("\n")).toContain("  &quot;status&quot;: &quot;detaching&quot;,");
    expect(evidence).not.toContain("\\n");
    expect(evidence).not.toContain("\u001b");
    expect(evidence).not.toContain("\u202e");
  });

  it("tells a scan complete within limits from an incomplete one", () => {
    const result = buildScanResult();
    result.inconclusive = [];
    result.coverage = result.coverage.filter((entry) => entry.coverage.status !== "forbidden");
    const html = renderHtml(result);
    expect(html).not.toContain("Incomplete scan");
    expect(html).not.toContain("Incomplete listings");
    expect(html).toContain("Every check ran. 2 listings had a limit (below): what lies beyond it was not seen.");
    const limits = html.slice(
      html.indexOf('<table id="limits">'),
      html.indexOf("</table>", html.indexOf('id="limits"')),
    );
    expect(limits).toContain("object-store.container");
    expect(limits).toContain("the accounts of 2 projects (deleted owners)");
    expect(limits).toContain("no load-balancer endpoint in the catalog");
  });

  it("lists every finding once, with counts, chart bars and the scan's gaps", () => {
    const result = buildScanResult();
    const html = renderHtml(result);
    expect(html.match(/<tr class="finding"/gu)).toHaveLength(result.findings.length);
    expect(html).toContain('<strong id="total-count">7</strong>');
    expect(html.match(/<rect /gu)).toHaveLength(6); // one bar per check; each has one severity
    expect(html).toContain("Incomplete scan: 0 regions not scanned, 1 incomplete listings, 1 inconclusive checks");
    expect(html).toContain("HTTP 403 from GET /v2/octavia/amphorae");
    expect(html).toContain("volume.reset-status");
    expect(html).toContain("os-reset_status");
  });

  it("renders a hostile name harmless: escaped text everywhere, no markup, no handler", () => {
    const result = buildScanResult([
      buildFinding({
        check: "volume-error",
        type: "block-storage.volume",
        id: "v1",
        name: HOSTILE_NAME,
        summary: `volume ${HOSTILE_NAME} is in error`,
      }),
    ]);
    const html = renderHtml(result);
    const [script] = inlineBlocks(html, "script");
    expect(inlineBlocks(html, "script")).toHaveLength(1);
    expect(html.replace(script!, "")).not.toContain("alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("\u001b");
    expect(html).not.toMatch(/\son[a-z]+=/iu);
  });
});
