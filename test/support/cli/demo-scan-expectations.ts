// What a scan of the demo cloud must show under a fault: no false finding, no planted finding lost without its check
// saying it is inconclusive; complete when the fault was recovered from, exit 4 with exactly the checks that read a
// missing listing inconclusive when it was not. Shared by the fault suites over fakecloud.
import { expect } from "vitest";
import type { Check } from "../../../src/checks/check.ts";
import { CHECKS } from "../../../src/checks/registry.ts";
import { apiOnlyChecks } from "../../../src/scan/deep-selection.ts";
import { DEMO_EXPECTED_FINDINGS } from "../../../src/cli/scenarios/demo.ts";
import type { ScanResult } from "../../../src/findings/scan-result.ts";
import type { ResourceTypeId } from "../../../src/inventory/resource-type-id.ts";
import { EXIT } from "../../../src/cli/exit-codes.ts";
import { scanExitCode } from "../../../src/cli/scan-output.ts";

// The demo cloud has no source below the API: the checks that read one are left out, as `scan` leaves them.
export const checks = apiOnlyChecks([...CHECKS.values()]);
const key = (check: string, type: string, id: string): string => `${check} ${type} ${id}`;
export const PLANTED = new Set(DEMO_EXPECTED_FINDINGS.map((f) => key(f.check, f.resourceType, f.resourceId)));

export function findingKeys(result: ScanResult): string[] {
  return result.findings.map((f) => key(f.check, f.resource.type, f.resource.id)).sort();
}

/** Nothing reported that was not planted, and nothing planted lost by a check that did not say it was incomplete. */
export function expectNoFalseOrSilentlyLostFindings(result: ScanResult): void {
  expect(findingKeys(result).filter((k) => !PLANTED.has(k))).toEqual([]);
  const inconclusive = new Set(result.inconclusive.map((entry) => entry.check));
  const found = new Set(findingKeys(result));
  const lost = DEMO_EXPECTED_FINDINGS.filter(
    (f) => !inconclusive.has(f.check) && !found.has(key(f.check, f.resourceType, f.resourceId)),
  );
  expect(lost).toEqual([]);
}

/** The retry layer recovered: the complete result, as if nothing had happened. */
export function expectComplete(result: ScanResult): void {
  expect(result.clouds[0]?.error).toBeUndefined();
  expect(result.coverage.filter((entry) => entry.coverage.status !== "complete")).toEqual([]);
  expect(result.inconclusive).toEqual([]);
  expect(findingKeys(result)).toEqual([...PLANTED].sort());
  expect(scanExitCode(result, undefined)).toBe(EXIT.ok);
}

/**
 * The listings of `types` are missing with `status`; every check that needs one is inconclusive and silent,
 * every check that reads one optionally is partial; the scan exits 4.
 */
export function expectIncomplete(result: ScanResult, types: readonly ResourceTypeId[], status: string): void {
  expect(result.clouds[0]?.error).toBeUndefined();
  for (const type of types) {
    expect(result.coverage.find((entry) => entry.type === type)?.coverage.status, type).toBe(status);
  }
  const reads = (check: Check, list: readonly ResourceTypeId[] | undefined): boolean =>
    (list ?? []).some((type) => types.includes(type));
  const needing = checks.filter((check) => reads(check, check.needs)).map((check) => check.id);
  const partial = checks
    .filter((check) => !reads(check, check.needs) && reads(check, check.optional))
    .map((check) => check.id);
  expect(needing.length).toBeGreaterThan(0);
  const entries = new Map(result.inconclusive.map((entry) => [entry.check, entry.reason]));
  for (const id of needing) expect(entries.get(id), id).toMatch(new RegExp(`^(?!partial)`));
  for (const id of partial) expect(entries.get(id), id).toMatch(/^partial: /);
  expect(result.findings.filter((finding) => needing.includes(finding.check))).toEqual([]);
  expectNoFalseOrSilentlyLostFindings(result);
  expect(scanExitCode(result, undefined)).toBe(EXIT.incomplete);
}
