// OpenStack's names that stacksweep and fakecloud both speak: the service types and the resource type ids. Each list
// lives here once; the product re-exports them from its stages (config/service-type.ts, inventory/resource-type-id.ts).
export { SERVICE_TYPES, SERVICE_TYPE_ALIASES, type ServiceType } from "./service-type.ts";
export { RESOURCE_TYPE_IDS, type ResourceTypeId } from "./resource-type-id.ts";
