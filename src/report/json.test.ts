import { describe, expect, it } from "vitest";
import { renderJson } from "./json.ts";
import { parseScanResult } from "./parse-scan-result.ts";
import { buildFinding, buildScanResult } from "./scan-result-fixture.ts";

// A name that displays as "exe.txt" in a viewer that honours the override, and one that breaks a line in editors.
const REORDERED = "invoice-\u202etxt.exe";
const SEPARATED = "db\u2028data\u2029tier\u2066x\u2069";

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
