// Saves and loads the inventories of a scan, so it can be replayed offline (tests, bug reports). An inventory
// holds API records trimmed to declared fields and never a token or password; the write is atomic.
import { open } from "node:fs/promises";
import { ConfigError } from "../config/errors.ts";
import { WRITE_PIECE_CHARS, writeReport } from "../files/write-report.ts";
import { LargeJsonReader, type ElementMaps } from "../openstack/transport/parse-json-body.ts";
import type { Inventory } from "./inventory.ts";
import { RESOURCE_TYPES } from "./registry.ts";
import type { ResourceTypeId } from "./resource-type-id.ts";
import { typeTrimmer } from "./trim-record.ts";
import { INVENTORY_FILE_KIND, INVENTORY_FILE_SCHEMA_VERSION, inventoryFileSchema } from "./inventory-file-schema.ts";

export async function saveInventories(
  path: string,
  inventories: readonly Inventory[],
  now = new Date(),
): Promise<void> {
  const file = {
    kind: INVENTORY_FILE_KIND,
    schemaVersion: INVENTORY_FILE_SCHEMA_VERSION,
    savedAt: now.toISOString(),
    inventories,
  };
  // Written beside the target then renamed: a reader never sees half a file, and a crash leaves the old one. Records
  // are what the cloud holds, so a new file is for this user only.
  await writeReport(path, inPieces(jsonChunks(file, 0)), 0o600);
}

/** The chunks joined into pieces of about WRITE_PIECE_CHARS, and the file's last line break. */
function* inPieces(chunks: Iterable<string>): Generator<string> {
  let pending = "";
  for (const chunk of chunks) {
    pending += chunk;
    if (pending.length >= WRITE_PIECE_CHARS) {
      yield pending;
      pending = "";
    }
  }
  yield `${pending}\n`;
}

/** Bytes read from the file at a time. */
const READ_BYTES = 4 * 1024 * 1024;

/** Depths of the containers split into members: the file, its inventories, one of them, its resources, a type's list. */
const SPLIT_DEPTH = 4;

/**
 * The file's text as `JSON.stringify(value, null, 1)` writes it, in pieces: a million resources' records are more
 * text than the longest string V8 makes (≈ 512 MB), and saving them ended with "Invalid string length". Containers
 * down to SPLIT_DEPTH are written member by member, everything below them (a record) whole. The pieces of a value
 * are indented to its depth: a line break inside a JSON string is written `\n`, so every raw one is between values.
 */
function* jsonChunks(value: unknown, depth: number): Generator<string> {
  const inside = `\n${" ".repeat(depth + 1)}`;
  if (depth <= SPLIT_DEPTH && Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    for (const [index, member] of value.entries()) {
      yield `${index === 0 ? "[" : ","}${inside}`;
      if (member === undefined || typeof member === "function") yield "null";
      else yield* jsonChunks(member, depth + 1);
    }
    yield `\n${" ".repeat(depth)}]`;
    return;
  }
  if (depth <= SPLIT_DEPTH && isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, member]) => member !== undefined && typeof member !== "function");
    if (entries.length === 0) {
      yield "{}";
      return;
    }
    for (const [index, [key, member]] of entries.entries()) {
      yield `${index === 0 ? "{" : ","}${inside}${JSON.stringify(key)}: `;
      yield* jsonChunks(member, depth + 1);
    }
    yield `\n${" ".repeat(depth)}}`;
    return;
  }
  yield JSON.stringify(value, null, 1).replaceAll("\n", `\n${" ".repeat(depth)}`);
}

/** An object JSON.stringify writes key by key: no `toJSON` of its own (a Date's). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

export async function loadInventories(path: string): Promise<Inventory[]> {
  const unreadable = (error: unknown): ConfigError => {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return new ConfigError({ file: path, key: "", expected: `a readable inventory file (${code})` });
  };
  let data: unknown;
  // Read a few megabytes at a time, never whole: the inventory of a million resources is 654 MB of text, longer than
  // any string V8 makes, and held whole it was more than half of the replay's peak.
  const reader = new LargeJsonReader(asListed());
  const handle = await open(path).catch((error: unknown) => {
    throw unreadable(error);
  });
  try {
    const piece = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(piece, 0, READ_BYTES).catch((error: unknown) => {
        throw unreadable(error);
      });
      if (bytesRead === 0) break;
      // The reader keeps no part of a piece: the next read reuses it.
      reader.push(piece.subarray(0, bytesRead));
    }
    data = reader.end();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError({ file: path, key: "", expected: "a JSON inventory saved by --save-inventory" });
  } finally {
    await handle.close();
  }
  const parsed = inventoryFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue === undefined ? "" : issue.path.map(String).join(".");
    const expected =
      issue?.code === "invalid_value" && issue.path.length <= 1 && key !== ""
        ? `${issue.message} (a ${INVENTORY_FILE_KIND} file of schema version ${INVENTORY_FILE_SCHEMA_VERSION})`
        : (issue?.message ?? "a valid inventory");
    throw new ConfigError({ file: path, key, expected });
  }
  return parsed.data.inventories;
}

/**
 * Each saved record made again as a listing makes it (`collect`): its declared fields in an object of the right size,
 * the values records repeat shared between the records of its inventory. Parsed as saved, every record held its own
 * copy of its owner, its network, its status: a million resources took 1.44 GB to replay against the 550 MB of the
 * scan that saved them. A record that is not an object is left for the schema to refuse.
 */
function asListed(): ElementMaps {
  const tables = new Map<string, Map<string, unknown>>();
  return {
    // The file, its `inventories`, one of them, its `resources`, one type's records.
    depth: 4,
    at: ([inventories, index, resources, typeId]) => {
      const type = RESOURCE_TYPES.get(typeId as ResourceTypeId);
      if (inventories !== "inventories" || resources !== "resources" || type === undefined) return undefined;
      let shared = tables.get(index!);
      if (shared === undefined) tables.set(index!, (shared = new Map<string, unknown>()));
      const trim = typeTrimmer(type, shared);
      return (record) =>
        typeof record === "object" && record !== null && !Array.isArray(record)
          ? trim(record as Record<string, unknown>)
          : record;
    },
  };
}
