// The resource type ids live in the package stacksweep shares with fakecloud (packages/names); inventory is their door.
export { RESOURCE_TYPE_IDS, type ResourceTypeId } from "@stacksweep/names";
