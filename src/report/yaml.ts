// The YAML report: the same document as the JSON report, for people who read it; `parseScanResult` reads both.

import { Document, isScalar, visit } from "yaml";
import type { ScanResult } from "../findings/scan-result.ts";
import { escapeInvisibleControls, hasInvisibleControls } from "./escape-invisible-controls.ts";
import { scanResultSchema } from "./scan-result-schema.ts";

export function renderYaml(result: ScanResult): string {
  // Aliases would make a finding's evidence depend on another finding's text.
  const document = new Document(scanResultSchema.parse(result), { aliasDuplicateObjects: false });
  // A string holding a bidi control or line separator is double-quoted, the one YAML style that reads `\u202e`,
  // so escaping the character below keeps the value exact and the file reads in its true order.
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && hasInvisibleControls(node.value)) node.type = "QUOTE_DOUBLE";
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && hasInvisibleControls(pair.key.value)) {
        pair.key.type = "QUOTE_DOUBLE";
      }
    },
  });
  // lineWidth 0 keeps long summaries whole.
  return escapeInvisibleControls(document.toString({ lineWidth: 0 }));
}
