// Which sources below the API a scan reads, and so which of the selected checks run: `--deep a,b`, else every source
// that stacksweep.yaml's `deep:` configures. A check that reads a source not enabled is left out, unless it was asked
// for by name, which is then a usage error (asking for a check and silently not running it would be a false clear).
import type { Check } from "../checks/check.ts";
import { ConfigError } from "../config/errors.ts";
import type { DeepTarget } from "../deep/deep-settings.ts";
import { DEEP_SOURCE_IDS, type DeepSourceId } from "../deep/deep-source.ts";
import { deepSourcesOf } from "../inventory/registry.ts";
import { neededTypes } from "./scan-clouds.ts";

export function deepSelection(
  asked: readonly string[] | undefined,
  targets: readonly DeepTarget[],
  checks: readonly Check[],
  checksNamed: boolean,
): { enabled: ReadonlySet<DeepSourceId>; checks: Check[] } {
  const unknown = asked?.find((id) => !(DEEP_SOURCE_IDS as readonly string[]).includes(id));
  if (unknown !== undefined) {
    throw new ConfigError({
      file: "command line",
      key: "--deep",
      expected: `sources below the API (${unknown} is none of: ${DEEP_SOURCE_IDS.join(", ")})`,
    });
  }
  const enabled = new Set<DeepSourceId>(
    asked === undefined
      ? DEEP_SOURCE_IDS.filter((id) => targets.some((target) => target[id] !== undefined))
      : (asked as DeepSourceId[]),
  );
  const kept: Check[] = [];
  for (const check of checks) {
    const missing = deepSourcesOf(neededTypes([check])).filter((source) => !enabled.has(source));
    if (missing.length === 0) kept.push(check);
    else if (checksNamed) {
      throw new ConfigError({
        file: "command line",
        key: "--checks",
        expected: `checks whose sources are enabled (${check.id} reads ${missing.join(", ")}: add --deep ${missing.join(",")})`,
      });
    }
  }
  return { enabled, checks: kept };
}

/** The checks that read only the APIs: what runs where no source below the API is configured (the demo cloud). */
export function apiOnlyChecks(checks: readonly Check[]): Check[] {
  return deepSelection(undefined, [], checks, false).checks;
}
