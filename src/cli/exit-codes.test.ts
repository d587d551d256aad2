// One precedence of exit codes, each one reached the way an operator would reach it.
import { describe, expect, it } from "vitest";
import type { ScanResult } from "../findings/scan-result.ts";
import { startFakeCloud } from "@stacksweep/fakecloud";
import { buildScanResult } from "../report/scan-result-fixture.ts";
import { EXIT } from "./exit-codes.ts";
import { runCli } from "./run-cli.ts";
import { scanExitCode } from "./scan-output.ts";

/** The fixture scan: findings up to critical, and two inconclusive checks. */
function scan(change: (result: ScanResult) => void = () => undefined): ScanResult {
  const result = buildScanResult();
  change(result);
  return result;
}

describe("scan exit codes", () => {
  it("3 when a region could not be scanned, whatever else the scan holds", () => {
    const result = scan((r) =>
      r.clouds.push({ cloud: "prod", region: "RegionThree", scannedAt: r.startedAt, error: "timeout" }),
    );
    expect(scanExitCode(result, "info")).toBe(EXIT.unreachable);
  });

  it("4 when some check was inconclusive, even when findings reach --fail-on", () => {
    expect(scanExitCode(scan(), "critical")).toBe(EXIT.incomplete);
  });

  it("1 when a complete scan has a finding at or above --fail-on; 0 below it or without --fail-on", () => {
    const complete = scan((r) => (r.inconclusive = []));
    expect(scanExitCode(complete, "critical")).toBe(EXIT.findings);
    expect(
      scanExitCode(
        scan((r) => ((r.inconclusive = []), (r.findings = r.findings.filter((f) => f.severity !== "critical")))),
        "critical",
      ),
    ).toBe(EXIT.ok);
    expect(scanExitCode(complete, undefined)).toBe(EXIT.ok);
  });

  it("2 for a region the catalog does not have, and --help lists the codes", async () => {
    const cloud = await startFakeCloud({ scenario: { projects: [{ name: "acme" }] } });
    try {
      const run = await runCli(["scan", "--os-region-name", "Atlantis", "-f", "json"], { cloud });
      expect(run.code).toBe(EXIT.usage);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^stacksweep: .*region Atlantis/m);
    } finally {
      await cloud.close();
    }
    const help = await runCli(["--help"]);
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("Exit codes (when several apply");
    expect(help.stdout).toMatch(/^ {2}2 {3}usage or configuration error/m);
  });
});
