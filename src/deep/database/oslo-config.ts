// Reads one option from a service's oslo.config file (INI: `[section]`, `key = value`, `#`/`;` comments, values
// continued on indented lines), as the service itself would, so an operator can point stacksweep at
// `/etc/cinder/cinder.conf` or kolla's `/etc/kolla/cinder-api/cinder.conf` instead of copying a password.
import { readFile } from "node:fs/promises";

/** The option's value, or undefined when the file has no such option. Later occurrences win, as in oslo.config. */
export function osloOption(text: string, section: string, key: string): string | undefined {
  let current = "";
  let value: string | undefined;
  let continuing = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (continuing && /^\s+\S/.test(line) && current === section) {
      value = `${value ?? ""}\n${line.trim()}`;
      continue;
    }
    continuing = false;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) continue;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header !== null) {
      current = header[1]!.trim();
      continue;
    }
    const option = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (option === null || current !== section || option[1] !== key) continue;
    value = unquote(option[2]!);
    continuing = true;
  }
  return value;
}

/**
 * Reads `key` from the first of `sections` that has it; throws one line naming the file and the option when none
 * has it (a config file without `[database] connection`).
 */
export async function readOsloOption(
  path: string,
  sections: readonly string[],
  key: string,
): Promise<{ section: string; text: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(`cannot read ${path}${typeof code === "string" ? ` (${code})` : ""}`, { cause: error });
  }
  for (const section of sections) {
    const value = osloOption(text, section, key);
    if (value !== undefined && value !== "") return { section, text: value };
  }
  throw new Error(`${path} has no ${sections.map((section) => `[${section}] ${key}`).join(" or ")}`);
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted === null ? value : quoted[2]!;
}
