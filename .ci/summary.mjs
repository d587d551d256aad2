// Sums vitest JSON reports into the one closing line CI reads: "N passed, N failed".
// A test file that failed to load counts as one failed test, so a broken import never reads as green.
import { readFileSync, existsSync } from "node:fs";

let passed = 0;
let failed = 0;
const files = process.argv.slice(2).filter((f) => existsSync(f));
for (const file of files) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  for (const suite of report.testResults ?? []) {
    if (suite.status === "failed" && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
}
if (files.length === 0) failed += 1; // no report at all: the test run itself broke
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
