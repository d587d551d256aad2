// Parses a JSON answer from its bytes as JSON.parse(bytes.toString()) would, but without one string as large as the
// answer: Node 20 turns megabytes into one string at a fifth of the speed it turns 64 KB into one (≈200 MB/s
// against GB/s), and a listing page of 1000 servers is 1.7 MB. A large answer is OpenStack's envelope
// (`{"servers": [...], "servers_links": [...]}`): each element of its top-level arrays is decoded and parsed on its
// own, the small envelope around them as a whole. Anything unusual falls back to the plain parse, which also gives
// the plain parse's error for bytes that are not JSON.

/** Below this size one string is fast: the plain parse. */
const SPLIT_FROM_BYTES = 256 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** A top-level array: its key and where each element's text starts and ends. */
interface ArraySpan {
  key: string;
  /** Byte offsets of the `[` and of the matching `]`. */
  open: number;
  close: number;
  elements: [start: number, end: number][];
}

export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length >= SPLIT_FROM_BYTES) {
    const arrays = topLevelArrays(bytes);
    if (arrays !== null) {
      try {
        const parsed = envelopeOf(bytes, arrays);
        for (const array of arrays) parsed[array.key] = array.elements.map((span) => elementOf(bytes, span));
        return parsed;
      } catch {
        // Not JSON after all: the plain parse below throws the error a caller expects.
      }
    }
  }
  return JSON.parse(bytes.toString("utf8")) as unknown;
}

/**
 * Parses JSON of any size a Buffer holds, as JSON.parse(bytes.toString()) would where that string can be made: V8
 * makes no string longer than ≈ 512 MB, and the saved inventory of a million resources is larger. A container of
 * SPLIT_FROM_BYTES or more is read member by member, each member the same way; a smaller value is one JSON.parse of
 * its text. Text that is not JSON throws a SyntaxError.
 *
 * `elements` passes the elements of the arrays at one depth through a function as each is parsed, so that what a
 * large array's elements leave behind dies young.
 */
export function parseLargeJson(bytes: Buffer, elements?: ElementMaps): unknown {
  return valueIn(bytes, 0, bytes.length, [], elements);
}

/** The elements of the arrays at `depth` (the whole text is depth 0), each passed through the function `at` names. */
export interface ElementMaps {
  depth: number;
  /** The function for the array at `path` (its keys, array indexes as strings); undefined leaves it as it is. */
  at: (path: readonly string[]) => ((element: unknown) => unknown) | undefined;
}

function valueIn(
  bytes: Buffer,
  start: number,
  end: number,
  path: readonly string[],
  elements: ElementMaps | undefined,
): unknown {
  while (start < end && isWhitespace(bytes[start]!)) start++;
  while (end > start && isWhitespace(bytes[end - 1]!)) end--;
  const open = bytes[start];
  if (end - start < SPLIT_FROM_BYTES || (open !== OPEN_OBJECT && open !== OPEN_ARRAY)) {
    const value = JSON.parse(bytes.toString("utf8", start, end)) as unknown;
    return elements === undefined ? value : mapWithin(value, path, elements);
  }
  if (bytes[end - 1] !== (open === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
    throw new SyntaxError(`JSON: the ${open === OPEN_OBJECT ? "object" : "array"} at byte ${start} is not closed`);
  }
  const members = memberSpans(bytes, start + 1, end - 1);
  if (open === OPEN_ARRAY) {
    if (elements === undefined || path.length >= elements.depth) {
      const map = path.length === elements?.depth ? elements.at(path) : undefined;
      return members.map(([from, to]) => {
        const element = valueIn(bytes, from, to, path, undefined);
        return map === undefined ? element : map(element);
      });
    }
    return members.map(([from, to], index) => valueIn(bytes, from, to, [...path, String(index)], elements));
  }
  const object: Record<string, unknown> = {};
  for (const [from, to] of members) {
    let key = from;
    while (key < to && isWhitespace(bytes[key]!)) key++;
    const keyEnd = bytes[key] === QUOTE ? closingQuote(bytes, key) : -1;
    let colon = keyEnd + 1;
    while (colon < to && isWhitespace(bytes[colon]!)) colon++;
    if (keyEnd === -1 || keyEnd >= to || bytes[colon] !== COLON) {
      throw new SyntaxError(`JSON: expected a key and a colon at byte ${key}`);
    }
    const name = JSON.parse(bytes.toString("utf8", key, keyEnd + 1)) as string;
    // As JSON.parse: `__proto__` is an own property, and a repeated key keeps its last value.
    Object.defineProperty(object, name, {
      value: valueIn(bytes, colon + 1, to, [...path, name], elements),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return object;
}

/** `elements` applied within a value parsed whole, in place: its containers down to the arrays at their depth. */
function mapWithin(value: unknown, path: readonly string[], elements: ElementMaps): unknown {
  if (path.length > elements.depth || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    const array = value as unknown[];
    const map = path.length === elements.depth ? elements.at(path) : undefined;
    for (let index = 0; index < array.length; index++) {
      if (map !== undefined) array[index] = map(array[index]);
      else if (path.length < elements.depth) mapWithin(array[index], [...path, String(index)], elements);
    }
  } else if (path.length < elements.depth) {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) mapWithin(object[key], [...path, key], elements);
  }
  return value;
}

/** Where each member of the container whose inside is `start`–`end` starts and ends (its commas at depth 0). */
function memberSpans(bytes: Buffer, start: number, end: number): [start: number, end: number][] {
  if (isBlank(bytes, start, end)) return [];
  const spans: [number, number][] = [];
  let depth = 0;
  let from = start;
  for (let index = start; index < end; index++) {
    const byte = bytes[index]!;
    if (byte === QUOTE) {
      const quote = index;
      index = closingQuote(bytes, quote);
      if (index === -1 || index >= end) throw new SyntaxError(`JSON: the string at byte ${quote} is not closed`);
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
    else if (byte === COMMA && depth === 0) {
      spans.push([from, index]);
      from = index + 1;
    }
  }
  spans.push([from, end]);
  for (const [from, to] of spans) {
    if (isBlank(bytes, from, to))
      throw new SyntaxError(`JSON: an empty member (two commas, or one before the end) at byte ${from}`);
  }
  return spans;
}

/**
 * A large listing page read in two steps: its envelope (the next link) and its last element (the marker) first, its
 * elements later. A listing asks for the next page between the two, so that parsing this page overlaps the next
 * round trip instead of coming before it. `elements` may throw what JSON.parse throws; the bytes must stay unchanged
 * until it has run.
 */
export interface SplitPage {
  /** The answer with the page's array empty. */
  envelope: Record<string, unknown>;
  /** How many elements the array holds. */
  length: number;
  /** The last element as the service sent it (undefined on an empty page). */
  last: unknown;
  /** Every element, passed through `map` as each is parsed: a caller that keeps a few fields lets the rest die young. */
  elements: <T>(map: (element: unknown) => T) => T[];
}

/**
 * The answer split at its top-level array `key`; null when it is small (one plain parse is fast), has no such array,
 * or is not the plain envelope the split reads (parseJsonBody then reads it whole, or gives JSON.parse's error).
 */
export function splitJsonBody(bytes: Buffer, key: string): SplitPage | null {
  if (bytes.length < SPLIT_FROM_BYTES) return null;
  const arrays = topLevelArrays(bytes);
  const page = arrays?.find((array) => array.key === key);
  if (arrays === null || page === undefined) return null;
  let envelope: Record<string, unknown>;
  let last: unknown;
  try {
    envelope = envelopeOf(bytes, arrays);
    for (const array of arrays) {
      if (array !== page) envelope[array.key] = array.elements.map((span) => elementOf(bytes, span));
    }
    const lastSpan = page.elements.at(-1);
    last = lastSpan === undefined ? undefined : elementOf(bytes, lastSpan);
  } catch {
    return null;
  }
  return {
    envelope,
    length: page.elements.length,
    last,
    elements: (map) => page.elements.map((span) => map(elementOf(bytes, span))),
  };
}

/**
 * The arrays that are values of the top-level object, found in one pass over the bytes; null when the text does not
 * start with an object, ends early or repeats a key (cases the plain parse handles). Splitting at
 * ASCII bytes is safe in UTF-8: no byte of a multi-byte character is below 0x80.
 */
function topLevelArrays(bytes: Buffer): ArraySpan[] | null {
  let index = 0;
  while (index < bytes.length && isWhitespace(bytes[index]!)) index++;
  if (bytes[index] !== OPEN_OBJECT) return null;

  const arrays: ArraySpan[] = [];
  const keys = new Set<string>();
  let depth = 0;
  let keyStart = -1;
  let lastKey: string | null = null;
  let current: ArraySpan | null = null;
  let elementStart = -1;
  for (; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === QUOTE) {
      const start = index;
      index = closingQuote(bytes, index);
      if (index === -1) return null;
      // A string at depth 1 right after `{` or `,` is a key of the envelope.
      if (depth === 1 && keyStart === -1) keyStart = start;
      if (depth === 1 && keyStart === start) {
        lastKey = JSON.parse(bytes.toString("utf8", start, index + 1)) as string;
        // A repeated key: JSON.parse keeps the last value, which setting the arrays back could contradict.
        if (keys.has(lastKey)) return null;
        keys.add(lastKey);
      }
      continue;
    }
    switch (byte) {
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        depth++;
        if (depth === 2 && byte === OPEN_ARRAY) {
          // `__proto__` cannot be set back as an own property by plain assignment.
          if (lastKey === null || lastKey === "__proto__") return null;
          current = { key: lastKey, open: index, close: -1, elements: [] };
          elementStart = index + 1;
        }
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth === 2 && current !== null) {
          if (byte !== CLOSE_ARRAY) return null;
          if (current.elements.length > 0 || !isBlank(bytes, elementStart, index)) {
            current.elements.push([elementStart, index]);
          }
          current.close = index;
          arrays.push(current);
          current = null;
        }
        depth--;
        if (depth < 0) return null;
        break;
      case COMMA:
        if (depth === 2 && current !== null) {
          current.elements.push([elementStart, index]);
          elementStart = index + 1;
        } else if (depth === 1) {
          keyStart = -1;
          lastKey = null;
        }
        break;
      case COLON:
        if (depth === 1) keyStart = -2; // the value follows: no key until the next comma
        break;
    }
    if (depth === 0) {
      // The envelope closed: only whitespace may follow, as JSON.parse requires.
      return isBlank(bytes, index + 1, bytes.length) ? arrays : null;
    }
  }
  return null;
}

/** The answer's top-level object with each of `arrays` empty. */
function envelopeOf(bytes: Buffer, arrays: readonly ArraySpan[]): Record<string, unknown> {
  let envelope = "";
  let from = 0;
  for (const array of arrays) {
    envelope += bytes.toString("utf8", from, array.open) + "[]";
    from = array.close + 1;
  }
  envelope += bytes.toString("utf8", from, bytes.length);
  return JSON.parse(envelope) as Record<string, unknown>;
}

function elementOf(bytes: Buffer, [start, end]: readonly [number, number]): unknown {
  return JSON.parse(bytes.toString("utf8", start, end)) as unknown;
}

/** The quote that ends the string opened at `open` (memchr-fast `indexOf`, then its escaping checked), or -1. */
function closingQuote(bytes: Buffer, open: number): number {
  let quote = bytes.indexOf(QUOTE, open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return -1;
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Only JSON whitespace (or nothing) between `start` and `end`: an empty answer, read without decoding it. */
export function isBlank(bytes: Buffer, start = 0, end = bytes.length): boolean {
  for (let index = start; index < end; index++) if (!isWhitespace(bytes[index]!)) return false;
  return true;
}
