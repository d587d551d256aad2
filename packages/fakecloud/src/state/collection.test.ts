import { describe, expect, it } from "vitest";
import { Collection, sortByField, type ResourceRecord } from "./collection.ts";

const byCreatedDesc = sortByField("created", "desc");

function ids(collection: Collection): string[] {
  return collection.sorted(byCreatedDesc).items.map((record) => record.id);
}

function positionsAgree(collection: Collection): boolean {
  const view = collection.sorted(byCreatedDesc);
  return (
    view.items.every((record, index) => view.positionOf.get(record.id) === index) &&
    view.positionOf.size === view.items.length
  );
}

describe("Collection", () => {
  it("keeps a sorted view and its marker index right through inserts, updates and deletes", () => {
    const collection = new Collection();
    collection.insert({ id: "a", created: "2024-01-01T00:00:00Z" });
    collection.insert({ id: "b", created: "2024-01-03T00:00:00Z" });
    expect(ids(collection)).toEqual(["b", "a"]);

    collection.insert({ id: "c", created: "2024-01-02T00:00:00Z" });
    expect(ids(collection)).toEqual(["b", "c", "a"]);
    collection.update("a", { created: "2024-01-04T00:00:00Z" });
    expect(ids(collection)).toEqual(["a", "b", "c"]);
    collection.update("b", { name: "unrelated field" });
    expect(ids(collection)).toEqual(["a", "b", "c"]);
    collection.delete("b");
    expect(ids(collection)).toEqual(["a", "c"]);
    expect(positionsAgree(collection)).toBe(true);
  });

  it("orders equal times by id, so markers stay stable", () => {
    const collection = new Collection();
    for (const id of ["m", "z", "b"]) collection.insert({ id, created: "2024-01-01T00:00:00Z" });
    expect(ids(collection)).toEqual(["z", "m", "b"]);
    collection.insert({ id: "n", created: "2024-01-01T00:00:00Z" });
    expect(ids(collection)).toEqual(["z", "n", "m", "b"]);
    expect(positionsAgree(collection)).toBe(true);
  });

  it("sorts a collection first listed after seeding exactly as the order compares, whatever the field holds", () => {
    const values: unknown[] = ["2024-01-02T00:00:00Z", 7, 30, undefined, null, "", "2024-01-01T00:00:00Z", 7, "b"];
    const records = values.map((created, index) => ({ id: `id-${(index * 7) % values.length}`, created }));
    for (const order of [sortByField("created", "desc"), sortByField("created", "asc"), sortByField("id", "asc")]) {
      const collection = new Collection();
      for (const record of records) collection.insert({ ...record });
      const expected = [...records].sort(order.compare).map((record) => record.id);
      expect(collection.sorted(order).items.map((record) => record.id)).toEqual(expected);
    }
  });

  it("counts a revision on every change and refuses a duplicate id", () => {
    const collection = new Collection();
    collection.insert({ id: "a" });
    const revision = collection.revision;
    collection.update("a", { status: "ERROR" });
    expect(collection.revision).toBeGreaterThan(revision);
    expect(() => collection.insert({ id: "a" })).toThrow(/duplicate/);
  });
});

const byProject = (record: ResourceRecord): string | undefined =>
  typeof record["project_id"] === "string" ? record["project_id"] : undefined;

function names(collection: Collection, project: string): unknown[] {
  return (collection.groupedBy("project_id", byProject).get(project) ?? []).map((record) => record["name"]);
}

describe("Collection.groupedBy", () => {
  it("groups records in insertion order, leaving out those without a key", () => {
    const collection = new Collection();
    collection.insert({ id: "1", name: "a", project_id: "p" });
    collection.insert({ id: "2", name: "b", project_id: "q" });
    collection.insert({ id: "3", name: "c", project_id: "p" });
    collection.insert({ id: "4", name: "d" });
    const groups = collection.groupedBy("project_id", byProject);
    expect([...groups.keys()]).toEqual(["p", "q"]);
    expect(names(collection, "p")).toEqual(["a", "c"]);
    // Unchanged: the same grouping, not walked again.
    expect(collection.groupedBy("project_id", byProject)).toBe(groups);
  });

  it("follows inserts, updates and deletes", () => {
    const collection = new Collection();
    collection.insert({ id: "1", name: "a", project_id: "p" });
    expect(names(collection, "p")).toEqual(["a"]);
    collection.insert({ id: "2", name: "b", project_id: "p" });
    expect(names(collection, "p")).toEqual(["a", "b"]);
    collection.update("1", { project_id: "q" });
    expect([names(collection, "p"), names(collection, "q")]).toEqual([["b"], ["a"]]);
    collection.delete("2");
    expect(names(collection, "p")).toEqual([]);
    collection.clear();
    expect(names(collection, "q")).toEqual([]);
  });
});
