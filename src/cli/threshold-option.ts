// `scan --threshold CHECK.KEY=VALUE`, repeatable: one check's threshold overridden for one run, held to the rules of
// stacksweep.yaml's `thresholds:` (a known check, one of its keys, a value of the default's kind) before any work.
import type { Check } from "../checks/check.ts";
import { kindOf, sameKind, type ThresholdValue } from "../checks/run.ts";
import { ConfigError } from "../config/errors.ts";

const FILE = "--threshold";

/** Commander's collector: every `--threshold` given, in order. */
export function collectThreshold(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The overrides by check id, as stacksweep.yaml's `thresholds:` holds them; a later one wins over an earlier one. */
export function thresholdOverrides(
  given: readonly string[],
  checks: ReadonlyMap<string, Check>,
): Record<string, Record<string, ThresholdValue>> {
  const overrides: Record<string, Record<string, ThresholdValue>> = {};
  for (const text of given) {
    const match = /^([a-z0-9-]+)\.([A-Za-z]+)=(.*)$/.exec(text);
    if (match === null) {
      throw new ConfigError({
        file: FILE,
        key: text,
        expected: "CHECK.KEY=VALUE, e.g. volume-stuck.maxAgeSeconds=7200 (stacksweep checks lists them)",
      });
    }
    const [, checkId = "", key = "", raw = ""] = match;
    const check = checks.get(checkId);
    if (check === undefined) {
      throw new ConfigError({
        file: FILE,
        key: checkId,
        expected: `a check id (one of ${[...checks.keys()].sort().join(", ")})`,
      });
    }
    const fallback = check.thresholds[key];
    const keys = Object.keys(check.thresholds);
    if (fallback === undefined) {
      throw new ConfigError({
        file: FILE,
        key: `${checkId}.${key}`,
        expected:
          keys.length === 0
            ? `nothing: ${checkId} has no thresholds`
            : `a threshold of ${checkId} (one of ${keys.join(", ")})`,
      });
    }
    const value = parse(fallback, raw);
    if (!sameKind(fallback, value))
      throw new ConfigError({ file: FILE, key: `${checkId}.${key}`, expected: kindOf(fallback) });
    (overrides[checkId] ??= {})[key] = value;
  }
  return overrides;
}

/** The text as the default's kind: a list is comma-separated; a number must be written as one. */
function parse(fallback: ThresholdValue, raw: string): unknown {
  if (Array.isArray(fallback))
    return raw
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  if (typeof fallback === "number") return /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  return raw;
}
