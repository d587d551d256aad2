import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { demoScenario } from "../cli/scenarios/demo.ts";
import { fakeCloudEnvironment } from "../cli/fake-cloud-environment.ts";
import { resolveCloud } from "../config/clouds.ts";
import type { ScanResult } from "../findings/scan-result.ts";
import { apiOnlyChecks } from "../scan/deep-selection.ts";
import { scanClouds } from "../scan/scan-clouds.ts";
import { startFakeCloud, type FakeCloud } from "@stacksweep/fakecloud";
import { escapeInvisibleControls } from "./escape-invisible-controls.ts";
import { jsonReportChunks, renderJson } from "./json.ts";
import { parseScanResult } from "./parse-scan-result.ts";
import { buildFinding, buildScanResult, fixtureFindings } from "./scan-result-fixture.ts";
import { scanResultSchema } from "./scan-result-schema.ts";

// A name that displays as "exe.txt" in a viewer that honours the override, and one that breaks a line in editors.
const REORDERED = "invoice-\u202etxt.exe";
const SEPARATED = "db\u2028data\u2029tier\u2066x\u2069";

/** The report as it was made whole before it was made finding by finding: the bytes the pieces must add up to. */
function wholeReport(result: ScanResult): string {
  return `${escapeInvisibleControls(JSON.stringify(scanResultSchema.parse(result), null, 2))}\n`;
}

describe("renderJson", () => {
  it("writes bidi overrides and line separators as \\u escapes, and the value parses back exact", () => {
    const finding = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v1",
      name: REORDERED,
      summary: SEPARATED,
      evidence: { ["key\u202e"]: SEPARATED },
    });
    const result = buildScanResult([finding]);
    const text = renderJson(result);
    expect(text).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
    expect(text).toContain('"name": "invoice-\\u202etxt.exe"');
    expect(text).toContain("db\\u2028data\\u2029tier\\u2066x\\u2069");
    expect(parseScanResult(text, "scan.json")).toEqual(result);
  });
});

describe("the JSON report made finding by finding", () => {
  it("is byte for byte the whole document of the fixture scan, and of a scan without findings", () => {
    for (const result of [buildScanResult(), buildScanResult([])]) {
      expect([...jsonReportChunks(result)].join("")).toBe(wholeReport(result));
    }
  });

  it("comes in several pieces for many findings, which add up to the whole document", () => {
    // Names with controls in the findings and in the document around them; a stray field outside the schema.
    const findings = Array.from({ length: 3000 }, (_, n) => ({
      ...fixtureFindings()[n % 4]!,
      id: `finding-${n}`,
      summary: `${SEPARATED} ${n}`,
      stray: "not in the schema",
    }));
    const result = buildScanResult(findings);
    result.clouds[0]!.cloud = REORDERED;
    const chunks = [...jsonReportChunks(result)];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join("")).toBe(wholeReport(result));
    expect(chunks.join("")).not.toContain("stray");
  });

  it("fails on a finding outside the schema, as the whole document did", () => {
    const findings = fixtureFindings();
    findings[1] = { ...findings[1]!, severity: "catastrophic" as never };
    expect(() => [...jsonReportChunks(buildScanResult(findings))]).toThrow(/severity/u);
  });

  describe("of the demo cloud's scan", () => {
    let cloud: FakeCloud;
    beforeAll(async () => {
      cloud = await startFakeCloud({ scenario: demoScenario() });
    });
    afterAll(async () => cloud.close());

    it("is byte for byte the whole document", async () => {
      const resolved = await resolveCloud({ env: fakeCloudEnvironment(cloud.cloudsYamlEntry()) });
      const result = await scanClouds([{ cloud: { ...resolved, name: "demo" }, allRegions: false }], {
        checks: apiOnlyChecks([...CHECKS.values()]),
      });
      expect(result.findings.length).toBeGreaterThan(40);
      expect(renderJson(result)).toBe(wholeReport(result));
    });
  });
});
