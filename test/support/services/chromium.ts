// The browser tests (`*-in-browser.test.ts`) drive Debian's chromium through playwright-core, which brings no
// browser of its own. Where it is missing they are left out of the run with one line saying why, never failed.

import { existsSync } from "node:fs";

/** CHROMIUM_PATH, else Debian's `chromium` package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The exclude patterns for the browser tests when there is no browser to run them with (and says so once). */
export function browserTestsExcluded(): string[] {
  if (existsSync(CHROMIUM_PATH)) return [];
  process.stderr.write(
    `browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
  return ["**/*-in-browser.test.ts", "**/*-in-browser.test.tsx"];
}
