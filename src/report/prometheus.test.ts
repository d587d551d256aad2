import { describe, expect, it } from "vitest";
import { renderPrometheus } from "./prometheus.ts";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";
import { parseExposition } from "../../test/support/report/parse-exposition.ts";

describe("renderPrometheus", () => {
  it("parses strictly and counts findings per check, severity, cloud, region and resource type", async () => {
    const result = buildScanResult();
    result.findings.push(
      buildFinding({ check: "orphaned-resource", type: "compute.server", id: "another-orphan", projectExists: false }),
    );
    const { types, samples } = parseExposition(await renderPrometheus(result));
    expect(types.get("stacksweep_findings")).toBe("gauge");
    const findings = samples.filter((sample) => sample.name === "stacksweep_findings");
    expect(findings.reduce((sum, sample) => sum + sample.value, 0)).toBe(result.findings.length);
    expect(findings).toContainEqual({
      name: "stacksweep_findings",
      labels: {
        check: "orphaned-resource",
        severity: "warning",
        cloud: "prod",
        region: "RegionOne",
        resource_type: "compute.server",
      },
      value: 2,
    });
  });

  it("exports per region the scan time, duration, coverage and inconclusive checks as gauges, requests as counters", async () => {
    const { types, samples } = parseExposition(await renderPrometheus(buildScanResult()));
    const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
      samples.find((sample) => sample.name === name && JSON.stringify(sample.labels) === JSON.stringify(labels))?.value;
    const prod = { cloud: "prod", region: "RegionOne" };
    expect(types.get("stacksweep_scan_duration_seconds")).toBe("gauge");
    expect(value("stacksweep_scan_duration_seconds", prod)).toBe(8.432);
    expect(types.get("stacksweep_api_requests_total")).toBe("counter");
    expect(value("stacksweep_api_requests_total", { ...prod, service: "compute" })).toBe(4);
    expect(value("stacksweep_api_request_errors_total", { ...prod, service: "load-balancer" })).toBe(1);
    expect(value("stacksweep_coverage_incomplete", prod)).toBe(1);
    expect(value("stacksweep_checks_inconclusive", prod)).toBe(1);
    expect(value("stacksweep_region_scan_success", { cloud: "edge", region: "fra1" })).toBe(1);
    expect(value("stacksweep_last_scan_timestamp_seconds", prod)).toBe(Date.parse("2025-03-05T10:00:00.120Z") / 1000);
    expect(value("stacksweep_last_successful_scan_timestamp_seconds", prod)).toBe(
      Date.parse("2025-03-05T10:00:00.120Z") / 1000,
    );
    expect(types.get("stacksweep_scans_total")).toBe("counter");
    expect(value("stacksweep_scans_total", { ...prod, outcome: "incomplete" })).toBe(1);
    // Without the history nothing tells a new finding from an old one: no series rather than a false one.
    expect(samples.some((sample) => sample.name === "stacksweep_findings_new")).toBe(false);
  });

  it("with the history, exports the new findings and a failed region's last successful scan", async () => {
    const result = buildScanResult();
    result.clouds.push({ cloud: "lab", region: "RegionOne", scannedAt: result.startedAt, error: "HTTP 401" });
    const [critical] = result.findings.filter((finding) => finding.severity === "critical");
    const { samples } = parseExposition(
      await renderPrometheus(result, {
        newFindings: [critical!],
        lastSuccessAt: [{ cloud: "lab", region: "RegionOne", lastSuccessAt: "2025-03-04T02:00:00.000Z" }],
      }),
    );
    const value = (name: string, labels: Record<string, string>): number | undefined =>
      samples.find((sample) => sample.name === name && JSON.stringify(sample.labels) === JSON.stringify(labels))?.value;
    const where = { cloud: critical!.resource.cloud, region: critical!.resource.region };
    expect(value("stacksweep_findings_new", { ...where, severity: "critical" })).toBe(1);
    expect(value("stacksweep_findings_new", { ...where, severity: "warning" })).toBe(0);
    const lab = { cloud: "lab", region: "RegionOne" };
    expect(value("stacksweep_region_scan_success", lab)).toBe(0);
    expect(value("stacksweep_last_successful_scan_timestamp_seconds", lab)).toBe(
      Date.parse("2025-03-04T02:00:00.000Z") / 1000,
    );
  });

  it("renders hostile label values harmless: escaped, still one sample per line", async () => {
    const result = buildScanResult([
      buildFinding({
        check: "volume-error",
        type: "block-storage.volume",
        id: "v1",
        cloud: HOSTILE_NAME,
        region: 'a"b\\c',
      }),
    ]);
    const text = await renderPrometheus(result);
    expect(text).not.toContain("\u001b");
    const { samples } = parseExposition(text);
    const finding = samples.find((sample) => sample.name === "stacksweep_findings")!;
    expect(finding.labels.region).toBe('a"b\\c');
    expect(finding.labels.cloud).toContain("<script>alert(1)</script>\\x1b[31mred");
  });
});
