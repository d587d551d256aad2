// Makes untrusted text (resource names, fault messages) inert on a terminal or in a document: control characters,
// ANSI escape sequences and bidirectional overrides are shown as escapes instead of acting on the reader's screen.

// C0 controls (newline, tab, ESC...), DEL, C1 controls, the Unicode line separators and the bidi controls behind
// "Trojan Source" tricks (a name that reads differently from what it is), and the zero-width characters that make two
// names look alike (a "prod" that is not prod).
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** Replaces every unsafe character with a visible escape (`\n`, `\x1b`, `\u202e`), leaving other text unchanged. */
export function visibleText(value: string): string {
  return value.replace(UNSAFE, (char) => {
    switch (char) {
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default: {
        const code = char.charCodeAt(0);
        return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
      }
    }
  });
}
