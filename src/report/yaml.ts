// The YAML report: the same document as the JSON report, for people who read it; `parseScanResult` reads both.

import { stringify } from "yaml";
import type { ScanResult } from "../findings/scan-result.ts";
import { scanResultSchema } from "./scan-result-schema.ts";

export function renderYaml(result: ScanResult): string {
  // Aliases would make a finding's evidence depend on another finding's text; lineWidth 0 keeps long summaries whole.
  return stringify(scanResultSchema.parse(result), { aliasDuplicateObjects: false, lineWidth: 0 });
}
