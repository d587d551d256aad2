import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES } from "./registry.ts";
import { RESOURCE_TYPE_IDS } from "./resource-type-id.ts";

describe("resource type registry", () => {
  it("declares every resource type id exactly once, under its own id", () => {
    expect([...RESOURCE_TYPES.keys()].sort()).toEqual([...RESOURCE_TYPE_IDS].sort());
    for (const [id, type] of RESOURCE_TYPES) expect(type.id).toBe(id);
  });

  it("keeps the id, owner and name fields of every type among its record fields", () => {
    for (const type of RESOURCE_TYPES.values()) {
      const kept = new Set(type.fields);
      for (const field of [...type.idFields, type.ownerField, type.nameField]) {
        if (field !== null) expect(kept.has(field), `${type.id}: ${field}`).toBe(true);
      }
      for (const reference of type.references) {
        const head = reference.path.split("[]")[0]!.split(".")[0]!;
        expect(kept.has(head), `${type.id}: reference ${reference.path}`).toBe(true);
      }
    }
  });

  it("lists per-parent types under a parent that is registered and listed first", () => {
    for (const type of RESOURCE_TYPES.values()) {
      if (type.list.kind !== "per-parent") continue;
      const parent = RESOURCE_TYPES.get(type.list.parent);
      expect(parent?.list.kind, type.id).toBe("paged");
      expect(parent?.fields).toContain(type.list.parentIdField);
    }
  });

  it("can confirm every reference target with a show call", () => {
    for (const type of RESOURCE_TYPES.values()) {
      for (const reference of type.references) {
        expect(RESOURCE_TYPES.get(reference.target)?.show?.path, `${type.id} -> ${reference.target}`).toContain("{id}");
      }
      if (type.ownerField !== null) expect(RESOURCE_TYPES.get("identity.project")?.show).not.toBeNull();
    }
  });
});
