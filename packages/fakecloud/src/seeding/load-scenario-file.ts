// Reads a scenario file (YAML or JSON; JSON is YAML) and names the file and key of any problem.

import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { ScenarioError } from "./scenario-error.ts";
import { scenarioSchema, type Scenario } from "./scenario.ts";

export function parseScenarioText(text: string, source: string): Scenario {
  let document: unknown;
  try {
    document = parse(text) as unknown;
  } catch (error) {
    throw new ScenarioError(source, `not valid YAML or JSON: ${(error as Error).message.split("\n")[0] ?? ""}`);
  }
  const parsed = scenarioSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ScenarioError(`${source}: ${issue.path.join(".") || "(top level)"}`, issue.message);
  }
  return document as Scenario;
}

export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ScenarioError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseScenarioText(text, path);
}
