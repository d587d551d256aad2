// A JSON answer encoded as UTF-8 bytes in small pieces. Node 20 turns a string of a megabyte or more into bytes
// (and back) at only ~110–220 MB/s, but strings of tens of kilobytes at GB/s: a 1000-server page of 1.7 MB took
// 15 ms in `Buffer.from` alone when answered with `c.json`. So the body is serialized piece by piece with the
// native `JSON.stringify` (a listing's items in runs of ~32 KB), the pieces gathered into strings of at most
// 64 KB that are encoded one at a time. The bytes are exactly those of `JSON.stringify(value)`.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The most UTF-16 code units gathered before they are encoded (a piece longer than this is split further). */
const CHUNK_LENGTH = 64 * 1024;

/**
 * How deep containers are always taken apart rather than handed to `JSON.stringify` whole: a listing's body
 * (depth 0) and its list (depth 1). Deeper values are stringified whole and taken apart only when too long.
 */
const SPINE_DEPTH = 2;

/** About how long a run of list items stringified in one call should be (see `writeRuns`). */
const RUN_LENGTH = 32 * 1024;

/** Gathers serialized text and encodes it whenever it reaches the chunk length. */
class ChunkedUtf8 {
  private text = "";
  private readonly chunks: Buffer<ArrayBuffer>[] = [];
  private byteLength = 0;

  append(piece: string): void {
    if (this.text.length + piece.length > CHUNK_LENGTH && this.text.length > 0) this.flush();
    this.text += piece;
  }

  bytes(): Buffer<ArrayBuffer> {
    this.flush();
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.byteLength);
  }

  private flush(): void {
    if (this.text.length === 0) return;
    const chunk = Buffer.from(this.text, "utf8");
    this.chunks.push(chunk);
    this.byteLength += chunk.length;
    this.text = "";
  }
}

type Container = readonly unknown[] | Record<string, unknown>;

/**
 * Arrays and plain objects: what this module takes apart itself. Anything else (primitives, boxed primitives,
 * class instances, `JSON.rawJSON` values) is left to `JSON.stringify`, which knows its special rules.
 */
function isContainer(value: unknown): value is Container {
  if (Array.isArray(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || (prototype === null && !isRawJson(value));
}

function isRawJson(value: object): boolean {
  const json = JSON as { isRawJSON?: (value: unknown) => boolean };
  return json.isRawJSON?.(value) === true;
}

/** The value `JSON.stringify` serializes for a property: the result of its `toJSON(key)` when it has one. */
function resolveToJson(value: unknown, key: string): unknown {
  if ((typeof value === "object" && value !== null) || typeof value === "bigint") {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") return (toJSON as (key: string) => unknown).call(value, key);
  }
  return value;
}

/** `JSON.stringify` leaves these out of objects and writes `null` for them in arrays. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** Writes a value whose `toJSON` is already resolved and that is not omitted. */
function writeResolved(out: ChunkedUtf8, value: unknown, depth: number): void {
  if (!isContainer(value)) {
    out.append(JSON.stringify(value));
    return;
  }
  // A container that still has a `toJSON` of its own (returned by another `toJSON`) must not have it called
  // again, as handing it to `JSON.stringify` whole would.
  if (depth >= SPINE_DEPTH && typeof (value as { toJSON?: unknown }).toJSON !== "function") {
    const whole = JSON.stringify(value);
    if (whole.length <= CHUNK_LENGTH) {
      out.append(whole);
      return;
    }
  }
  writeResolvedParts(out, value, depth);
}

/** Writes a container piece by piece (a container too long for one chunk, or one at the spine). */
function writeResolvedParts(out: ChunkedUtf8, value: Container, depth: number): void {
  if (Array.isArray(value)) writeArray(out, value, depth);
  else writeObject(out, value as Record<string, unknown>, depth);
}

function hasToJson(value: unknown): boolean {
  return (
    ((typeof value === "object" && value !== null) || typeof value === "bigint") &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  );
}

function writeItem(out: ChunkedUtf8, array: readonly unknown[], index: number, depth: number): void {
  const item = resolveToJson(array[index], String(index));
  if (isOmitted(item)) out.append("null");
  else writeResolved(out, item, depth + 1);
}

function writeArray(out: ChunkedUtf8, array: readonly unknown[], depth: number): void {
  out.append("[");
  if (depth + 1 < SPINE_DEPTH) {
    for (let index = 0; index < array.length; index++) {
      if (index > 0) out.append(",");
      writeItem(out, array, index, depth);
    }
  } else writeRuns(out, array, depth);
  out.append("]");
}

/**
 * Writes the items of a list in runs, each run one `JSON.stringify` call: a call costs a few microseconds of its
 * own, as much as stringifying a small record. An item with a `toJSON` is written on its own, as `toJSON` is
 * passed the item's index, which a run would change.
 */
function writeRuns(out: ChunkedUtf8, array: readonly unknown[], depth: number): void {
  let runItems = 8;
  let index = 0;
  while (index < array.length) {
    let end = index;
    const limit = Math.min(array.length, index + runItems);
    while (end < limit && !hasToJson(array[end])) end++;
    if (end === index) {
      if (index > 0) out.append(",");
      writeItem(out, array, index, depth);
      index++;
      continue;
    }
    const count = end - index;
    const whole = count === array.length && !hasToJson(array);
    const run = JSON.stringify(whole ? array : array.slice(index, end));
    if (run.length > CHUNK_LENGTH && count > 1) {
      runItems = Math.max(1, count >> 1);
      continue;
    }
    if (index > 0) out.append(",");
    const first = array[index];
    if (run.length > CHUNK_LENGTH && isContainer(first)) writeResolvedParts(out, first, depth + 1);
    else out.append(run.slice(1, -1));
    // The next run aims at about half a chunk, judged by the length of this one.
    runItems = Math.max(1, Math.round((count * RUN_LENGTH) / run.length));
    index = end;
  }
}

function writeObject(out: ChunkedUtf8, object: Record<string, unknown>, depth: number): void {
  out.append("{");
  let first = true;
  for (const key of Object.keys(object)) {
    const member = resolveToJson(object[key], key);
    if (isOmitted(member)) continue;
    out.append(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
    first = false;
    writeResolved(out, member, depth + 1);
  }
  out.append("}");
}

/**
 * The UTF-8 bytes of `JSON.stringify(value)`, built in chunks. Like `JSON.stringify`, throws on a cycle or a
 * BigInt; unlike it, `undefined` at the top (which `JSON.stringify` turns into no string at all) is an error.
 */
export function jsonBytes(value: unknown): Buffer<ArrayBuffer> {
  const resolved = resolveToJson(value, "");
  if (isOmitted(resolved)) throw new TypeError("fakecloud: a JSON answer needs a value");
  const out = new ChunkedUtf8();
  writeResolved(out, resolved, 0);
  return out.bytes();
}

/** What `c.json(value, status)` answers (the same status, headers and content type), encoded in chunks. */
export function jsonResponse(c: Context, value: unknown, status?: ContentfulStatusCode): Response {
  return c.body(jsonBytes(value), status, { "Content-Type": "application/json" });
}
