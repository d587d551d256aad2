// Seeders of Keystone's resource types: projects and domains with keystone's defaults.

import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { Seeder } from "../../service-module.ts";

export const projectSeeder: Seeder = {
  timeFormat: "iso-micro-z",
  build(partial, ctx) {
    const domainId = typeof partial["domain_id"] === "string" ? partial["domain_id"] : "default";
    if (!ctx.state.collection("identity.domain").has(domainId)) {
      throw new InvalidFieldError("domain_id", `expected the id of an existing domain, got "${domainId}"`);
    }
    if (typeof partial["name"] !== "string" || partial["name"] === "") {
      throw new InvalidFieldError("name", "expected a non-empty string");
    }
    return {
      description: "",
      enabled: true,
      parent_id: domainId,
      is_domain: false,
      tags: [],
      options: {},
      ...partial,
      domain_id: domainId,
    };
  },
};

export const domainSeeder: Seeder = {
  timeFormat: "iso-micro-z",
  build(partial) {
    if (typeof partial["name"] !== "string" || partial["name"] === "") {
      throw new InvalidFieldError("name", "expected a non-empty string");
    }
    return { description: "", enabled: true, tags: [], options: {}, ...partial };
  },
};
