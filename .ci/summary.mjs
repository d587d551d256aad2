// Sums vitest JSON reports into the one closing line CI reads: "N passed, N failed".
// Each argument is a tier's report path; `<report>.exit` beside it holds the runner's exit code. A tier that broke
// never reads as green:
// - no report at all (the runner never got to write one, e.g. the devcloud did not come up): one failed;
// - a test file that failed as a whole (a broken import, a beforeAll that threw): each test it did not pass counts
//   as failed, at least one (vitest reports such tests as skipped);
// - a runner that exited non-zero with nothing counted as failed (an unhandled error after the tests): one failed.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const exitFile = `${file}.exit`;
  const exitCode = existsSync(exitFile) ? Number(readFileSync(exitFile, "utf8").trim()) : 0;
  if (!existsSync(file)) {
    console.error(`${file}: no report (the runner exited ${exitCode} before writing one)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  let failedHere = report.numFailedTests ?? 0;
  passed += report.numPassedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    if (suite.status !== "failed") continue;
    const tests = suite.assertionResults ?? [];
    const notRun = tests.filter((t) => t.status !== "passed" && t.status !== "failed").length;
    const failedInSuite = tests.filter((t) => t.status === "failed").length;
    failedHere += failedInSuite > 0 ? notRun : Math.max(notRun, 1);
    if (suite.message) console.error(`${suite.name}: ${String(suite.message).split("\n")[0]}`);
  }
  if (exitCode !== 0 && failedHere === 0) {
    console.error(`${file}: the runner exited ${exitCode} although every test it reported passed`);
    failedHere = 1;
  }
  failed += failedHere;
}
if (process.argv.length <= 2) failed += 1; // no tier given: nothing was tested
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
