// Scenarios fakecloud can load by name (`--scenario demo`) and the generator of N resources (`--resources N`,
// `POST /_control/generate`). They speak in stacksweep's check ids, so they live with the product, not in fakecloud.

import type { Scenario } from "@stacksweep/fakecloud";
import { demoScenario } from "./demo.ts";
import { generateCloud } from "./generator.ts";

/** Named scenarios, e.g. `demo`. */
export const NAMED_SCENARIOS = new Map<string, () => Scenario>([["demo", demoScenario]]);

/** A cloud with about `count` resources in a realistic mix. */
export function generateScenario(count: number): Scenario {
  return generateCloud({ resources: count }).scenario;
}
