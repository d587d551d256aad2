// The one error type of configuration: it names the file, the key (and line when known) and what was expected,
// so the CLI can print it as a single line and exit 2.

export interface ConfigErrorDetails {
  /** The file at fault, or "environment" for OS_* variables, or "command line". */
  file: string;
  /** Dotted key path inside the file ("clouds.prod.auth.auth_url"); empty when the whole file is at fault. */
  key: string;
  /** What was expected, in words ("a string", "one of public, internal, admin"). */
  expected: string;
  /** 1-based line and column in the file, when known. */
  line?: number;
  column?: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly key: string;
  readonly expected: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(details: ConfigErrorDetails) {
    super(formatConfigError(details));
    this.file = details.file;
    this.key = details.key;
    this.expected = details.expected;
    this.line = details.line;
    this.column = details.column;
  }
}

function formatConfigError(d: ConfigErrorDetails): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}${d.column === undefined ? "" : `:${d.column}`}`;
  return d.key === "" ? `${where}: ${d.expected}` : `${where}: ${d.key}: ${d.expected}`;
}
