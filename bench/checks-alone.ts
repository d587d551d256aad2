// Times every shipped check over one generated inventory, without a cloud: the cost of the rules themselves.

import { CHECKS } from "../src/checks/registry.ts";
import { runChecks } from "../src/checks/run.ts";
import { buildFindings } from "../src/findings/build.ts";
import { describeStep } from "../src/remediation/plan/describe-step.ts";
import { generateInventory } from "./generate-inventory.ts";

export interface ChecksTiming {
  records: number;
  /** `runChecks` over every shipped check. */
  checksMs: number;
  /** Turning their detections into findings (ids, ages, remediation). */
  findingsMs: number;
  /** CPU time (user and system) of `runChecks`: on a loaded machine wall time also counts other processes' turns. */
  checksCpuMs: number;
  findings: number;
  inconclusive: number;
  /** The slowest checks, slowest first. */
  slowest: { check: string; ms: number }[];
}

export function timeChecksAlone(total: number): ChecksTiming {
  const inventory = generateInventory(total);
  const records = Object.values(inventory.resources).reduce((sum, list) => sum + list.length, 0);
  const checks = [...CHECKS.values()];

  const cpu = process.cpuUsage();
  const started = performance.now();
  const { runs, inconclusive } = runChecks(inventory, checks);
  const checksMs = performance.now() - started;
  const checksCpu = process.cpuUsage(cpu);
  const findings = buildFindings(inventory, runs, describeStep);
  const findingsMs = performance.now() - started - checksMs;

  // Each check once more on its own, to name the slow ones (the total above is the figure that counts).
  const slowest = checks
    .map((check) => {
      const start = performance.now();
      runChecks(inventory, [check]);
      return { check: check.id, ms: Math.round(performance.now() - start) };
    })
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);

  return {
    records,
    checksMs: Math.round(checksMs),
    findingsMs: Math.round(findingsMs),
    checksCpuMs: Math.round((checksCpu.user + checksCpu.system) / 1000),
    findings: findings.length,
    inconclusive: inconclusive.length,
    slowest,
  };
}
