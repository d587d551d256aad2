import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.ts";
import { loadSettings } from "./settings.ts";
import { testDirectory } from "../../test/support/test-directory.ts";

function file(text: string): string {
  const path = join(testDirectory("settings"), "stacksweep.yaml");
  writeFileSync(path, text);
  return path;
}

function error(path: string): ConfigError {
  try {
    loadSettings(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("stacksweep.yaml", () => {
  it("reads every section and fills defaults", () => {
    const settings = loadSettings(
      file(`clouds:
  - cloud: prod
    regions: all
  - cloud: lab
    regions: [RegionOne]
checks:
  disabled: [amphora-outdated]
thresholds:
  volume-stuck:
    maxAgeSeconds: 7200
exclude:
  namePatterns: ["^ci-"]
failOn: critical
`),
    );
    expect(settings.clouds).toEqual([
      { cloud: "prod", regions: "all" },
      { cloud: "lab", regions: ["RegionOne"] },
    ]);
    expect(settings.checks).toEqual({ disabled: ["amphora-outdated"] });
    expect(settings.thresholds["volume-stuck"]).toEqual({ maxAgeSeconds: 7200 });
    expect(settings.exclude).toEqual({ projects: [], resourceTypes: [], namePatterns: ["^ci-"] });
    expect(settings.failOn).toBe("critical");
  });

  it("an unknown key is an error naming file, line and key path", () => {
    const path = file("checks:\n  disabled: []\n  disable: [x]\n");
    expect(error(path).message).toBe(`${path}:3:3: checks.disable: unknown key (check the spelling)`);
  });

  it("wrong values name the key and what was expected", () => {
    const failOn = file("failOn: high\n");
    expect(error(failOn).message).toBe(`${failOn}:1:1: failOn: expected one of info, warning, critical`);
    const types = file("exclude:\n  resourceTypes: [compute.servers]\n");
    expect(error(types).key).toBe("exclude.resourceTypes.0");
    const pattern = file("exclude:\n  namePatterns: ['(']\n");
    expect(error(pattern).message).toContain("expected a valid regular expression");
  });

  it("a missing file named by --config is an error", () => {
    expect(() => loadSettings("/nonexistent/stacksweep.yaml")).toThrow("/nonexistent/stacksweep.yaml: file not found");
  });
});
