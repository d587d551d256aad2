import { describe, expect, it } from "vitest";
import { renderJson } from "./json.ts";
import { parseScanResult, ScanFileError } from "./parse-scan-result.ts";
import { buildFinding, buildScanResult, HOSTILE_NAME } from "./scan-result-fixture.ts";
import { renderYaml } from "./yaml.ts";

describe("the JSON and YAML reports", () => {
  it("read back into the same scan (JSON)", () => {
    const result = buildScanResult();
    expect(parseScanResult(renderJson(result), "scan.json")).toEqual(result);
  });

  it("read back into the same scan (YAML)", () => {
    const result = buildScanResult();
    expect(parseScanResult(renderYaml(result), "scan.yaml")).toEqual(result);
  });

  it("carry every documented field of a finding", () => {
    const report = JSON.parse(renderJson(buildScanResult())) as { findings: Record<string, unknown>[] } & Record<
      string,
      unknown
    >;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining([
        "schemaVersion",
        "clouds",
        "coverage",
        "inconclusive",
        "findings",
        "requests",
        "durationMs",
      ]),
    );
    const finding = report.findings[0]!;
    expect(Object.keys(finding).sort()).toEqual([
      "ageSeconds",
      "check",
      "evidence",
      "id",
      "remediation",
      "resource",
      "severity",
      "summary",
    ]);
    expect(Object.keys(finding.resource as object).sort()).toEqual([
      "cloud",
      "domainName",
      "holds",
      "id",
      "name",
      "projectExists",
      "projectId",
      "projectName",
      "region",
      "type",
    ]);
  });

  it("render a hostile name harmless (JSON): the name survives exactly, escaped, on one line", () => {
    const result = buildScanResult([
      buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME }),
    ]);
    const text = renderJson(result);
    expect(text).not.toContain("\u001b");
    expect(text.split("\n").filter((line) => line.includes("calc"))).toHaveLength(1);
    expect(parseScanResult(text, "scan.json").findings[0]!.resource.name).toBe(HOSTILE_NAME);
  });

  it("render a hostile name harmless (YAML): the name survives exactly, quoted, on one line", () => {
    const result = buildScanResult([
      buildFinding({ check: "volume-error", type: "block-storage.volume", id: "v1", name: HOSTILE_NAME }),
    ]);
    const text = renderYaml(result);
    expect(text).not.toContain("\u001b");
    expect(text.split("\n").filter((line) => line.includes("calc"))).toEqual([
      expect.stringMatching(/^\s+name: "=cmd/u),
    ]);
    expect(parseScanResult(text, "scan.yaml").findings[0]!.resource.name).toBe(HOSTILE_NAME);
  });
});

describe("parseScanResult", () => {
  it("names the file, the key and what was expected", () => {
    const report = JSON.parse(renderJson(buildScanResult())) as { findings: { severity: string }[] };
    report.findings[2]!.severity = "urgent";
    expect(() => parseScanResult(JSON.stringify(report), "/srv/scans/today.json")).toThrow(
      /^\/srv\/scans\/today\.json: findings\[2\]\.severity: .*"info"\|"warning"\|"critical"/u,
    );
  });

  it("refuses a report of another schema version with a clear message", () => {
    const report = { ...(JSON.parse(renderJson(buildScanResult())) as object), schemaVersion: 2 };
    expect(() => parseScanResult(JSON.stringify(report), "old.json")).toThrow(
      "old.json: schemaVersion: 2 is not supported, expected 1",
    );
  });

  it("refuses a file that is not a report at all", () => {
    expect(() => parseScanResult("{ not json", "x.json")).toThrow(ScanFileError);
    expect(() => parseScanResult("- just\n- a list\n", "x.yaml")).toThrow(/^x\.yaml: \(top level\): /u);
  });
});
