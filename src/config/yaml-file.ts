// Reads a YAML or JSON configuration file and keeps its source positions, so that every later complaint about a
// key can cite the line it sits on.

import { readFileSync } from "node:fs";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError } from "./errors.ts";

export interface ParsedFile {
  path: string;
  data: unknown;
  /** 1-based line and column of the key at `keyPath` (or of the nearest existing parent), if any. */
  locate(keyPath: readonly PropertyKey[]): { line: number; column: number } | undefined;
}

export function readYamlFile(path: string, keyForMissing = ""): ParsedFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "file not found"
        : code === "EACCES"
          ? "permission denied"
          : `cannot be read (${code ?? "?"})`;
    throw new ConfigError({ file: path, key: keyForMissing, expected: `a readable YAML file, but ${reason}` });
  }
  return parseYamlText(path, text);
}

export function parseYamlText(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  // YAML 1.1 would read `no`/`yes`/`on` as booleans and surprise operators; clouds.yaml readers (PyYAML safe_load)
  // use 1.1 too, but only for booleans, which our schemas coerce where they are allowed anyway.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lineCounter.linePos(first.pos[0]);
    const reason = first.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? first.code;
    throw new ConfigError({
      file: path,
      key: "",
      expected: `YAML syntax error: ${reason}`,
      line: pos.line,
      column: pos.col,
    });
  }
  return {
    path,
    data: doc.toJS({ maxAliasCount: 100 }) as unknown,
    locate: (keyPath) => locateKey(doc, lineCounter, keyPath),
  };
}

function locateKey(
  doc: Document,
  lineCounter: LineCounter,
  keyPath: readonly PropertyKey[],
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      const range = (item as { range?: [number, number, number] }).range;
      if (range) offset = range[0];
      node = item;
    } else {
      break;
    }
  }
  if (offset === undefined) return undefined;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
