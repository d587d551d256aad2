// The shape of a JSON answer (keys and value types, recursively) and the differences between two shapes: how the
// contract suite tells whether fakecloud answers like the real service, independent of the data each holds.

type JsonType = "string" | "number" | "boolean" | "array" | "object";

/** Every record of a list is merged into one shape, so a key seen in any record counts. */
export interface Shape {
  /** The non-null types seen at this path (null is state, not shape: `task_state` is null until a task runs). */
  types: Set<JsonType>;
  keys: Map<string, Shape>;
  element: Shape | null;
}

export interface ShapeDifference {
  path: string;
  real: string;
  fake: string;
}

const emptyShape = (): Shape => ({ types: new Set(), keys: new Map(), element: null });

function jsonType(value: unknown): JsonType | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return type;
  return "object";
}

export function shapeOf(value: unknown, into: Shape = emptyShape()): Shape {
  const type = jsonType(value);
  if (type === null) return into;
  into.types.add(type);
  if (type === "array") {
    for (const item of value as unknown[]) into.element = shapeOf(item, into.element ?? emptyShape());
  } else if (type === "object") {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      into.keys.set(key, shapeOf(item, into.keys.get(key) ?? emptyShape()));
    }
  }
  return into;
}

const describe = (shape: Shape): string => (shape.types.size === 0 ? "null" : [...shape.types].sort().join("|"));

/**
 * Compares the real service's shape with fakecloud's. `isDataMap(path)` marks objects whose keys are data, not
 * schema (metadata, allocations keyed by consumer, addresses keyed by network name): only their values' types count.
 */
export function compareShapes(
  real: Shape,
  fake: Shape,
  isDataMap: (path: string) => boolean = () => false,
  path = "",
  differences: ShapeDifference[] = [],
): ShapeDifference[] {
  const shared = [...real.types].filter((t) => fake.types.has(t));
  if (real.types.size > 0 && fake.types.size > 0 && shared.length === 0) {
    differences.push({ path: path || "(body)", real: describe(real), fake: describe(fake) });
    return differences;
  }
  if (real.types.has("object") && fake.types.has("object")) {
    if (isDataMap(path)) {
      const merge = (shape: Shape) => [...shape.keys.values()].reduce((acc, s) => mergeShapes(acc, s), emptyShape());
      compareShapes(merge(real), merge(fake), isDataMap, `${path}.*`, differences);
    } else {
      for (const [key, realChild] of real.keys) {
        const child = path ? `${path}.${key}` : key;
        const fakeChild = fake.keys.get(key);
        if (!fakeChild) differences.push({ path: child, real: describe(realChild), fake: "absent" });
        else compareShapes(realChild, fakeChild, isDataMap, child, differences);
      }
      for (const [key, fakeChild] of fake.keys) {
        if (!real.keys.has(key)) {
          differences.push({ path: path ? `${path}.${key}` : key, real: "absent", fake: describe(fakeChild) });
        }
      }
    }
  }
  if (real.element && fake.element) compareShapes(real.element, fake.element, isDataMap, `${path}[]`, differences);
  return differences;
}

function mergeShapes(a: Shape, b: Shape): Shape {
  const merged: Shape = { types: new Set([...a.types, ...b.types]), keys: new Map(a.keys), element: a.element };
  for (const [key, shape] of b.keys)
    merged.keys.set(key, merged.keys.has(key) ? mergeShapes(merged.keys.get(key)!, shape) : shape);
  if (b.element) merged.element = merged.element ? mergeShapes(merged.element, b.element) : b.element;
  return merged;
}

export function formatDifferences(call: string, differences: readonly ShapeDifference[]): string {
  return `${call}:\n` + differences.map((d) => `  ${d.path}: real ${d.real}, fakecloud ${d.fake}`).join("\n");
}
