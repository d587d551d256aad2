// What every type read from the services' own databases (src/deep/database) has in common: the database source
// lists it, and nothing confirms a reference to it or shows it by id through an API.
import type { ResourceType } from "../resource-type.ts";

export function listedFromDatabase(type: Omit<ResourceType, "list" | "show" | "references">): ResourceType {
  return { ...type, list: { kind: "deep", source: "database" }, show: null, references: [] };
}
