import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fetch } from "undici";
import { parse } from "yaml";
import { afterEach, describe, expect, it } from "vitest";

interface CloudsYaml {
  clouds: { fakecloud: { auth: Record<string, string>; region_name: string } };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Runs `stacksweep fakecloud ...` and resolves with its stdout once the clouds.yaml has been printed. */
function startCommand(args: string[]): Promise<{ stdout: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "fakecloud", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited;
  };
  cleanups.push(async () => {
    await stop();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes("stop with Ctrl-C")) resolve({ stdout, stop });
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${stderr}`)));
  });
}

describe("stacksweep fakecloud", () => {
  it("serves until SIGTERM and prints a clouds.yaml that authenticates as admin", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "fakecloud-cli-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, "clouds.yaml");
    const { stdout, stop } = await startCommand(["--write-clouds-yaml", file]);

    const printed = parse(stdout) as CloudsYaml;
    expect(await readFile(file, "utf8")).toBe(stdout);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { auth, region_name } = printed.clouds.fakecloud;
    expect(region_name).toBe("RegionOne");

    const response = await fetch(`${auth["auth_url"]}/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ["password"],
            password: {
              user: { name: auth["username"], domain: { name: auth["user_domain_name"] }, password: auth["password"] },
            },
          },
          scope: { project: { name: auth["project_name"], domain: { name: auth["project_domain_name"] } } },
        },
      }),
    });
    expect(response.status).toBe(201);
    expect(await stop()).toBe(0);
  });

  it.each([
    ["a scenario file that does not exist", ["--scenario", "no-such-file.yaml"], "no-such-file.yaml"],
    ["a transport URL that is not oslo's rabbit://", ["--transport-url", "amqp://guest:guest@h/"], "--transport-url"],
  ])("refuses %s with one line and exit code 2", { timeout: 60_000 }, async (_, args, named) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "fakecloud", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(named);
  });
});
