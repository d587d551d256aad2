// The service types live in the package stacksweep shares with fakecloud (packages/names); config is their door.
export { SERVICE_TYPES, SERVICE_TYPE_ALIASES, type ServiceType } from "@stacksweep/names";
