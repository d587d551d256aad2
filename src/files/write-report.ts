// Writes a report file atomically: readers (node exporter's textfile collector, a web server, a cron mail) see the
// old file or the new one, never half of one.

import { randomBytes } from "node:crypto";
import { open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Characters a writer of a file in pieces joins into one piece. Below V8's large-object size (128 KB): a larger piece
 * is flattened into a string the young generation cannot hold, which only a full collection frees. Saving a million
 * resources' inventory in pieces of 1 MB left ≈ 170 MB of pieces already written on the heap, and the scan peaked at
 * 727–735 MB; in pieces of 64 KB, at 564–571 MB.
 */
export const WRITE_PIECE_CHARS = 64 * 1024;

/**
 * Writes `text` to a temporary file in the same folder (a rename is atomic only within one file system), flushes it
 * to disk, then renames it over `path`. The temporary name starts with a dot and does not end in `.prom`, so the
 * textfile collector never reads it. `text` may come in pieces (a large report rendered as it is written): when
 * making one fails, the temporary file is removed and `path` is left as it was.
 */
export async function writeReport(
  path: string,
  text: string | Iterable<string> | AsyncIterable<string>,
  /** The mode of a new file (before the umask); a replaced one keeps its own. */
  newFileMode = 0o644,
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  // A replaced file keeps its mode (the umask must not change who can read it); a new one gets `newFileMode` minus the
  // umask.
  const existingMode = await stat(path).then(
    (existing) => existing.mode & 0o777,
    () => undefined,
  );
  const handle = await open(temporary, "wx", existingMode ?? newFileMode);
  try {
    try {
      // Each piece goes where the last one ended: a file handle writes from its current position.
      if (typeof text === "string") await handle.writeFile(text, "utf8");
      else for await (const piece of text) await handle.writeFile(piece, "utf8");
      if (existingMode !== undefined) await handle.chmod(existingMode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
