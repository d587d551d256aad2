// fakecloud's public face: what stacksweep's cli, tests and benchmarks use. Everything else is internal.
export { startFakeCloud, type FakeCloud, type FakeCloudOptions } from "./server.ts";
export type { Scenario } from "./seeding/scenario.ts";
export type { SeedOutcome } from "./seeding/seed.ts";
export { loadScenarioFile } from "./seeding/load-scenario-file.ts";
export { ScenarioError } from "./seeding/scenario-error.ts";
export { amqpOptionsOf, notificationBody, TransportUrlError } from "./notifications/keystone-notifier.ts";
