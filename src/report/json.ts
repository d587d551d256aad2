// The JSON report: the ScanResult itself, as documented by docs/report-schema.json (schemaVersion 1).

import type { ScanResult } from "../findings/scan-result.ts";
import { WRITE_PIECE_CHARS } from "../files/write-report.ts";
import { escapeInvisibleControls } from "./escape-invisible-controls.ts";
import { findingSchema, scanResultSchema } from "./scan-result-schema.ts";

/**
 * Serialises through the schema, so that the keys come out in the documented order and nothing outside the
 * schema (a stray field added upstream) can leak into a published report. Bidi controls and line separators in
 * the data are written as `\u202e` escapes: the parsed value is the same, a viewer of the file is not fooled.
 */
export function renderJson(result: ScanResult): string {
  return [...jsonReportChunks(result)].join("");
}

/**
 * The JSON report in pieces, finding by finding: the same text as `renderJson`, without the schema's copy of every
 * finding and the whole text in memory at once (ten regions' 26,000 findings made 26 MB of text and ≈ 160 MB of
 * peak memory). The document around the findings goes through the whole schema, each finding through its own; each
 * finding is serialised at the depth where it stands, which is what `JSON.stringify` of the whole does, and the
 * escaped characters are single code units, so escaping piece by piece escapes what escaping the whole would.
 */
export function* jsonReportChunks(result: ScanResult): Generator<string> {
  const { findings } = result;
  const frame = JSON.stringify(scanResultSchema.parse({ ...result, findings: [] }), null, 2);
  if (findings.length === 0) {
    yield `${escapeInvisibleControls(frame)}\n`;
    return;
  }
  // A key of the top object is the only place where a line break and two spaces precede a quote: a line break in
  // a string is written `\n`.
  const empty = '\n  "findings": []';
  const opened = frame.indexOf(empty) + empty.length - 1;
  let chunk = `${frame.slice(0, opened)}\n`;
  for (const [index, finding] of findings.entries()) {
    const text = JSON.stringify(findingSchema.parse(finding), null, 2).replaceAll("\n", "\n    ");
    chunk += `${index === 0 ? "" : ",\n"}    ${text}`;
    if (chunk.length >= WRITE_PIECE_CHARS) {
      yield escapeInvisibleControls(chunk);
      chunk = "";
    }
  }
  yield escapeInvisibleControls(`${chunk}\n  ${frame.slice(opened)}\n`);
}
