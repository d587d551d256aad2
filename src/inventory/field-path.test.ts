import { describe, expect, it } from "vitest";
import { readFieldPath } from "./field-path.ts";

describe("readFieldPath", () => {
  it("reads one field's non-empty string, and nothing for any other value", () => {
    expect(readFieldPath({ device_id: "s1" }, "device_id")).toEqual(["s1"]);
    for (const value of ["", null, 7, true, { id: "s1" }, ["s1"], undefined]) {
      expect(readFieldPath({ device_id: value }, "device_id")).toEqual([]);
    }
    expect(readFieldPath({}, "device_id")).toEqual([]);
    // The same path from another record gives that record's value: a path is split once, its values never kept.
    expect(readFieldPath({ device_id: "s2" }, "device_id")).toEqual(["s2"]);
  });

  it("walks the lists a path marks, through nested objects, skipping what is not there", () => {
    const volume = {
      attachments: [{ server_id: "s1" }, { server_id: "" }, null, "s9", { other: "x" }, { server_id: "s2" }],
      image: { properties: { kernel_id: "k1" } },
      tags: "not-a-list",
    };
    expect(readFieldPath(volume, "attachments[].server_id")).toEqual(["s1", "s2"]);
    expect(readFieldPath(volume, "image.properties.kernel_id")).toEqual(["k1"]);
    expect(readFieldPath(volume, "image.absent.kernel_id")).toEqual([]);
    expect(readFieldPath(volume, "tags[].id")).toEqual([]);
    expect(readFieldPath({ ids: ["a", "", 3, "b"] }, "ids[]")).toEqual(["a", "b"]);
    expect(
      readFieldPath({ groups: [{ rules: [{ id: "r1" }, { id: "r2" }] }, { rules: [] }] }, "groups[].rules[].id"),
    ).toEqual(["r1", "r2"]);
  });
});
