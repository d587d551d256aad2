import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { resourceType } from "../inventory/registry.ts";
import { ACTIONS } from "../remediation/actions/registry.ts";
import { referencesFor } from "./confirms.ts";
import { CHECKS } from "./registry.ts";

const checksDir = new URL(".", import.meta.url);
/** Every field a check reads with a typed accessor or copies as evidence, as written in its source. */
const FIELD_READ = /\b(?:text|num|bool|objects|strings|object)\(\w+, "([^"]+)"\)/g;

describe("check registry", () => {
  it("registers every check folder exactly once, under its own id", () => {
    const folders = readdirSync(checksDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "support")
      .map((e) => e.name)
      .sort();
    expect([...CHECKS.keys()].sort()).toEqual(folders);
    for (const [id, check] of CHECKS) expect(check.id).toBe(id);
  });

  it("lists the checks in the catalog's order, starting with orphaned-resource and ending with clock-skew", () => {
    const ids = [...CHECKS.keys()];
    expect(ids[0]).toBe("orphaned-resource");
    expect(ids.at(-1)).toBe("clock-skew");
  });

  it("gives every check a readme, a description and thresholds with units in their names", () => {
    for (const [id, check] of CHECKS) {
      expect(readFileSync(new URL(`${id}/readme.md`, checksDir), "utf8")).toContain(`# ${id}`);
      expect(check.description.length).toBeGreaterThan(20);
      for (const key of Object.keys(check.thresholds)) expect(key).toMatch(/(Seconds|Days|Ports|Tag|Percent)$/);
    }
  });

  it("says for every threshold, in one line, why its default is what it is", () => {
    for (const [id, check] of CHECKS) {
      const reasons = check.thresholdReasons ?? {};
      expect(Object.keys(reasons).sort(), id).toEqual(Object.keys(check.thresholds).sort());
      for (const reason of Object.values(reasons)) expect(reason, id).toMatch(/^[^\n]{20,300}$/);
    }
  });

  it("only reads fields that the resource types of its inputs declare (so collect() keeps them)", () => {
    for (const [id, check] of CHECKS) {
      const source = readFileSync(new URL(`${id}/index.ts`, checksDir), "utf8");
      const declared = new Set(
        [...check.needs, ...(check.optional ?? [])].flatMap((type) => resourceType(type).fields),
      );
      // Fields of nested objects (attachments[].server_id, fault.message, image.id) are read from a parent field.
      const nested = new Set([
        "server_id",
        "attachment_id",
        "message",
        "id",
        "consumer_uuid",
        "resource_provider_uuid",
        "used",
        "available",
      ]);
      for (const match of source.matchAll(FIELD_READ)) {
        const field = match[1] ?? "";
        if (nested.has(field) || check.needs.length + (check.optional?.length ?? 0) === 0) continue;
        expect(declared.has(field), `${id} reads "${field}", which none of its input types declares`).toBe(true);
      }
    }
  });

  it("confirms only references a resource type it reads declares, so the scan looks them up and apply again", () => {
    for (const [id, check] of CHECKS) {
      for (const confirm of check.confirms ?? []) {
        const declaring = [...check.needs, ...(check.optional ?? [])].filter(
          (type) => referencesFor(type, confirm).length > 0,
        );
        expect(
          declaring,
          `${id} confirms ${confirm.type} from "${confirm.idsFrom}", which no input type declares in its references`,
        ).not.toEqual([]);
      }
    }
  });

  it("names remediation actions by their registry id, and each follow-up as an action on the same resource", () => {
    for (const [id, check] of CHECKS) {
      for (const step of check.remediation) {
        if (step.action === "report") {
          expect(step.call, `${id}: a report step says what to do`).toMatch(/^none: report to /);
          continue;
        }
        const action = ACTIONS.get(step.action);
        expect(action, `${id}: ${step.action} is no registered action`).toBeDefined();
        if (step.then === undefined) continue;
        const then = ACTIONS.get(step.then);
        expect(then, `${id}: then ${step.then} is no registered action`).toBeDefined();
        expect(then?.resourceType, `${id}: ${step.then} acts on another resource than ${step.action}`).toBe(
          action?.resourceType,
        );
      }
    }
  });
});
