import { describe, expect, it } from "vitest";
import { renderPrometheus } from "./prometheus.ts";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the text exposition format 0.0.4 as node exporter's textfile collector applies it: HELP and
 * TYPE before a metric's samples, each metric in one block, valid names, escaped label values, unique series,
 * no timestamps.
 */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  const series = new Set<string>();
  const finished = new Set<string>();
  let current: string | null = null;
  if (!text.endsWith("\n")) throw new Error("no final line feed");
  for (const line of text.slice(0, -1).split("\n")) {
    const comment = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/u.exec(line);
    if (comment !== null) {
      const [, kind, name] = comment as unknown as [string, string, string, string];
      if (name !== current) {
        if (current !== null) finished.add(current);
        if (finished.has(name)) throw new Error(`${name}: metric split into two blocks`);
        current = name;
      }
      if (kind === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(comment[3]!))
          throw new Error(`bad type: ${line}`);
        if (samples.some((sample) => sample.name === name)) throw new Error(`${name}: TYPE after samples`);
        types.set(name, comment[3]!);
      }
      continue;
    }
    const sample =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (\S+)$/u.exec(line);
    if (sample === null) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const [, name, labelText = "", valueText] = sample as unknown as [string, string, string | undefined, string];
    if (name !== current) throw new Error(`${name}: sample outside its block`);
    if (!types.has(name)) throw new Error(`${name}: sample before TYPE`);
    const value = Number(valueText);
    if (Number.isNaN(value) && valueText !== "NaN") throw new Error(`bad value: ${line}`);
    const labels: Record<string, string> = {};
    for (const match of labelText.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/gu)) {
      labels[match[1]!] = match[2]!.replace(/\\(.)/gu, (_, char: string) => (char === "n" ? "\n" : char));
    }
    const key = `${name}${JSON.stringify(labels)}`;
    if (series.has(key)) throw new Error(`duplicate series ${key}`);
    series.add(key);
    samples.push({ name, labels, value });
  }
  return { types, samples };
}

describe("renderPrometheus", () => {
  it("parses strictly and counts findings per check, severity, cloud, region and resource type", () => {
    const result = buildScanResult();
    result.findings.push(
      buildFinding({ check: "orphaned-resource", type: "compute.server", id: "another-orphan", projectExists: false }),
    );
    const { types, samples } = parseExposition(renderPrometheus(result));
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

  it("exports duration, API requests, coverage, inconclusive checks and the scan time", () => {
    const { types, samples } = parseExposition(renderPrometheus(buildScanResult()));
    const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
      samples.find((sample) => sample.name === name && JSON.stringify(sample.labels) === JSON.stringify(labels))?.value;
    expect(value("stacksweep_scan_duration_seconds")).toBe(8.432);
    expect(types.get("stacksweep_api_requests_total")).toBe("counter");
    expect(value("stacksweep_api_requests_total", { cloud: "prod", region: "RegionOne", service: "compute" })).toBe(4);
    expect(
      value("stacksweep_api_request_errors_total", { cloud: "prod", region: "RegionOne", service: "load-balancer" }),
    ).toBe(1);
    expect(
      value("stacksweep_coverage_complete", { cloud: "prod", region: "RegionOne", resource_type: "compute.server" }),
    ).toBe(1);
    expect(
      value("stacksweep_coverage_complete", {
        cloud: "prod",
        region: "RegionOne",
        resource_type: "load-balancer.amphora",
      }),
    ).toBe(0);
    expect(value("stacksweep_checks_inconclusive")).toBe(2);
    expect(value("stacksweep_region_scan_success", { cloud: "edge", region: "fra1" })).toBe(1);
    expect(value("stacksweep_last_scan_timestamp_seconds")).toBe(Date.parse("2025-03-05T10:00:08.432Z") / 1000);
  });

  it("renders hostile label values harmless: escaped, still one sample per line", () => {
    const result = buildScanResult([
      buildFinding({
        check: "volume-error",
        type: "block-storage.volume",
        id: "v1",
        cloud: HOSTILE_NAME,
        region: 'a"b\\c',
      }),
    ]);
    const text = renderPrometheus(result);
    expect(text).not.toContain("\u001b");
    const { samples } = parseExposition(text);
    const finding = samples.find((sample) => sample.name === "stacksweep_findings")!;
    expect(finding.labels.region).toBe('a"b\\c');
    expect(finding.labels.cloud).toContain("<script>alert(1)</script>\\x1b[31mred");
  });
});
