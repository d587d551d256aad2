// The `openstack` CLI's habits, through the real command line (a child process): global options before the
// command, `--os-*` overrides of the selected cloud or a cloud described by them alone, `--insecure`,
// `--all-projects`, `-f value -c COLUMN`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "@stacksweep/fakecloud";
import { remediationFixture, type RemediationFixture } from "../../test/support/remediation/remediation-fixture.ts";
import { EXIT } from "./exit-codes.ts";
import { runCli } from "./run-cli.ts";

const SCENARIO: Scenario = {
  projects: [{ name: "acme" }],
  resources: {
    "block-storage.volume": [
      { name: "broken-1", status: "error", "os-vol-tenant-attr:tenant_id": "@project/acme" },
      { name: "broken-2", status: "error", "os-vol-tenant-attr:tenant_id": "@project/acme" },
    ],
  },
};

let fx: RemediationFixture;
beforeAll(async () => {
  fx = await remediationFixture(SCENARIO);
});
afterAll(async () => {
  await fx.close();
});

describe("openstack CLI options", () => {
  it("takes --os-cloud before the command, and -f value -c COLUMN prints just those columns", async () => {
    const run = await runCli(
      [
        "--os-cloud",
        "fake",
        "scan",
        "--all-projects",
        "--checks",
        "volume-error",
        "-f",
        "value",
        "-c",
        "Name",
        "-c",
        "severity",
      ],
      { env: fx.env },
    );
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout.split("\n").filter(Boolean).sort()).toEqual(["broken-1 warning", "broken-2 warning"]);
  });

  it("authenticates from --os-auth-url and the other --os-* options alone, as OS_* variables would", async () => {
    const auth = fx.cloud.cloudsYamlEntry()["auth"] as Record<string, string>;
    const run = await runCli(
      [
        "--os-auth-url",
        auth["auth_url"]!,
        "--os-username",
        auth["username"]!,
        "--os-password",
        auth["password"]!,
        "--os-user-domain-name",
        auth["user_domain_name"]!,
        "--os-project-name",
        auth["project_name"]!,
        "--os-project-domain-name",
        auth["project_domain_name"]!,
        "--insecure",
        "scan",
        "--checks",
        "volume-error",
        "-f",
        "value",
        "-c",
        "name",
      ],
      { env: { HOME: fx.dir } },
    );
    expect(run.stderr).not.toContain("password");
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout.split("\n").filter(Boolean).sort()).toEqual(["broken-1", "broken-2"]);
  });

  it("lets an --os-* option override the selected cloud's key, before or after the command", async () => {
    for (const args of [
      ["--os-cloud", "fake", "--os-password", "wrong-password", "scan", "-f", "json"],
      ["scan", "--os-cloud", "fake", "--os-password", "wrong-password", "-f", "json"],
    ]) {
      const run = await runCli(args, { env: fx.env });
      expect(run.code).toBe(EXIT.unreachable);
      expect(run.stderr).toContain("refused the password of user");
      expect(run.stderr).not.toContain("wrong-password");
    }
  });

  it("names an unknown column in one line, exit 2, before calling the cloud", async () => {
    const run = await runCli(["--os-cloud", "fake", "scan", "-f", "value", "-c", "Colour"], { env: fx.env });
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr.trim()).toBe(
      'stacksweep: command line: -c: "Colour" is not a column; choose from ID, Check, Severity, Type, Resource ID, Name, Project, Cloud, Region, Summary',
    );
  });
});
