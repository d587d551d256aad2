import { describe, expect, it } from "vitest";
import { recordTrimmer } from "./trim-record.ts";

// A shared value is one object for every record naming it: what a check reads and a saved inventory holds is the same
// either way, so sharing is seen here through nested values, whose identity a test can observe (strings are shared
// the same way, but JavaScript cannot tell two equal strings apart).
const nested = (value: number): { ref: number } => ({ ref: value });

describe("recordTrimmer", () => {
  it("keeps exactly the declared fields that are present, never a credential, with their values", () => {
    const trim = recordTrimmer(["id", "name", "adminPass", "tags", "metadata", "absent"]);
    const raw = { id: "s1", name: "web", adminPass: "hunter2", tags: [], metadata: {}, extra: 1, flavor: { ram: 1 } };
    const trimmed = trim(raw);
    expect(trimmed).toEqual({ id: "s1", name: "web", tags: [], metadata: {} });
    expect(Object.keys(trimmed)).toEqual(["id", "name", "tags", "metadata"]);
    expect("absent" in trimmed).toBe(false);
    expect(JSON.stringify(trimmed)).toBe('{"id":"s1","name":"web","tags":[],"metadata":{}}');
    // As plain as a parsed record, though made by a constructor of its own (room for the fields in the object).
    expect(Object.getPrototypeOf(trimmed)).toBe(Object.prototype);
    expect(trimmed.constructor).toBe(Object);
  });

  it("shares a value that repeats, frozen, and keeps each record equal to what was listed", () => {
    const trim = recordTrimmer(["id", "flavor"]);
    const records = Array.from({ length: 50 }, (_, index) => trim({ id: `s${index}`, flavor: nested(index % 3) }));
    expect(records[3]!.flavor).toBe(records[0]!.flavor);
    expect(Object.isFrozen(records[0]!.flavor)).toBe(true);
    expect(records.map((record) => record.flavor)).toEqual(Array.from({ length: 50 }, (_, index) => nested(index % 3)));
  });

  it("stops sharing a field whose first 1,000 values hold fewer than 10 repeats", () => {
    const trim = recordTrimmer(["fault"]);
    for (let index = 0; index < 1000; index++) trim({ fault: nested(index) });
    const first = trim({ fault: nested(-1) });
    const second = trim({ fault: nested(-1) });
    expect(second.fault).toEqual(first.fault);
    expect(second.fault).not.toBe(first.fault);
  });

  it("keeps sharing a field naming parents that its first 1,000 values repeat only 10 times", () => {
    // 990 parents named once, 10 named twice: at a million resources a network or security group id looks so.
    const trim = recordTrimmer(["network"]);
    for (let index = 0; index < 990; index++) trim({ network: nested(index) });
    for (let index = 0; index < 10; index++) trim({ network: nested(index) });
    expect(trim({ network: nested(5000) }).network).toBe(trim({ network: nested(5000) }).network);
  });

  it("always shares the owner field, however few of its first values repeat", () => {
    const trim = recordTrimmer(["owner"], new Map(), ["owner"]);
    for (let index = 0; index < 2000; index++) trim({ owner: nested(index) });
    expect(trim({ owner: nested(7) }).owner).toBe(trim({ owner: nested(7) }).owner);
  });

  it("shares each of more lists and objects than it keeps at hand, and only one of the same JSON text", () => {
    const trim = recordTrimmer(["flavor"]);
    // Seven flavors in turn: more than the few last ones a field compares before looking a value up by its JSON.
    const flavor = (index: number): unknown => ({ vcpus: index % 7, extra_specs: { hw: [index % 7, { numa: null }] } });
    const records = Array.from({ length: 70 }, (_, index) => trim({ flavor: flavor(index) }));
    for (let index = 7; index < 70; index++) expect(records[index]!.flavor).toBe(records[index % 7]!.flavor);
    expect(records.map((record) => record.flavor)).toEqual(Array.from({ length: 70 }, (_, index) => flavor(index)));
    // The same members in another order, a member one level deeper changed, a list against an object: each is its own
    // value.
    const first = trim({ flavor: { a: 1, b: [1, { c: 2 }] } }).flavor;
    expect(trim({ flavor: { a: 1, b: [1, { c: 2 }] } }).flavor).toBe(first);
    for (const other of [
      { b: [1, { c: 2 }], a: 1 },
      { a: 1, b: [1, { c: 3 }] },
      { a: 1, b: { 0: 1, 1: { c: 2 } } },
    ]) {
      const trimmed = trim({ flavor: other }).flavor;
      expect(trimmed).not.toBe(first);
      expect(JSON.stringify(trimmed)).toBe(JSON.stringify(other));
    }
  });

  it("shares one copy between the listings of a scan, and never mixes a string with an object of the same text", () => {
    const shared = new Map<string, unknown>();
    const servers = recordTrimmer(["image"], shared);
    const volumes = recordTrimmer(["image_meta"], shared);
    const image = servers({ image: { id: "i1" } }).image;
    expect(volumes({ image_meta: { id: "i1" } }).image_meta).toBe(image);
    expect(recordTrimmer(["text"], shared)({ text: '{"id":"i1"}' }).text).toBe('{"id":"i1"}');
  });
});
