// `stacksweep demo` (what `npm start` runs) as a new user runs it: a child process, stdout a pipe.
import { describe, expect, it } from "vitest";
import { CHECKS } from "../checks/registry.ts";
import { apiOnlyChecks } from "../scan/deep-selection.ts";
import { DEMO_EXPECTED_FINDINGS } from "./scenarios/demo.ts";
import { EXIT } from "./exit-codes.ts";
import { runCli } from "./run-cli.ts";

interface DemoReport {
  findings: { check: string; resource: { type: string; id: string } }[];
  inconclusive: unknown[];
}

describe("stacksweep demo", () => {
  it(
    "reports exactly the planted findings, every API check firing, as JSON and as a table",
    { timeout: 120_000 },
    async () => {
      const [json, table] = await Promise.all([
        runCli(["demo", "-f", "json"], { env: { NO_COLOR: "1" } }),
        runCli(["demo"], { env: { NO_COLOR: "1" } }),
      ]);

      expect(json.code).toBe(EXIT.ok);
      const report = JSON.parse(json.stdout) as DemoReport;
      const found = report.findings.map((f) => `${f.check} ${f.resource.type} ${f.resource.id}`).sort();
      const planted = DEMO_EXPECTED_FINDINGS.map((f) => `${f.check} ${f.resourceType} ${f.resourceId}`).sort();
      // No more, no fewer: every extra one is a false finding, every missing one a blind spot.
      expect(found).toEqual(planted);
      expect(report.inconclusive).toEqual([]);
      const fired = new Set(report.findings.map((f) => f.check));
      // Every check that reads only the APIs: the demo cloud has no source below them.
      const apiChecks = apiOnlyChecks([...CHECKS.values()]).map((check) => check.id);
      expect(apiChecks.filter((check) => !fired.has(check))).toEqual([]);

      // In a pipe (npm start | less, a CI log) a person still reads it: a table, the hint on stderr.
      expect(table.code).toBe(EXIT.ok);
      expect(table.stdout).toMatch(/^stacksweep \S+ — scan of demo\/RegionOne/);
      expect(table.stdout).toContain(`${planted.length} findings`);
      expect(table.stdout).not.toContain("\u001b");
      expect(table.stderr).toContain("stacksweep scan --os-cloud");
      expect(table.stdout).not.toContain("stacksweep scan --os-cloud");
    },
  );
});
