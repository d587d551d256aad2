import { describe, expect, it } from "vitest";
import { parseScanResult } from "./parse-scan-result.ts";
import { buildFinding, buildScanResult } from "./scan-result-fixture.ts";
import { renderYaml } from "./yaml.ts";

const REORDERED = "invoice-\u202etxt.exe";
const SEPARATED = "db\u2028data\u2029tier\u2066x\u2069";

describe("renderYaml", () => {
  it("writes bidi overrides and line separators as escapes in double quotes, and the value parses back exact", () => {
    const finding = buildFinding({
      check: "volume-error",
      type: "block-storage.volume",
      id: "v1",
      name: REORDERED,
      summary: SEPARATED,
      evidence: { ["key\u202e"]: [SEPARATED] },
    });
    const result = buildScanResult([finding]);
    const text = renderYaml(result);
    expect(text).not.toMatch(/[\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
    expect(text).toContain('name: "invoice-\\u202etxt.exe"');
    expect(parseScanResult(text, "scan.yaml")).toEqual(result);
  });

  it("leaves ordinary strings plain", () => {
    const text = renderYaml(buildScanResult());
    expect(text).toContain("check: orphaned-resource");
  });
});
