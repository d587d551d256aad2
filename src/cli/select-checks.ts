// Picks the checks a scan runs from `--checks` and `--skip-checks`; an unknown id is a usage error naming it.
import type { Check } from "../checks/check.ts";
import { ConfigError } from "../config/errors.ts";

export function selectChecks(
  all: ReadonlyMap<string, Check>,
  only: readonly string[] | undefined,
  skip: readonly string[] = [],
  /** Where the lists came from, for errors: the option names, or a settings file and its keys. */
  source: { file: string; onlyKey: string; skipKey: string } = {
    file: "command line",
    onlyKey: "--checks",
    skipKey: "--skip-checks",
  },
): Check[] {
  for (const [key, ids] of [
    [source.onlyKey, only ?? []],
    [source.skipKey, skip],
  ] as const) {
    const unknown = ids.find((id) => !all.has(id));
    if (unknown !== undefined) {
      throw new ConfigError({
        file: source.file,
        key,
        expected: `check ids (${unknown} is none of: ${[...all.keys()].join(", ")})`,
      });
    }
  }
  const wanted = only === undefined || only.length === 0 ? [...all.keys()] : only;
  return wanted.filter((id) => !skip.includes(id)).map((id) => all.get(id)!);
}
