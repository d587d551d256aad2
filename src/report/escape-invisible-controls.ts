// Writes the characters that reorder or break a text viewer's lines (bidi overrides and isolates, U+2028/2029)
// as `\uXXXX` escapes in a JSON or YAML double-quoted text, where that escape means the same character.

// The "Trojan Source" controls (marks, embeddings, overrides, isolates) and the Unicode line and paragraph
// separators, which JSON.stringify and YAML writers leave raw.
const INVISIBLE_CONTROLS = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Whether `text` holds a character `escapeInvisibleControls` would replace. */
export function hasInvisibleControls(text: string): boolean {
  INVISIBLE_CONTROLS.lastIndex = 0;
  return INVISIBLE_CONTROLS.test(text);
}

/**
 * Replaces each such character by its `\uXXXX` escape. Only for text where they can only stand inside a string
 * that reads escapes (JSON; YAML whose strings holding them are double-quoted), so the value stays exact.
 */
export function escapeInvisibleControls(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
