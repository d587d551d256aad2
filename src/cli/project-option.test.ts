// `--project` takes a name or an id (as `openstack --os-project-name` users expect), resolved through Keystone's
// project list; a name that matches nothing fails with one line instead of reporting a clean cloud.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type FakeCloud, type Scenario, startFakeCloud } from "@stacksweep/fakecloud";
import { EXIT } from "./exit-codes.ts";
import { exitForError } from "./exit-for-error.ts";
import { fakeCloudEnvironment } from "./fake-cloud-environment.ts";
import { purgeCommand } from "./purge.ts";
import { scanCommand } from "./scan.ts";

const GONE = "0d5e9f3c6b7a4e21a0b1c2d3e4f5a6b7";
const WEB_DEFAULT = "1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6";
const SCENARIO: Scenario = {
  domains: [{ name: "edge" }],
  projects: [
    { name: "acme" },
    { id: WEB_DEFAULT, name: "web" },
    { name: "web", domain: "edge" },
    { id: GONE, name: "gone", deleted: true },
  ],
  resources: {
    "block-storage.volume": [
      { name: "acme-broken", status: "error", "os-vol-tenant-attr:tenant_id": "@project/acme" },
      { name: "web-broken", status: "error", "os-vol-tenant-attr:tenant_id": WEB_DEFAULT },
      { name: "orphan", status: "available", "os-vol-tenant-attr:tenant_id": GONE },
    ],
  },
};

let cloud: FakeCloud;
beforeAll(async () => {
  cloud = await startFakeCloud({ scenario: SCENARIO });
});
afterAll(async () => {
  await cloud.close();
});

interface Outcome {
  code: number | undefined;
  stdout: string;
  error?: { exitCode: number; line: string };
}

async function run(command: typeof scanCommand | typeof purgeCommand, args: string[]): Promise<Outcome> {
  for (const [name, value] of Object.entries(fakeCloudEnvironment(cloud.cloudsYamlEntry()))) vi.stubEnv(name, value);
  vi.stubEnv("STACKSWEEP_CONFIG", "");
  let stdout = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  process.exitCode = undefined;
  try {
    await command().exitOverride().parseAsync(args, { from: "user" });
    return { code: typeof process.exitCode === "number" ? process.exitCode : undefined, stdout };
  } catch (error) {
    return { code: undefined, stdout, error: exitForError(error) };
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    process.exitCode = undefined;
  }
}

const names = (stdout: string): string[] =>
  (JSON.parse(stdout) as { findings: { resource: { name: string } }[] }).findings.map((f) => f.resource.name).sort();

describe("--project NAME|ID", () => {
  it("resolves a name to its project's id and reports only that project's resources", async () => {
    const outcome = await run(scanCommand, ["--project", "acme", "-f", "json"]);
    expect(outcome.error).toBeUndefined();
    expect(names(outcome.stdout)).toEqual(["acme-broken"]);
  });

  it("fails with one usage line, before reporting anything, when no project has the name", async () => {
    const outcome = await run(scanCommand, ["--project", "admin-typo", "-f", "json"]);
    expect(outcome.stdout).toBe("");
    expect(outcome.error?.exitCode).toBe(EXIT.usage);
    expect(outcome.error?.line).toMatch(/^command line: --project: "admin-typo": no project of this name or id among/);
  });

  it("asks for the domain when two domains have a project of that name, and takes --project-domain", async () => {
    const ambiguous = await run(scanCommand, ["--project", "web", "-f", "json"]);
    expect(ambiguous.error?.exitCode).toBe(EXIT.usage);
    expect(ambiguous.error?.line).toMatch(/2 projects have this name .* in domain edge .*add --project-domain/);
    const chosen = await run(scanCommand, ["--project", "web", "--project-domain", "default", "-f", "json"]);
    expect(names(chosen.stdout)).toEqual(["web-broken"]);
    const other = await run(scanCommand, ["--project", "web", "--project-domain", "edge", "-f", "json"]);
    expect(names(other.stdout)).toEqual([]);
  });

  it("takes the id of a project Keystone no longer has (what purge is for)", async () => {
    const outcome = await run(purgeCommand, ["--project", GONE]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.stdout).toContain("orphan");
    const byName = await run(purgeCommand, ["--project", "gone"]);
    expect(byName.error?.exitCode).toBe(EXIT.usage);
    expect(byName.stdout).toBe("");
  });

  it("purge resolves a live project's name too, and plans its resources", async () => {
    const outcome = await run(purgeCommand, ["--project", "acme"]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.stdout).toContain("acme-broken");
    expect(outcome.stdout).not.toContain("web-broken");
  });
});
