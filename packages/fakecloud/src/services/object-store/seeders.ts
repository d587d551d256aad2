// Seeder of Swift containers: a scenario names a container by its project and name, with how many objects and bytes
// it holds; the objects themselves are made up to match (bulk delete and the object listing need them).

import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import { formatTime } from "../../http/time-format.ts";
import type { Seeder } from "../../service-module.ts";

/** The objects of a container, kept inside its record: fakecloud's own, never shown as a field. */
export const OBJECTS = "fakecloud:objects";

export interface StoredObject {
  name: string;
  bytes: number;
  last_modified: string;
}

export const containerSeeder: Seeder = {
  // Swift lists times as Cinder does: naive UTC with microseconds.
  timeFormat: "iso-micro",
  build(partial, ctx) {
    const projectId = partial["project_id"] ?? ctx.adminProjectId;
    if (typeof projectId !== "string" || projectId === "")
      throw new InvalidFieldError("project_id", "the id of the project whose account holds it");
    const name = partial["name"];
    if (typeof name !== "string" || name === "" || name.includes("/"))
      throw new InvalidFieldError("name", "a container name without '/'");
    const count = partial["count"] ?? 0;
    const bytes = partial["bytes"] ?? 0;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0)
      throw new InvalidFieldError("count", "a number of objects (integer, 0 or more)");
    if (typeof bytes !== "number" || !Number.isInteger(bytes) || bytes < 0 || (count === 0 && bytes > 0))
      throw new InvalidFieldError("bytes", "the bytes its objects hold (integer, 0 or more; 0 without objects)");
    const lastModified =
      typeof partial["last_modified"] === "string" ? partial["last_modified"] : formatTime(ctx.now, "iso-micro");
    const objects: StoredObject[] = Array.from({ length: count }, (_, index) => ({
      name: `object-${String(index + 1).padStart(6, "0")}`,
      // The bytes spread over the objects, the remainder on the first.
      bytes: Math.floor(bytes / count) + (index === 0 ? bytes % count : 0),
      last_modified: lastModified,
    }));
    return {
      ...partial,
      id: `${projectId}/${name}`,
      project_id: projectId,
      name,
      count,
      bytes,
      last_modified: lastModified,
      [OBJECTS]: objects,
    };
  },
};
