// The grace period as an operator writes it (`--grace 24h`, `remediation.grace`): a unit is required, so "86400" is
// never taken for seconds when hours were meant; only 0 (first sight is enough) has none. A year is the most: a
// longer wait is a typo, and would silently turn every destructive step off.

import { ConfigError } from "../../config/errors.ts";
import type { PathSource } from "../../config/paths.ts";
import { parseDuration } from "../../store/parse-duration.ts";

export const MAX_GRACE_SECONDS = 365 * 86_400;

const FORMS = "a duration with a unit like 30m, 24h, 7d or 1d12h (or 0)";

/** Seconds of grace; throws ConfigError naming where the value came from. */
export function parseGrace(value: string, source: PathSource): number {
  const text = value.trim().toLowerCase();
  if (text === "0") return 0;
  if (!/^(\d+[smhdw])+$/.test(text)) {
    const hint = /^\d+$/.test(text) ? ", a unit is required" : "";
    throw new ConfigError({ ...source, expected: `expected ${FORMS}${hint}, got "${value}"` });
  }
  const seconds = parseDuration(text, source.key);
  if (seconds > MAX_GRACE_SECONDS)
    throw new ConfigError({ ...source, expected: `expected at most 365d, got "${value}"` });
  return seconds;
}
