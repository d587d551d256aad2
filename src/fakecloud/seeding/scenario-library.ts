// Scenarios fakecloud can load by name (`--scenario demo`) and the generator of N resources
// (`--resources N`). Their modules register here, one line each.

import { demoScenario } from "../scenarios/demo.ts";
import { generateCloud } from "../scenarios/generator.ts";
import type { Scenario } from "./scenario.ts";

/** Named scenarios, e.g. `demo`. */
export const NAMED_SCENARIOS = new Map<string, () => Scenario>([["demo", demoScenario]]);

/** A generator of a cloud with about `count` resources in a realistic mix, or undefined until one registers. */
export const scenarioGenerator: { generate: ((count: number) => Scenario) | undefined } = {
  generate: (count) => generateCloud({ resources: count }).scenario,
};
