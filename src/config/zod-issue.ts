// Turns the first zod issue of a failed parse into a ConfigError: one line naming file, key path, line and
// what was expected.

import type * as z from "zod";
import { ConfigError } from "./errors.ts";
import type { ParsedFile } from "./yaml-file.ts";

export function configErrorFromIssue(
  issue: z.core.$ZodIssue,
  file: Pick<ParsedFile, "path" | "locate">,
  prefix: readonly PropertyKey[] = [],
): ConfigError {
  let keyPath: PropertyKey[] = [...prefix, ...issue.path];
  let expected: string;
  switch (issue.code) {
    case "unrecognized_keys": {
      const unknownKey = issue.keys[0] ?? "?";
      keyPath = [...keyPath, unknownKey];
      expected = `unknown key (${issue.keys.length > 1 ? `also ${issue.keys.slice(1).join(", ")}; ` : ""}check the spelling)`;
      break;
    }
    case "invalid_type":
      expected = issue.message.startsWith("Invalid input") ? `expected ${issue.expected}` : issue.message;
      if (issue.input === undefined) expected = `missing (expected ${issue.expected})`;
      break;
    case "invalid_value":
      expected = `expected one of ${issue.values.map((v) => String(v)).join(", ")}`;
      break;
    default:
      expected = issue.message;
  }
  const position = file.locate(keyPath);
  return new ConfigError({
    file: file.path,
    key: keyPath.map(String).join("."),
    expected,
    ...(position === undefined ? {} : { line: position.line, column: position.column }),
  });
}
