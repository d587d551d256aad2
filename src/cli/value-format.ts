// `-f value` and `-c COLUMN`, as the `openstack` CLI has them: one finding per line, the chosen columns separated
// by spaces, no header, so that `stacksweep scan -f value -c "Resource ID" | xargs ...` reads like `openstack`.
import { ConfigError } from "../config/errors.ts";
import type { Finding } from "../findings/finding.ts";
import { visibleText } from "../report/visible-text.ts";

const COLUMNS: Readonly<Record<string, (finding: Finding) => string | null>> = {
  ID: (f) => f.id,
  Check: (f) => f.check,
  Severity: (f) => f.severity,
  Type: (f) => f.resource.type,
  "Resource ID": (f) => f.resource.id,
  Name: (f) => f.resource.name,
  Project: (f) => f.resource.projectId,
  Cloud: (f) => f.resource.cloud,
  Region: (f) => f.resource.region,
  Summary: (f) => f.summary,
};

/** The columns asked for, by their header (any case); all of them when none is named. */
export function valueColumns(requested: readonly string[] | undefined): string[] {
  if (requested === undefined || requested.length === 0) return Object.keys(COLUMNS);
  return requested.map((name) => {
    const column = Object.keys(COLUMNS).find((header) => header.toLowerCase() === name.toLowerCase());
    if (column === undefined) {
      throw new ConfigError({
        file: "command line",
        key: "-c",
        expected: `"${name}" is not a column; choose from ${Object.keys(COLUMNS).join(", ")}`,
      });
    }
    return column;
  });
}

export function renderValues(findings: readonly Finding[], columns: readonly string[]): string {
  // Names come from tenants: control characters are made visible so a name cannot forge a line.
  return findings
    .map((finding) => columns.map((column) => visibleText(COLUMNS[column]!(finding) ?? "")).join(" ") + "\n")
    .join("");
}
