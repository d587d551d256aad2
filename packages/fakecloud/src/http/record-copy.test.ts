import { describe, expect, it } from "vitest";
import { copyWithout, isInternalFlag } from "./record-copy.ts";

describe("copyWithout", () => {
  it("keeps the record's key order, leaves out the named keys and does not touch the record", () => {
    const record = { id: "a", "fakecloud:down_cell": true, name: "web", 7: "integer key", status: "ACTIVE" };
    const shown = copyWithout(record, isInternalFlag);
    expect(Object.keys(shown)).toEqual(["7", "id", "name", "status"]);
    expect(JSON.stringify(shown)).toBe('{"7":"integer key","id":"a","name":"web","status":"ACTIVE"}');
    expect(record["fakecloud:down_cell"]).toBe(true);
    shown["name"] = "changed";
    expect(record.name).toBe("web");
  });
});
