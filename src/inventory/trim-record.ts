// Keeps only the declared fields of an API record, so 100k records fit in memory and a saved inventory holds
// only what checks read; and keeps one copy of the values many records repeat (owner project ids, networks,
// hosts, a server's flavor and image), so that a million records fit too.

import type { ResourceType } from "./resource-type.ts";

/**
 * Fields that may carry credentials (Cinder's `connection_info` holds CHAP secrets, Nova's `adminPass`): never
 * kept, even if a declaration asked for them, so no inventory, report or saved file can leak them.
 */
const NEVER_KEPT = new Set(["connection_info", "adminPass", "auth_password", "password", "secret"]);

/** Values of a field looked at before deciding whether they repeat enough to be shared. */
const SAMPLE = 1000;

/**
 * Repeats among a field's first 1,000 values below which it stops being shared: ids and names (none in 1,000 on the
 * generated clouds), where a map entry per unique value would cost more than it saves. A field naming a parent (a
 * network, a zone, a security group) repeats rarely among its first 1,000 values when a cloud has many parents (at a
 * million resources, 28,500 networks: 17 to 100 times; the former rule asked for 500), yet each parent is named dozens
 * of times in all, and a value shared saves a copy of 56 bytes for a uuid.
 */
const MIN_REPEATS = 10;

/**
 * Strings up to this length are one copy already: V8's JSON.parse internalizes them, as it does keys (a million
 * `"ACTIVE"` take 8 bytes each, eleven characters take 40), so looking them up would save nothing. Not looking them up
 * made trimming and sharing pages of servers, volumes and ports 4% faster.
 */
const INTERNALIZED_LENGTH = 10;

/** Empty lists and objects, the commonest nested values (`tags`, `metadata`), shared by every record that has one. */
const EMPTY_LIST: readonly unknown[] = Object.freeze([]);
const EMPTY_OBJECT: Readonly<Record<string, never>> = Object.freeze({});

/** Whether one field's values repeat: each value is looked up in the shared table until a sample says they do not. */
interface FieldSharing {
  looked: number;
  found: number;
  on: boolean;
  /** Shared whatever the sample says (a declared owner field). */
  always: boolean;
  /** The field's last shared lists and objects, latest first: compared before one is looked up by its JSON. */
  recent: object[];
}

/**
 * Lists and objects a field remembers (`FieldSharing.recent`). A nested value is looked up by its JSON, and writing
 * that costs more than the rest of a record's trimming (≈ 0.8 µs for a server's flavor or image), while a cloud's
 * servers name a handful of flavors and images: comparing with the last few finds most of them without it (trimming
 * and sharing a page of servers, volumes and ports took a fifth less time).
 */
const RECENT = 4;

/**
 * Keeps the declared fields of the records of one listing (never a credential), and shares equal values between records: a field whose first
 * values mostly repeat (an owner, a network, a host, a status, a server's flavor and image) keeps one copy of each
 * value in `shared`; a field of unique values (ids, times) stops being looked up after the sample. A JSON answer
 * gives each record its own copy of every string and object: at a million records the copies are half the memory.
 * Shared values are frozen, as every record is read-only once listed.
 */
export function recordTrimmer(
  fields: readonly string[],
  shared: Map<string, unknown> = new Map(),
  alwaysShared: readonly string[] = [],
): (record: Record<string, unknown>) => Record<string, unknown> {
  const kept = fields.filter((field) => !NEVER_KEPT.has(field));
  // An owner is shared whatever its first values look like: a cloud of 28,500 projects repeats few of them in a
  // sample of 1,000 records, yet each names its project 35 times over (56 bytes a copy, 53 MB at a million records).
  const sharing = kept.map((field): FieldSharing => ({
    looked: 0,
    found: 0,
    on: true,
    always: alwaysShared.includes(field),
    recent: [],
  }));
  const share = (value: unknown, field: FieldSharing): unknown => {
    if (typeof value === "object" && value !== null) {
      if (Array.isArray(value)) {
        if (value.length === 0) return EMPTY_LIST;
      } else if (isEmpty(value)) return EMPTY_OBJECT;
    } else if (typeof value !== "string" || value.length <= INTERNALIZED_LENGTH) return value;
    if (!field.on) return value;
    // A nested value is compared with the field's last few first (writing its JSON costs more than the rest of a
    // record's trimming), then known by its JSON (marked, so that it never meets a string of the same text).
    let known: unknown = typeof value === "object" ? sameAsRecent(value, field.recent) : undefined;
    let key: string | undefined;
    if (known === undefined) {
      key = typeof value === "string" ? value : `\u0000${JSON.stringify(value)}`;
      known = shared.get(key);
    }
    field.looked += 1;
    if (known !== undefined) field.found += 1;
    if (field.looked === SAMPLE && field.found < MIN_REPEATS && !field.always) field.on = false;
    if (known === undefined && field.on) shared.set(key!, typeof value === "object" ? Object.freeze(value) : value);
    const one = known ?? value;
    if (key !== undefined && typeof one === "object" && field.on) {
      field.recent.unshift(one);
      if (field.recent.length > RECENT) field.recent.pop();
    }
    return one;
  };
  const newRecord = recordConstructor();
  return (record) => {
    const trimmed = newRecord();
    for (let index = 0; index < kept.length; index++) {
      const field = kept[index]!;
      if (Object.hasOwn(record, field)) trimmed[field] = share(record[field], sharing[index]!);
    }
    return trimmed;
  };
}

/**
 * The trimmer of a type's records: its declared fields, its owner always shared. A listing makes its records with it,
 * and a saved inventory's records are made again with it when it is replayed.
 */
export function typeTrimmer(
  type: Pick<ResourceType, "fields" | "ownerField">,
  shared: Map<string, unknown>,
): (record: Record<string, unknown>) => Record<string, unknown> {
  return recordTrimmer(type.fields, shared, type.ownerField === null ? [] : [type.ownerField]);
}

/**
 * Makes the records of one listing with every kept field inside the object. A record built from `{}` holds its first
 * four fields in the object and the others in a separate array that grows three at a time: 24–32 bytes more per
 * record than one object of the right size (at a million resources the records held after listing fell from 370 to
 * 344 MB). V8 sizes what a constructor makes by the `this.name =` assignments in its body, run or not, and trims the
 * room none of its first few objects used (in-object slack tracking); each listing has its own constructor, so each
 * is trimmed to its own fields. Its prototype is `Object.prototype`: a record is as plain as one parsed from JSON.
 */
function recordConstructor(): () => Record<string, unknown> {
  // Room for 24 fields (an API type keeps at most 17; a Ceph image's 29 spill into the array as before). Never run:
  // only V8's parser reads it.
  function ListedRecord(this: Record<string, unknown>, sizing?: true): void {
    if (sizing) {
      this.f0 = this.f1 = this.f2 = this.f3 = this.f4 = this.f5 = this.f6 = this.f7 = undefined;
      this.f8 = this.f9 = this.f10 = this.f11 = this.f12 = this.f13 = this.f14 = this.f15 = undefined;
      this.f16 = this.f17 = this.f18 = this.f19 = this.f20 = this.f21 = this.f22 = this.f23 = undefined;
    }
  }
  ListedRecord.prototype = Object.prototype;
  const Constructor = ListedRecord as unknown as new () => Record<string, unknown>;
  return () => new Constructor();
}

/** The one of `recent` with the same JSON text as `value`. */
function sameAsRecent(value: object, recent: readonly object[]): object | undefined {
  for (const one of recent) if (sameJson(value, one)) return one;
  return undefined;
}

/**
 * Whether two values have the same JSON text, without writing it: the same members in the same order (JSON.stringify's),
 * each the same. Only lists and plain objects are compared member by member (records come from JSON, or from sources
 * that give strings for dates): any other object is the same only as itself, and is looked up by its JSON.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameJson(a[index], b[index])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    if (key !== otherKeys[index]) return false;
    if (!sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function isEmpty(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}
