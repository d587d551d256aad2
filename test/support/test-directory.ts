// A directory of the system's temporary one for the test that asks for it, removed when that test ends, passed or
// failed: a run of the suites leaves nothing behind.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/** Creates `stacksweep-<name>-XXXXXX`; call it in a test or a beforeEach (the hook then runs after that test). */
export function testDirectory(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `stacksweep-${name}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
