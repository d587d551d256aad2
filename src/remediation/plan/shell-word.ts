// Words of a command line that reports print for operators to copy: ids and names from a cloud go into a shell.

/** Quotes a word for a POSIX shell when it holds anything but the characters ids and cloud names use. */
export function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/u.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
