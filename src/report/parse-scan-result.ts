// Reads a saved scan (JSON or YAML report) back into a ScanResult, e.g. for `plan --from-scan FILE`.

import { parse as parseYaml } from "yaml";
import type { ScanResult } from "../findings/scan-result.ts";
import { scanResultSchema } from "./scan-result-schema.ts";

/** A saved scan that cannot be used; the message is one line naming the file, the key and what was expected. */
export class ScanFileError extends Error {
  override name = "ScanFileError";
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

/**
 * Parses and validates the text of a JSON or YAML report. `source` names the file in errors.
 * @example parseScanResult(await readFile(path, "utf8"), path)
 */
export function parseScanResult(text: string, source: string): ScanResult {
  let raw: unknown;
  try {
    // YAML 1.2 is a superset of JSON, but JSON.parse is much faster on large scans.
    raw = text.trimStart().startsWith("{") ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ScanFileError(source, `not a JSON or YAML scan report (${detail})`);
  }
  if (typeof raw === "object" && raw !== null && "kind" in raw && raw.kind === "stacksweep-plan") {
    throw new ScanFileError(
      source,
      "this is a plan (written by stacksweep plan), expected a scan saved with scan -f json",
    );
  }
  if (typeof raw === "object" && raw !== null && "schemaVersion" in raw && raw.schemaVersion !== 1) {
    throw new ScanFileError(
      source,
      `schemaVersion: ${JSON.stringify(raw.schemaVersion)} is not supported, expected 1 (written by a different stacksweep version?)`,
    );
  }
  const parsed = scanResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path =
      issue.path.length > 0
        ? issue.path
            .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
            .join("")
            .replace(/^\./, "")
        : "(top level)";
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : "";
    throw new ScanFileError(source, `${path}: ${issue.message}${more}`);
  }
  return parsed.data;
}
