// Seeders of Placement's records: resource providers (one per compute node) and allocations (one record
// per consumer, holding its resources on each provider, as GET /allocations/{consumer_uuid} shows them).

import { InvalidFieldError } from "../../seeding/scenario-error.ts";
import type { Seeder } from "../../service-module.ts";

export const resourceProviderSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial) {
    return {
      name: `compute-${partial.id.slice(0, 8)}`,
      generation: 1,
      parent_provider_uuid: null,
      root_provider_uuid: partial.id,
      ...partial,
      uuid: partial.id,
    };
  },
};

export const allocationSeeder: Seeder = {
  timeFormat: "iso-z",
  build(partial, ctx) {
    const providers = ctx.state.collection("placement.resource-provider");
    let allocations = partial["allocations"];
    if (allocations === undefined) {
      const first = providers.values().next();
      if (first.done === true)
        throw new InvalidFieldError("allocations", "no resource provider exists to allocate from");
      allocations = { [first.value.id]: { resources: { VCPU: 1, MEMORY_MB: 512, DISK_GB: 1 } } };
    }
    if (allocations === null || typeof allocations !== "object" || Array.isArray(allocations)) {
      throw new InvalidFieldError("allocations", "expected {<provider uuid>: {resources: {<class>: <amount>}}}");
    }
    for (const providerId of Object.keys(allocations)) {
      if (!providers.has(providerId)) {
        throw new InvalidFieldError(`allocations.${providerId}`, "expected the uuid of an existing resource provider");
      }
    }
    return {
      project_id: ctx.adminProjectId,
      user_id: ctx.adminUserId,
      consumer_generation: 1,
      consumer_type: "INSTANCE",
      ...partial,
      allocations,
    };
  },
};
