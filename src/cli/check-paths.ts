// The files a command will write, checked before it does any work (a scan of an hour must not end in "cannot write
// the report"): the report or plan of -o, the inventory of --save-inventory, and the SQLite file of --store.

import { ConfigError } from "../config/errors.ts";
import { checkWritableFile } from "../config/paths.ts";
import { REPORT_EXTENSIONS, reportFormatForPath, type ReportFormat } from "../report/report-format.ts";
import { resolveStoreLocation } from "../store/store-location.ts";

const COMMAND_LINE = "command line";

/** `-o FILE` of a report: writable, and its extension names a format unless -f does. */
export function checkReportOutput(path: string, format: ReportFormat | "value" | undefined): void {
  checkWritableFile(path, { file: COMMAND_LINE, key: "-o" });
  if (format === undefined && reportFormatForPath(path) === undefined) {
    const dot = path.lastIndexOf(".");
    const extension = dot > path.lastIndexOf("/") ? path.slice(dot) : "no extension";
    throw new ConfigError({
      file: COMMAND_LINE,
      key: "-o",
      expected: `${path}: ${extension} is not a report format (${REPORT_EXTENSIONS.join(", ")}); or name it with -f`,
    });
  }
}

/** `-o FILE` of a plan. */
export function checkPlanOutput(path: string): void {
  checkWritableFile(path, { file: COMMAND_LINE, key: "-o" });
}

/** `--save-inventory FILE`: written once the scan has listed everything, so checked before it lists anything. */
export function checkInventoryOutput(path: string): void {
  checkWritableFile(path, { file: COMMAND_LINE, key: "--save-inventory" });
}

/** `--store PATH|URL`: a valid location, and for SQLite a file that can be created (its folders first). */
export function checkStoreOption(value: string | undefined): void {
  const location = resolveStoreLocation(value);
  if (location.dialect === "sqlite")
    checkWritableFile(location.path, { file: COMMAND_LINE, key: "--store" }, { createFolders: true });
}
