// The JSON report: the ScanResult itself, as documented by docs/report-schema.json (schemaVersion 1).

import type { ScanResult } from "../findings/scan-result.ts";
import { escapeInvisibleControls } from "./escape-invisible-controls.ts";
import { scanResultSchema } from "./scan-result-schema.ts";

/**
 * Serialises through the schema, so that the keys come out in the documented order and nothing outside the
 * schema (a stray field added upstream) can leak into a published report. Bidi controls and line separators in
 * the data are written as `\u202e` escapes: the parsed value is the same, a viewer of the file is not fooled.
 */
export function renderJson(result: ScanResult): string {
  return `${escapeInvisibleControls(JSON.stringify(scanResultSchema.parse(result), null, 2))}\n`;
}
