// Entry of the child process that times the checks alone: a fresh heap, holding only the generated inventory.
// Prints one JSON line (ChecksTiming). Run: node --import tsx bench/checks-alone-process.ts <records>
import { timeChecksAlone } from "./checks-alone.ts";

const records = Number(process.argv[2]);
if (!Number.isInteger(records) || records < 1) {
  process.stderr.write(`checks-alone-process: expected a record count, got "${process.argv[2] ?? ""}"\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(timeChecksAlone(records))}\n`);
