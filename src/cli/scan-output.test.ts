import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { testDirectory } from "../../test/support/test-directory.ts";
import { buildScanResult, fixtureFindings } from "../report/scan-result-fixture.ts";
import { renderReport } from "../report/render-report.ts";
import { deliverReport } from "./scan-output.ts";

// deliverReport reads only these of stdout when the report goes to a file.
const stdout = { isTTY: false, columns: 0, write: () => true } as unknown as NodeJS.WriteStream;

describe("a report written with -o", () => {
  let folder: string;
  beforeEach(() => {
    folder = testDirectory("output");
  });

  it("holds exactly the rendered report, in every format", async () => {
    const result = buildScanResult();
    for (const [file, format] of [
      ["report.json", "json"],
      ["report.csv", "csv"],
      ["report.md", "markdown"],
    ] as const) {
      const path = join(folder, file);
      await deliverReport(result, { output: path }, stdout);
      expect(await readFile(path, "utf8")).toBe(await renderReport(result, format, { color: false }));
    }
  });

  it("leaves the previous report whole, and nothing beside it, when a finding cannot be written", async () => {
    const path = join(folder, "report.json");
    await writeFile(path, "yesterday's report");
    // Many findings, so that the report comes in several pieces, and one late finding the schema refuses.
    const findings = Array.from({ length: 3000 }, (_, n) => ({ ...fixtureFindings()[n % 4]!, id: `finding-${n}` }));
    findings[2900] = { ...findings[2900]!, severity: "catastrophic" as never };
    await expect(deliverReport(buildScanResult(findings), { output: path }, stdout)).rejects.toThrow(/severity/u);
    expect(await readFile(path, "utf8")).toBe("yesterday's report");
    expect(await readdir(folder)).toEqual(["report.json"]);
  });
});
