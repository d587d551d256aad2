import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../config/errors.ts";
import { loadSettingsFile, settingsSchema } from "../config/settings.ts";

async function load(yaml: string): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), "stacksweep-watch-settings-"));
  try {
    await writeFile(join(dir, "stacksweep.yaml"), yaml);
    return loadSettingsFile(join(dir, "stacksweep.yaml")).settings.watch;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the watch section of stacksweep.yaml", () => {
  it("defaults to Keystone's exchange, stacksweep's own queue and the report policy", () => {
    expect(settingsSchema.parse({}).watch).toMatchObject({
      enabled: false,
      exchange: "keystone",
      queue: "stacksweep-orphan-manager",
      policy: "report",
      settle: "10s",
      delay: "0s",
    });
  });

  it.each([
    ["watch:\n  transportUrl: amqp://stack:s3cret@rabbit:5672/\n", /watch\.transportUrl.*rabbit:\/\//],
    ["watch:\n  policy: delete\n", /watch\.policy/],
    ["watch:\n  delay: 1h\n", /watch\.delay.*at most 10 minutes/],
    ["watch:\n  exchnage: keystone\n", /exchnage/],
  ])("names the key and what was expected: %j", async (yaml, message) => {
    const error = await load(yaml).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("s3cret");
  });
});
